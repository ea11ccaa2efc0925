"""The browser runtime as the package ships it: ``static/widget.js`` and the on-demand parts.

The parts (named in :data:`microfrontends.protocol.RUNTIME_PARTS`) are ``static/<part>.js``;
the page asks for one from the kernel at :data:`RUNTIME_URL` ``<part>.js``, or from the server
extension, and an embedded app carries those its modes need.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from .protocol import FETCHED_KIND, RUNTIME_PARTS, RUNTIME_PATH, VIRTUAL_ORIGIN

STATIC = Path(__file__).parent / "static"
RUNTIME_URL = f"{VIRTUAL_ORIGIN}/{RUNTIME_PATH}"
"""Where the page asks the kernel for the runtime's parts (``js/widget.ts``: ``runtimePart``)."""
PART_DESCRIPTIONS = {
    "modules": "the ES module loader",
    "css": "the CSS url() rewriter",
    "strict": "the strict sandbox",
    "scoped": "scoped CSS",
    "proxy": "the proxy sandbox",
    "snapshot": "the snapshot sandbox",
    "page": 'the page realm of sandbox="none"',
    "routes": "route sync",
    "prefetch": "prefetch in the browser",
    "errors": "the error panel",
    "chunks": "big-message chunking",
    "realm": "the patches of an app's realm in the iframe and proxy sandboxes",
    "logs": "the app's logs",
}
"""What each part is, for error messages; one entry per part of the protocol."""
# The part each of these sandbox and css modes needs; the module loader is embedded for every
# app, as any app may add a module script at run time, and so is the error panel, as any app may
# fail, and the logs part, as any app may log.
SANDBOX_PARTS = {
    "iframe": ("realm",),
    "proxy": ("proxy", "realm"),
    "strict": ("strict",),
    "snapshot": ("snapshot",),
    "none": ("page",),
}
CSS_PARTS = {"scoped": "scoped"}


@functools.cache
def widget_module() -> str:
    """The bundled browser runtime; read once, so that importing works in an unbuilt checkout."""
    widget = STATIC / "widget.js"
    if not widget.is_file():
        raise RuntimeError(
            f"the browser runtime {widget} is missing: this checkout was not built. "
            "Run `pip install -e .` (which runs the npm build) or `npm ci && npm run build` "
            "at the repository root"
        )
    return widget.read_text(encoding="utf-8")


def part_name(file: str) -> str | None:
    """The part whose file is ``file`` (``"modules.js"``), or None if no part has that file."""
    name = file.removesuffix(".js")
    return name if file.endswith(".js") and name in RUNTIME_PARTS else None


def parts_needed(sandbox: str, css: str, sync_route: bool) -> dict[str, Path]:
    """The runtime parts an embedded app with these options loads: URL -> file."""
    parts = ["modules", "css", "errors", "logs"]
    parts += [*SANDBOX_PARTS.get(sandbox, ()), *([CSS_PARTS[css]] if css in CSS_PARTS else [])]
    if sync_route:
        parts.append("routes")
    return {f"{RUNTIME_URL}{part}.js": STATIC / f"{part}.js" for part in parts}


def part_reply(request_id: object, url: str) -> tuple[dict[str, Any], list[bytes]]:
    """The ``mf:fetched`` reply, and its buffers, to the page's request of the part at ``url``."""
    reply = {"kind": FETCHED_KIND, "id": request_id, "url": url}
    part = part_name(url.removeprefix(RUNTIME_URL))
    if part is None:
        error = f"GET {url} failed: no such part of the runtime"
        return {**reply, "ok": False, "status": 404, "error": error}, []
    try:
        body = (STATIC / f"{part}.js").read_bytes()
    except OSError as exc:
        error = (
            f"the runtime's {PART_DESCRIPTIONS[part]} is missing ({exc}); "
            "rebuild with `npm run build`"
        )
        return {**reply, "ok": False, "status": 404, "error": error}, []
    return {**reply, "ok": True, "status": 200, "contentType": "text/javascript"}, [body]
