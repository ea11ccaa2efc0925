"""Moving an app's files from where they live to the browser, through the kernel."""

from .asset import Asset, AssetError, guess_content_type
from .cache import DEFAULT_MAX_BYTES, AssetCache
from .http import HttpFetcher, shared_fetcher
from .kernel import KernelTransport
from .local import LocalRoot
from .reader import KernelReader, local_root_id

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Asset",
    "AssetCache",
    "AssetError",
    "HttpFetcher",
    "KernelReader",
    "KernelTransport",
    "LocalRoot",
    "guess_content_type",
    "local_root_id",
    "shared_fetcher",
]
