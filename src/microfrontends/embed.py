"""Embedding an app in the widget state, so that a saved notebook or an exported page shows it
with no kernel.

:func:`collect_app` starts at the app's HTML entry and follows what it references (the crawl of
:mod:`microfrontends.entry_graph`): stylesheets (with their ``@import`` and ``url()`` assets:
fonts, images), classic and module scripts, the static and dynamic imports of module scripts
that name a string, images and media, icons and preloads, and relative asset paths written as
strings in scripts (how Vite lists the CSS of a lazy chunk). The browser serves these files
from the widget state before asking any transport.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .entry_graph.crawl import Reference, crawl
from .entry_graph.urls import asset_key
from .transport import Asset, AssetError

FETCH_WORKERS = 8
DEFAULT_EMBED_LIMIT = 10 * 2**20
"""Bytes an embedded app may take by default (before the base64 of a saved notebook)."""

Read = Callable[[str], Asset]
"""How the app's files are read: :meth:`microfrontends.transport.KernelReader.read`."""


class FullStateInExports:
    """Keeps every trait in exported widget state.

    ``ipywidgets.embed`` drops trait values equal to their defaults, but a page with no kernel
    has no Python to fill them in: anywidget would lose the view's name and the runtime the
    traits it reads. A mixin placed before ``anywidget.AnyWidget``.
    """

    def get_state(self, key: Any = None, drop_defaults: bool = False) -> dict[str, Any]:
        return super().get_state(key, drop_defaults=False)  # type: ignore[misc]


class EmbedSizeError(ValueError):
    """The files of an app to embed take more than the embed limit."""


@dataclass
class EmbeddedApp:
    """The files of an app, by the URL the browser will ask for, and what could not be had."""

    assets: dict[str, Asset] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    size: int = 0
    """Bytes of the distinct files (a redirect's two URLs count once)."""

    def state(self) -> dict[str, Any]:
        """The ``_embedded`` trait: ``{"files": {url: {"url", "type", "body"}}}``; the bodies are
        bytes, which travel (and are saved) as binary buffers."""
        return {
            "files": {
                url: {"url": asset.url, "type": asset.content_type, "body": asset.body}
                for url, asset in self.assets.items()
            }
        }


def collect_app(
    name: str,
    entry_url: str,
    read: Read,
    *,
    html: str = "",
    import_map: dict[str, Any] | None = None,
    limit: int = DEFAULT_EMBED_LIMIT,
) -> EmbeddedApp:
    """Read the app at ``entry_url`` (or the inline ``html``) and every file it references.

    Raises :class:`AssetError` when the entry itself cannot be read and
    :class:`EmbedSizeError` past ``limit`` bytes. Files referenced by the HTML or CSS, and
    modules imported statically, that cannot be read are listed in ``missing``; dynamic
    imports and paths only guessed from scripts' strings are skipped.
    """
    app = EmbeddedApp()

    def on_file(reference: Reference, asset: Asset) -> bool:
        return _add(app, asset_key(reference.url), asset, name, limit)

    def on_error(reference: Reference, error: AssetError) -> None:
        if reference.kind == "html":
            raise error
        if reference.need != "guess":
            app.missing.append(f"{reference.url} ({error.status or 'no response'}: {error.reason})")

    imports = dict((import_map or {}).get("imports", {}))
    crawl(entry_url, read, on_file, on_error, html=html, import_map=imports, workers=FETCH_WORKERS)
    return app


def _add(app: EmbeddedApp, key: str, asset: Asset, name: str, limit: int) -> bool:
    """Embed ``asset`` under ``key`` and its final URL; False if a redirect led to a file
    already embedded. Raises :class:`EmbedSizeError` past ``limit``."""
    final = asset_key(asset.url)
    if final in app.assets:
        app.assets[key] = app.assets[final]
        return False
    app.assets[key] = app.assets[final] = asset
    app.size += len(asset.body)
    if app.size > limit:
        raise EmbedSizeError(
            f"cannot embed the app {name!r}: its files take at least {_size(app.size)} "
            f"({len(app.assets)} files so far), more than the embed limit of {_size(limit)}. "
            f"Raise the limit with MicroApp(..., embed=True, "
            f"embed_limit={_suggest(app.size)}) or leave embed off"
        )
    return True


def embed_state(
    name: str,
    entry_url: str,
    html: str,
    read: Read,
    *,
    import_map: dict[str, Any] | None,
    limit: int | None,
    runtime: dict[str, Path],
) -> dict[str, Any]:
    """The ``_embedded`` trait of an app: its files (see :func:`collect_app`) and the parts of
    the browser runtime named in ``runtime`` (URL -> file), which a page with no kernel cannot
    fetch. Warns about referenced files that could not be fetched."""
    limit = _check_limit(limit)
    app = collect_app(name, entry_url, read, html=html, import_map=import_map, limit=limit)
    for url, path in runtime.items():
        try:
            body = path.read_bytes()
        except OSError as exc:
            raise RuntimeError(
                f"cannot embed the runtime's {path.name}: {exc}; rebuild with `npm run build`"
            ) from None
        app.assets[url] = Asset(url=url, status=200, content_type="text/javascript", body=body)
    if app.missing:
        listed = "; ".join(app.missing[:5]) + (" ..." if len(app.missing) > 5 else "")
        warnings.warn(
            f"the embedded copy of the app {name!r} lacks {len(app.missing)} "
            f"referenced file(s) that could not be fetched: {listed}",
            stacklevel=3,
        )
    return app.state()


def _check_limit(limit: object) -> int:
    if limit is None:
        return DEFAULT_EMBED_LIMIT
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"embed_limit must be a number of bytes, not {type(limit).__name__}")
    if limit <= 0:
        raise ValueError(f"embed_limit={limit!r} must be a positive number of bytes")
    return limit


def _size(n_bytes: int) -> str:
    """``693 bytes``, ``97.7 KB``, ``10 MB``."""
    for unit, size in (("MB", 2**20), ("KB", 2**10)):
        if n_bytes >= size:
            return f"{n_bytes / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n_bytes} bytes"


def _suggest(size: int) -> int:
    """A limit comfortably above ``size``, rounded up to whole MiB."""
    return (size * 2 // 2**20 + 1) * 2**20
