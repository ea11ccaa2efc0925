"""Embedding an app in the widget state, so that a saved notebook or an exported page shows it
with no kernel.

:func:`collect_app` starts at the app's HTML entry and follows what it references: stylesheets
(with their ``@import`` and ``url()`` assets: fonts, images), classic and module scripts, the
static and dynamic imports of module scripts that name a string, images, and relative asset
paths written as strings in scripts (how Vite lists the CSS of a lazy chunk). The browser
serves these files from the widget state before asking any transport.
"""

from __future__ import annotations

import json
import re
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urldefrag, urljoin, urlsplit, urlunsplit

import tinycss2

from .transport import VIRTUAL_ORIGIN, Asset, AssetError, HttpFetcher, LocalRoot

FETCH_WORKERS = 8
DEFAULT_EMBED_LIMIT = 10 * 2**20
"""Bytes an embedded app may take by default (before the base64 of a saved notebook)."""

Kind = Literal["html", "css", "module", "script", "asset"]
Fetch = Callable[[str], Asset]


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
        return {"files": {url: {"url": asset.url, "type": asset.content_type, "body": asset.body}
                          for url, asset in self.assets.items()}}


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
    normalised = urlunsplit((scheme, netloc, parts.path or ("/" if netloc else ""),
                             parts.query, ""))
    return quote(normalised, safe=":/?#[]@!$&'()*+,;=%~")


def kernel_fetch(local_root: LocalRoot | None, local_base_url: str | None,
                 http: HttpFetcher) -> Fetch:
    """Reads what the kernel transport serves: the app's folder under the virtual origin, and
    http(s) URLs."""
    def fetch(url: str) -> Asset:
        if url.startswith(VIRTUAL_ORIGIN + "/"):
            if local_root is None or not local_base_url or not url.startswith(local_base_url):
                raise AssetError(url, 403, "the URL is not below this app's folder")
            path = urlsplit(url).path[len(urlsplit(local_base_url).path):]
            return local_root.read(path, url=url)
        return http.fetch(url)
    return fetch


def collect_app(name: str, entry_url: str, fetch: Fetch, *, html: str = "",
                import_map: dict[str, Any] | None = None,
                limit: int = DEFAULT_EMBED_LIMIT) -> EmbeddedApp:
    """Fetch the app at ``entry_url`` (or the inline ``html``) and every file it references.

    Raises :class:`AssetError` when the entry itself cannot be fetched and
    :class:`EmbedSizeError` past ``limit`` bytes. Files referenced by the HTML or CSS that
    cannot be fetched are listed in ``missing``; paths only guessed from scripts are skipped.
    """
    app = EmbeddedApp()
    imports = dict((import_map or {}).get("imports", {}))
    queue: deque[tuple[str, Kind, bool]] = deque()

    def visit(url: str, text: str, kind: Kind) -> None:
        queue.extend(_references(text, url, kind, imports, entry_url))

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
                            f"{url} ({result.status or 'no response'}: {result.reason})")
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


def embed_state(name: str, entry_url: str, html: str, fetch: Fetch, *,
                import_map: dict[str, Any] | None, limit: int | None,
                runtime: dict[str, Path]) -> dict[str, Any]:
    """The ``_embedded`` trait of an app: its files (see :func:`collect_app`) and the parts of
    the browser runtime named in ``runtime`` (URL -> file), which a page with no kernel cannot
    fetch. Warns about referenced files that could not be fetched."""
    limit = _check_limit(limit)
    app = collect_app(name, entry_url, fetch, html=html, import_map=import_map, limit=limit)
    for url, path in runtime.items():
        try:
            body = path.read_bytes()
        except OSError as exc:
            raise RuntimeError(f"cannot embed the runtime's {path.name}: {exc}; rebuild with "
                               "`npm run build`") from None
        app.assets[url] = Asset(url=url, status=200, content_type="text/javascript", body=body)
    if app.missing:
        listed = "; ".join(app.missing[:5]) + (" ..." if len(app.missing) > 5 else "")
        warnings.warn(f"the embedded copy of the app {name!r} lacks {len(app.missing)} "
                      f"referenced file(s) that could not be fetched: {listed}", stacklevel=3)
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


def _references(text: str, url: str, kind: Kind, imports: dict[str, str],
                entry_url: str) -> Iterator[tuple[str, Kind, bool]]:
    """(absolute URL, kind, guessed) of each file ``text`` refers to."""
    if kind == "html":
        parser = _HtmlReferences(url)
        parser.feed(text)
        parser.close()
        imports.update(parser.imports)
        for ref, ref_kind, inline in parser.found:
            if inline is None:
                yield ref, ref_kind, False
            else:  # an inline <style> or <script>: scan its text against the document's base
                yield from _references(inline, parser.base, ref_kind, imports, entry_url)
    elif kind == "css":
        yield from ((urljoin(url, ref), k, False) for ref, k in _css_references(text))
    else:
        if kind == "module":
            for specifier in _module_specifiers(text):
                resolved = _resolve_specifier(specifier, url, imports, entry_url)
                if resolved:
                    yield resolved, "module", True
        for path in _ASSET_PATH.findall(text):
            yield urljoin(url, path), _kind_of_path(path), True


_ASSET_PATH = re.compile(
    r"""["'`](\.{1,2}/[^"'`\s]+?\.(?:m?js|css|svg|png|jpe?g|gif|webp|avif|ico|woff2?|ttf|otf|"""
    r"""json|wasm))["'`]"""
)
_STATIC_IMPORT = re.compile(
    r"""(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?(["'])([^"'\n]+)\1""", re.M
)
_DYNAMIC_IMPORT = re.compile(r"""\bimport\s*\(\s*(["'`])([^"'`\n]+)\1\s*\)""")


