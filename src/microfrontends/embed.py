"""Embedding an app in the widget state, so that a saved notebook or an exported page shows it
with no kernel.

:func:`collect_app` starts at the app's HTML entry and follows what it references (found by
:mod:`microfrontends.entry_assets`): stylesheets (with their ``@import`` and ``url()`` assets:
fonts, images), classic and module scripts, the static and dynamic imports of module scripts
that name a string, images and media, icons and preloads, and relative asset paths written as
strings in scripts (how Vite lists the CSS of a lazy chunk). The browser serves these files
from the widget state before asking any transport.
"""

from __future__ import annotations

import warnings
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urldefrag, urljoin, urlsplit, urlunsplit

from .entry_assets import css_references, entry_references, resolve_specifier, script_references
from .transport import Asset, AssetError

FETCH_WORKERS = 8
DEFAULT_EMBED_LIMIT = 10 * 2**20
"""Bytes an embedded app may take by default (before the base64 of a saved notebook)."""

Kind = Literal["html", "css", "module", "script", "asset"]
Fetch = Callable[[str], Asset]
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


_DEFAULT_PORTS = {"http": 80, "https": 443}


def asset_key(url: str) -> str:
    """The URL as the browser's ``new URL(url).href`` writes it, without its fragment: scheme
    and host in lower case, no default port, unsafe characters percent-encoded."""
    parts = urlsplit(urldefrag(url)[0])
    scheme = parts.scheme.lower()
    netloc = parts.netloc
    if parts.hostname is not None:
        host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        port = parts.port if parts.port != _DEFAULT_PORTS.get(scheme) else None
        userinfo = netloc.rpartition("@")[0]
        netloc = (f"{userinfo}@" if userinfo else "") + host + (f":{port}" if port else "")
    normalised = urlunsplit(
        (scheme, netloc, parts.path or ("/" if netloc else ""), parts.query, "")
    )
    return quote(normalised, safe=":/?#[]@!$&'()*+,;=%~")


def collect_app(
    name: str,
    entry_url: str,
    fetch: Fetch,
    *,
    html: str = "",
    import_map: dict[str, Any] | None = None,
    limit: int = DEFAULT_EMBED_LIMIT,
) -> EmbeddedApp:
    """Fetch the app at ``entry_url`` (or the inline ``html``) and every file it references.

    Raises :class:`AssetError` when the entry itself cannot be fetched and
    :class:`EmbedSizeError` past ``limit`` bytes. Files referenced by the HTML or CSS, and
    modules imported statically, that cannot be fetched are listed in ``missing``; dynamic
    imports and paths only guessed from scripts' strings are skipped.
    """
    app = EmbeddedApp()
    references = _References(dict((import_map or {}).get("imports", {})), entry_url)
    queue: deque[tuple[str, Kind, bool]] = deque()

    def visit(url: str, text: str, kind: Kind) -> None:
        queue.extend(references.of(text, url, kind))

    if html:
        visit(entry_url, html, "html")
    else:
        queue.append((entry_url, "html", False))
    tried: set[str] = set()
    with ThreadPoolExecutor(max_workers=FETCH_WORKERS) as pool:
        while queue:
            batch: list[tuple[str, str, Kind, bool]] = []
            while queue:
                url, kind, guessed = queue.popleft()
                key = asset_key(url)
                if key not in tried and key.startswith(("http://", "https://")):
                    tried.add(key)
                    batch.append((url, key, kind, guessed))
            # Each round of the crawl fetches in parallel: an http(s) app's files arrive in as
            # many round trips as its references are deep, not as it has files.
            results = pool.map(lambda item: _attempt(fetch, item[1]), batch)
            for (url, key, kind, guessed), result in zip(batch, results, strict=True):
                if isinstance(result, AssetError):
                    if url == entry_url:
                        raise result
                    if not guessed:
                        app.missing.append(
                            f"{url} ({result.status or 'no response'}: {result.reason})"
                        )
                    continue
                if _add(app, key, result, name, limit) and kind != "asset":
                    tried.add(asset_key(result.url))
                    visit(result.url, result.body.decode("utf-8", "replace"), kind)
    return app


def _attempt(fetch: Fetch, url: str) -> Asset | AssetError:
    try:
        return fetch(url)
    except AssetError as err:
        return err


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
    fetch: Fetch,
    *,
    import_map: dict[str, Any] | None,
    limit: int | None,
    runtime: dict[str, Path],
) -> dict[str, Any]:
    """The ``_embedded`` trait of an app: its files (see :func:`collect_app`) and the parts of
    the browser runtime named in ``runtime`` (URL -> file), which a page with no kernel cannot
    fetch. Warns about referenced files that could not be fetched."""
    limit = _check_limit(limit)
    app = collect_app(name, entry_url, fetch, html=html, import_map=import_map, limit=limit)
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


@dataclass
class _References:
    """Finds the files a fetched file refers to, bare module specifiers resolved through the
    app's import map: the given one and any the entry holds inline."""

    imports: dict[str, str]
    map_base: str

    def of(self, text: str, url: str, kind: Kind) -> Iterator[tuple[str, Kind, bool]]:
        """(absolute URL, kind, guessed) of each file ``text``, served from ``url``, names."""
        if kind == "html":
            refs = entry_references(text, url)
            # The runtime resolves the given import map against the entry's base URL.
            self.map_base = refs.base_url
            self.imports.update(refs.import_map)
            linked: tuple[tuple[list[str], Kind], ...] = (
                (refs.stylesheets, "css"),
                (refs.scripts, "script"),
                (refs.modules, "module"),
                (refs.media + refs.srcset + refs.links, "asset"),
            )
            for urls, ref_kind in linked:
                yield from ((ref, ref_kind, False) for ref in urls)
            written_inline: tuple[tuple[list[str], Kind], ...] = (
                (refs.inline_css, "css"),
                (refs.inline_scripts, "script"),
                (refs.inline_modules, "module"),
            )
            for texts, inline_kind in written_inline:
                for inline in texts:
                    yield from self.of(inline, refs.base_url, inline_kind)
        elif kind == "css":
            sheets, assets = css_references(text, url)
            yield from ((sheet, "css", False) for sheet in sheets)
            yield from ((asset, "asset", False) for asset in assets)
        else:
            found = script_references(text)
            if kind == "module":
                # A static import is certain; a dynamic one may sit in code that never runs.
                for specifiers, guessed in ((found.imports, False), (found.dynamic_imports, True)):
                    for specifier in specifiers:
                        module = resolve_specifier(specifier, url, self.imports, self.map_base)
                        if module is not None:
                            yield module, "module", guessed
            for path in found.asset_paths:
                yield urljoin(url, path), _kind_of_path(path), True


def _kind_of_path(path: str) -> Kind:
    lowered = path.lower()
    if lowered.endswith(".css"):
        return "css"
    if lowered.endswith((".js", ".mjs")):
        return "module"
    return "asset"
