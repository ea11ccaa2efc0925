"""What an HTML entry loads, read with the standard library's HTML parser as a browser reads it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import tinycss2

from .stylesheets import url_values
from .urls import absolute, fetchable

# Script types a browser runs (the others are data blocks), as in js/loader/html-entry.ts.
_SCRIPT_TYPES = {
    "",
    "text/javascript",
    "application/javascript",
    "text/ecmascript",
    "application/ecmascript",
    "module",
}
# Attributes that name a file the element loads by itself (srcset is read on its own).
_LOADING_ATTRIBUTES = {
    "img": ("src",),
    "source": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
_OTHER_LINK_RELS = {"icon", "apple-touch-icon", "manifest", "preload", "prefetch"}


@dataclass
class EntryReferences:
    """The files an HTML entry loads, as absolute URLs in document order, without repeats.

    ``stylesheets``: ``<link rel="stylesheet">`` and ``<link rel="preload" as="style">``;
    ``scripts``: classic ``<script src>`` (not ``nomodule`` ones, which no modern browser
    runs); ``modules``: ``<script type="module" src>`` and ``<link rel="modulepreload">`` (a
    Vite build lists its chunks so); ``media``: what elements load by themselves (``<img
    src>``, ``<video poster>``, ``<object data>``, SVG ``<use href>``...) and the ``url()``\\ s
    of ``style`` attributes; ``srcset``: every candidate of ``srcset`` attributes (the browser
    loads one of each); ``links``: the other files ``<link>`` names (icons, manifests,
    preloads, prefetches).

    Inline content is kept as text: ``inline_css`` (``<style>``), ``inline_scripts`` and
    ``inline_modules`` (``<script>`` without ``src``), whose references resolve against
    ``base_url``; ``import_map`` merges the ``imports`` of ``<script type="importmap">``
    elements, their URLs made absolute.
    """

    base_url: str
    stylesheets: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)
    media: list[str] = field(default_factory=list)
    srcset: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    inline_css: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    inline_modules: list[str] = field(default_factory=list)
    import_map: dict[str, str] = field(default_factory=dict)


class _EntryParser(HTMLParser):
    """Collects the raw references of an HTML document; URLs are resolved afterwards, against
    the document's ``<base href>`` wherever it stands."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base_href: str | None = None
        self.found: list[tuple[str, str]] = []  # (kind, raw URL or inline text)
        self._inline: tuple[str, str] | None = None  # (closing tag, kind) of the open element
        self._text: list[str] = []

    def _url(self, kind: str, value: str | None) -> None:
        if fetchable(value):
            self.found.append((kind, value or ""))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "base" and self.base_href is None and values.get("href"):
            self.base_href = values["href"]
        elif tag == "link":
            rel = set(values.get("rel", "").lower().split())
            preload_as = values.get("as", "").strip().lower()
            if "stylesheet" in rel or ("preload" in rel and preload_as == "style"):
                self._url("stylesheet", values.get("href"))
            elif "modulepreload" in rel:
                self._url("module", values.get("href"))
            elif rel & _OTHER_LINK_RELS:
                self._url("link", values.get("href"))
        elif tag == "script":
            script_type = values.get("type", "").strip().lower()
            if script_type in _SCRIPT_TYPES and "nomodule" not in values:
                kind = "module" if script_type == "module" else "script"
                if "src" in values:
                    self._url(kind, values["src"])
                else:
                    self._inline, self._text = (tag, f"inline {kind}"), []
            elif script_type == "importmap" and "src" not in values:
                self._inline, self._text = (tag, "importmap"), []
        elif tag == "style":
            self._inline, self._text = (tag, "inline css"), []
        for attribute in _LOADING_ATTRIBUTES.get(tag, ()):
            self._url("media", values.get(attribute))
        for candidate in srcset_urls(values.get("srcset", "")):
            self._url("srcset", candidate)
        if values.get("style"):
            for value in url_values(
                tinycss2.parse_blocks_contents(
                    values["style"], skip_comments=True, skip_whitespace=True
                )
            ):
                self._url("media", value)

    def handle_data(self, data: str) -> None:
        if self._inline is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._inline is not None and self._inline[0] == tag:
            self.found.append((self._inline[1], "".join(self._text)))
            self._inline = None


def entry_references(html: str, entry_url: str) -> EntryReferences:
    """The files the HTML entry ``html`` (served from ``entry_url``) loads.

    URLs resolve against ``<base href>`` when the document has one (itself resolved against
    ``entry_url``), as the browser does.
    """
    parser = _EntryParser()
    parser.feed(html)
    parser.close()
    base = urljoin(entry_url, parser.base_href) if parser.base_href else entry_url
    refs = EntryReferences(base_url=base)
    urls = {
        "stylesheet": refs.stylesheets,
        "script": refs.scripts,
        "module": refs.modules,
        "media": refs.media,
        "srcset": refs.srcset,
        "link": refs.links,
    }
    texts = {
        "inline css": refs.inline_css,
        "inline script": refs.inline_scripts,
        "inline module": refs.inline_modules,
    }
    for kind, value in parser.found:
        if kind in texts:
            texts[kind].append(value)
        elif kind == "importmap":
            refs.import_map.update(_import_map_imports(value, base))
        elif (url := absolute(value, base)) not in urls[kind]:
            urls[kind].append(url)
    return refs


def _import_map_imports(text: str, base: str) -> dict[str, str]:
    """The ``imports`` of an inline import map, URLs absolute; nothing if it is not valid."""
    try:
        imports = json.loads(text).get("imports", {})
    except (ValueError, AttributeError):
        return {}
    if not isinstance(imports, dict):
        return {}
    return {
        key: urljoin(base, value)
        for key, value in imports.items()
        if isinstance(key, str) and isinstance(value, str)
    }


def srcset_urls(srcset: str) -> list[str]:
    """The candidate URLs of a ``srcset`` attribute, split as the HTML standard splits them.

    A URL runs to the next whitespace (so a ``data:`` URL keeps its commas); after it, a comma
    ends the candidate only outside the parentheses of a descriptor.
    """
    urls: list[str] = []
    position, end = 0, len(srcset)
    while position < end:
        if srcset[position].isspace() or srcset[position] == ",":
            position += 1
            continue
        start = position
        while position < end and not srcset[position].isspace():
            position += 1
        url = srcset[start:position]
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # the descriptors, up to the comma that ends the candidate
            depth = 0
            while position < end and (srcset[position] != "," or depth):
                depth += {"(": 1, ")": -1}.get(srcset[position], 0)
                position += 1
        urls.append(url)
    return urls
