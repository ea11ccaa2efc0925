"""What an app's files refer to: the files its HTML entry, its stylesheets and its scripts load.

The HTML is read with the standard library's HTML parser, CSS with tinycss2 (a CSS Syntax
Level 3 tokenizer) and JavaScript with tree-sitter's JavaScript grammar, so comments, strings
and escapes are read as a browser reads them. Used by :func:`microfrontends.prefetch` (what to
fetch ahead of mounting) and by ``MicroApp(embed=True)`` (what to store in the widget state).
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import tinycss2
import tree_sitter
import tree_sitter_javascript

# Script types a browser runs (the others are data blocks), as in js/loader/html-entry.ts.
_SCRIPT_TYPES = {
    "",
    "text/javascript",
    "application/javascript",
    "text/ecmascript",
    "application/ecmascript",
    "module",
}
_NOT_FETCHED = ("data:", "blob:", "javascript:", "about:", "mailto:", "#")
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


def _fetchable(value: str | None) -> bool:
    text = (value or "").strip()
    return bool(text) and not text.lower().startswith(_NOT_FETCHED)


def _absolute(value: str, base: str) -> str:
    return urldefrag(urljoin(base, value.strip())).url


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
        if _fetchable(value):
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
            for value in _url_values(
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
        elif (url := _absolute(value, base)) not in urls[kind]:
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


def css_references(css: str, sheet_url: str) -> tuple[list[str], list[str]]:
    """The URLs a stylesheet loads, absolute against ``sheet_url``: ``(imports, assets)``.

    ``imports`` are the ``@import``-ed stylesheets (to be read in turn); ``assets`` every other
    ``url(...)`` (images, fonts), quoted or not, anywhere in the sheet.
    """
    imports: list[str] = []
    others: list[object] = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if isinstance(rule, tinycss2.ast.AtRule) and rule.lower_at_keyword == "import":
            value = _import_target(rule.prelude)
            if _fetchable(value):
                imports.append(_absolute(value or "", sheet_url))
        else:
            others.append(rule)
    assets: list[str] = []
    for value in _url_values(others):
        if _fetchable(value) and (url := _absolute(value, sheet_url)) not in assets:
            assets.append(url)
    return imports, assets


def _import_target(prelude: list[object]) -> str | None:
    """What ``@import "x"``, ``@import url(x)`` or ``@import url("x")`` names."""
    for token in prelude:
        if isinstance(token, (tinycss2.ast.StringToken, tinycss2.ast.URLToken)):
            return str(token.value)
        if _is_url_function(token):
            return _url_function_value(token)
    return None


def _url_values(nodes: Iterable[object]) -> list[str]:
    """The text of every ``url(...)`` in ``nodes`` and the rules, declarations, blocks and
    functions nested in them (strings that merely contain "url(" are not looked into)."""
    values: list[str] = []
    pending = list(nodes)
    while pending:
        node = pending.pop(0)
        if isinstance(node, tinycss2.ast.URLToken):
            values.append(node.value)
        elif _is_url_function(node):
            values.append(_url_function_value(node) or "")
        else:
            pending[:0] = _children(node)
    return values


def _children(node: object) -> list[object]:
    """The component values inside a rule, declaration, block or function."""
    if isinstance(node, (tinycss2.ast.QualifiedRule, tinycss2.ast.AtRule)):
        # A rule's body holds declarations and, nested (@media, CSS nesting), rules.
        body = tinycss2.parse_blocks_contents(
            node.content or [], skip_comments=True, skip_whitespace=True
        )
        return [*node.prelude, *body]
    for name in ("value", "arguments", "content"):
        value = getattr(node, name, None)
        if isinstance(value, list):
            return list(value)
    return []


def _is_url_function(token: object) -> bool:
    return isinstance(token, tinycss2.ast.FunctionBlock) and token.lower_name == "url"


def _url_function_value(token: object) -> str | None:
    """The string inside ``url("...")`` (a function token, as opposed to a bare url token)."""
    for argument in getattr(token, "arguments", []):
        if argument.type == "string":
            return str(argument.value)
    return None


@dataclass
class ScriptReferences:
    """What a script's source names, each list in source order without repeats.

    ``imports``: the specifiers of static ``import``/``export ... from`` declarations (a module
    loads these before it runs); ``dynamic_imports``: ``import("x")`` calls whose argument is
    a plain string; ``asset_paths``: other string literals that are relative paths to a file
    of a web app (``"./chunk-1a2b.css"``), how bundlers list what a lazy chunk needs.
    """

    imports: list[str] = field(default_factory=list)
    dynamic_imports: list[str] = field(default_factory=list)
    asset_paths: list[str] = field(default_factory=list)


# A relative path to a file with an extension web apps load.
_ASSET_PATH = re.compile(
    r"\.{1,2}/[^\s\"'`]+\.(?:m?js|css|svg|png|jpe?g|gif|webp|avif|ico|woff2?|ttf|otf|json|wasm)",
    re.IGNORECASE,
)


# The keywords of imports and re-exports, as words: JavaScript allows no escapes in keywords,
# and vendor bundles are full of "important" and "exports".
_MODULE_KEYWORD = re.compile(r"\b(?:import|export)\b")


def _may_refer(source: str) -> bool:
    """False for a source that cannot name anything found here: skipping its parse (a second
    per MB or so) keeps large vendor bundles cheap."""
    return "./" in source or _MODULE_KEYWORD.search(source) is not None


# Dynamic imports, and the strings that may be relative paths (read further in Python).
_QUERY = """
(call_expression function: (import)
                 arguments: (arguments . [(string) (template_string)] @dynamic))
