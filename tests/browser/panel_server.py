"""Start and stop ``panel serve`` for the browser tests; give its pages anywidget's front end."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

import anywidget
from playwright.sync_api import Page, Route

from .servers import BIN_DIR, _http_ok, _spawn, _Subprocess, _wait_ready, free_port, jupyter_env

# Panel's widget manager (ipywidgets_bokeh) loads each widget's front-end module from unpkg.com,
# anywidget's as anywidget@<range>/dist/index. That file of the npm package is the AMD bundle
# the Python package ships as nbextension/index.js (the same bytes for the same version).
ANYWIDGET_FROM_CDN = "https://unpkg.com/anywidget@*/dist/index"
ANYWIDGET_AMD = Path(anywidget.__file__).parent / "nbextension" / "index.js"


@dataclass
class PanelServer(_Subprocess):
    url: str


def start_panel(app: Path, tmp: Path) -> PanelServer:
    """Serve ``app`` (a Panel script) with ``panel serve`` on a free port, from ``tmp`` (with
    the Jupyter directories there too); the page is at ``url``. Panel runs the script anew for
    each page view."""
    port = free_port()
    args = [
        str(BIN_DIR / "panel"), "serve", str(app), "--address=127.0.0.1", f"--port={port}",
        f"--allow-websocket-origin=127.0.0.1:{port}", "--liveness",
    ]  # fmt: skip
    spawned = _spawn(args, tmp, jupyter_env(tmp), tmp / f"panel-{port}.log")
    base = f"http://127.0.0.1:{port}/"
    _wait_ready(spawned, "Panel", partial(_http_ok, f"{base}liveness"))
    return PanelServer(**vars(spawned), url=f"{base}{app.stem}")


def serve_anywidget_locally(page: Page) -> None:
    """Answer the page's request for anywidget's front end from the installed package, as
    unpkg.com would (these machines reach no CDN)."""

    def fulfill(route: Route) -> None:
        route.fulfill(
            path=ANYWIDGET_AMD,
            content_type="text/javascript",
            headers={"Access-Control-Allow-Origin": "*"},
        )

    page.route(ANYWIDGET_FROM_CDN, fulfill)
