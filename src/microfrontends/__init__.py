"""Mount independent web apps in Jupyter outputs and Voila dashboards.

``MicroApp`` mounts an app given by an http(s) URL, a local folder or inline HTML, isolated
from the notebook page and from other apps, with the kernel as its asset server.
``GlobalState`` is a JSON object shared by Python and the apps; apps and Python exchange
events with ``emit``/``on``; ``MicroApp.logs`` holds what an app logged. ``Dashboard`` and
``Tabs`` lay apps and other widgets out for Voila. ``prefetch`` fetches apps' files ahead of
mounting them, into the kernel's ``asset_cache``.
"""

from importlib.metadata import PackageNotFoundError, version

from .app import MicroApp
from .app_logs import LogEntry
from .layout import Dashboard, Tabs
from .prefetch import PrefetchReport, asset_cache, prefetch
from .state import GlobalState

try:
    __version__ = version("microfrontends")
except PackageNotFoundError:
    __version__ = "0.0.0"

__all__ = [
    "Dashboard",
    "GlobalState",
    "LogEntry",
    "MicroApp",
    "PrefetchReport",
    "Tabs",
    "__version__",
    "asset_cache",
    "prefetch",
]