([(string) (template_string)] @literal (#match? @literal "^.[.][.]?/"))
"""


@functools.cache
def _language() -> tree_sitter.Language:
    return tree_sitter.Language(tree_sitter_javascript.language())


@functools.cache
def _query() -> tree_sitter.Query:
    return tree_sitter.Query(_language(), _QUERY)


_parsers = threading.local()  # a tree-sitter parser is not safe to share between threads


def _parse(data: bytes) -> tree_sitter.Node:
    parser: tree_sitter.Parser | None = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = tree_sitter.Parser(_language())
    return parser.parse(data).root_node


def script_references(source: str) -> ScriptReferences:
    """The imports and asset paths a JavaScript source names (see :class:`ScriptReferences`)."""
    found = ScriptReferences()
    if not _may_refer(source):
        return found
    data = source.encode("utf-8")
    root = _parse(data)
    specifiers = _static_imports(root, data, found.imports)
    captures = tree_sitter.QueryCursor(_query()).captures(root)
    for name, target in (("dynamic", found.dynamic_imports), ("literal", found.asset_paths)):
        for node in sorted(captures.get(name, []), key=lambda n: n.start_byte):
            value = _literal_value(node, data)
            if name == "literal" and (
                node.byte_range in specifiers or not _ASSET_PATH.fullmatch(value or "")
            ):
                continue
            specifiers.add(node.byte_range)
            if value is not None and value not in target:
                target.append(value)
    return found


def _static_imports(
    root: tree_sitter.Node, data: bytes, specifiers: list[str]
) -> set[tuple[int, int]]:
    """Appends the sources of ``root``'s import and export declarations to ``specifiers``;
    returns where their string literals stand."""
    literals: set[tuple[int, int]] = set()
    for node in root.children:  # declarations stand at the top level of a module
        string = (
            node.child_by_field_name("source")
            if node.type in ("import_statement", "export_statement")
            else None
        )
        if string is None:
            continue
        literals.add(string.byte_range)
        text = _literal_value(string, data)
        if text is not None and text not in specifiers:
            specifiers.append(text)
    return literals


def _literal_value(node: tree_sitter.Node, data: bytes) -> str | None:
    """The text of a string literal, or of a template literal with no ``${}``; else None."""
    if any(child.type == "template_substitution" for child in node.named_children):
        return None
    return data[node.start_byte + 1 : node.end_byte - 1].decode("utf-8")


def module_imports(source: str) -> list[str]:
    """The specifiers a JavaScript module loads before it runs, in source order.

    These are its static ``import ... from "x"``, ``import "x"`` and ``export ... from "x"``
    declarations; dynamic ``import()`` calls load later, when the code runs, and are left out.
    """
    imports: list[str] = []
    if _may_refer(source):
        data = source.encode("utf-8")
        _static_imports(_parse(data), data, imports)
    return imports


def resolve_specifier(
    specifier: str, importer: str, imports: dict[str, str], map_base: str
) -> str | None:
    """The URL a module specifier names, as the browser resolves it with an import map.

    Relative and absolute URLs resolve against ``importer``; bare specifiers through
    ``imports`` (exact keys, then the longest key ending in ``/`` that prefixes it), whose
    URLs resolve against ``map_base``. None for a bare specifier the map does not name.
    """
    if specifier.startswith(("./", "../", "/")) or urlsplit(specifier).scheme:
        return _absolute(specifier, importer)
    if specifier in imports:
        return _absolute(imports[specifier], map_base)
    prefixes = [key for key in imports if key.endswith("/") and specifier.startswith(key)]
    if not prefixes:
        return None
    key = max(prefixes, key=len)
    return _absolute(imports[key] + specifier[len(key) :], map_base)
