"""Moving an app's files from where they live to the browser, through the kernel."""

from .asset import Asset, AssetError, guess_content_type
from .http import HttpFetcher
from .kernel import VIRTUAL_ORIGIN, KernelTransport, local_root_id
from .local import LocalRoot

__all__ = [
    "VIRTUAL_ORIGIN",
    "Asset",
    "AssetError",
    "HttpFetcher",
    "KernelTransport",
    "LocalRoot",
    "guess_content_type",
    "local_root_id",
]