def _module_specifiers(source: str) -> Iterator[str]:
    for pattern in (_STATIC_IMPORT, _DYNAMIC_IMPORT):
        for match in pattern.finditer(source):
            yield match.group(2)


def _resolve_specifier(specifier: str, base: str, imports: dict[str, str],
                       entry_url: str) -> str | None:
    """An import specifier's URL, through the import map for bare ones; None if unmapped."""
    if specifier.startswith(("./", "../", "/")) or urlsplit(specifier).scheme:
        return urljoin(base, specifier)
    if specifier in imports:
        return urljoin(entry_url, imports[specifier])
    for prefix, target in imports.items():
        if prefix.endswith("/") and specifier.startswith(prefix):
            return urljoin(urljoin(entry_url, target), specifier[len(prefix):])
    return None


def _kind_of_path(path: str) -> Kind:
    lowered = path.lower()
    if lowered.endswith(".css"):
        return "css"
    if lowered.endswith((".js", ".mjs")):
        return "module"
    return "asset"


def _css_references(text: str) -> Iterator[tuple[str, Kind]]:
    """``@import`` targets (stylesheets) and ``url()`` targets (assets) of a stylesheet."""
    for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            for token in rule.prelude:
                target = _url_of(token, strings=True)
                if target:
                    yield target, "css"
                    break
            continue
        for token in _walk([*(getattr(rule, "prelude", None) or []),
                            *(getattr(rule, "content", None) or [])]):
            target = _url_of(token, strings=False)
            if target:
                yield target, "asset"


def _style_attribute_references(text: str) -> Iterator[tuple[str, Kind]]:
    for token in _walk(tinycss2.parse_component_value_list(text, skip_comments=True)):
        target = _url_of(token, strings=False)
        if target:
            yield target, "asset"


def _walk(tokens: Iterable[Any]) -> Iterator[Any]:
    for token in tokens:
        yield token
        nested = getattr(token, "arguments", None) or getattr(token, "content", None)
        if isinstance(nested, list):
            yield from _walk(nested)


def _url_of(token: Any, *, strings: bool) -> str | None:
    """The target of ``url(x)``, ``url("x")`` and, with ``strings``, of a bare ``"x"``."""
    if token.type == "url" or (strings and token.type == "string"):
        value = token.value
    elif token.type == "function" and token.lower_name == "url":
        value = next((t.value for t in token.arguments if t.type == "string"), "")
    else:
        return None
    value = value.strip()
    return value if value and not value.startswith(("data:", "#", "blob:")) else None


# Attributes that load a file, by element; srcset is handled on its own.
_LOADING_ATTRIBUTES = {
    "img": ("src",), "source": ("src",), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"), "embed": ("src",), "object": ("data",),
}
_STYLESHEET_RELS = {"stylesheet"}
_SCRIPT_LINK_RELS = {"modulepreload"}
_ASSET_LINK_RELS = {"icon", "preload", "prefetch", "apple-touch-icon", "manifest"}
_CLASSIC_TYPES = {"", "text/javascript", "application/javascript", "module"}


class _HtmlReferences(HTMLParser):
    """Collects the files an HTML document loads, resolved against its ``<base href>``."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = url
        self._has_base = False
        # (url, kind, None) for a file; (base, kind, text) for inline CSS or module source.
        self.found: list[tuple[str, Kind, str | None]] = []
        self.imports: dict[str, str] = {}
        self._inline: tuple[str, Kind | Literal["importmap"]] | None = None
        self._text: list[str] = []

    def _add(self, ref: str | None, kind: Kind) -> None:
        if ref and ref.strip() and not ref.strip().startswith(("data:", "#", "blob:",
                                                               "javascript:", "mailto:")):
            self.found.append((urljoin(self.base, ref.strip()), kind, None))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "base" and not self._has_base and values.get("href"):
            self.base, self._has_base = urljoin(self.base, values["href"]), True
        elif tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & _STYLESHEET_RELS or (rels & {"preload"} and values.get("as") == "style"):
                self._add(values.get("href"), "css")
            elif rels & _SCRIPT_LINK_RELS:
                self._add(values.get("href"), "module")
            elif rels & _ASSET_LINK_RELS:
                self._add(values.get("href"), "asset")
        elif tag == "script":
            kind = _script_kind(values.get("type", ""))
            if kind and values.get("src"):
                self._add(values["src"], kind)
            elif kind or values.get("type", "").lower() == "importmap":
                self._inline, self._text = (tag, kind or "importmap"), []
        elif tag == "style":
            self._inline, self._text = (tag, "css"), []
        for attribute in _LOADING_ATTRIBUTES.get(tag, ()):
            self._add(values.get(attribute), "asset")
        for candidate in values.get("srcset", "").split(","):
            self._add(candidate.strip().split(" ")[0], "asset")
        if values.get("style"):
            for ref, kind in _style_attribute_references(values["style"]):
                self._add(ref, kind)

    def handle_data(self, data: str) -> None:
        if self._inline is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._inline is None or self._inline[0] != tag:
            return
        kind, text = self._inline[1], "".join(self._text)
        self._inline = None
        if kind == "importmap":
            self._read_import_map(text)
        else:
            self.found.append((self.base, kind, text))

    def _read_import_map(self, text: str) -> None:
        try:
            imports = json.loads(text).get("imports", {})
        except (ValueError, AttributeError):
            return
        if isinstance(imports, dict):
            self.imports.update({k: urljoin(self.base, v) for k, v in imports.items()
                                 if isinstance(k, str) and isinstance(v, str)})


def _script_kind(script_type: str) -> Kind | None:
    script_type = script_type.strip().lower()
    if script_type not in _CLASSIC_TYPES:
        return None
    return "module" if script_type == "module" else "script"
