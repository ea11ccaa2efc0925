"""What an app's files refer to: the assets its HTML entry and its stylesheets load.

The HTML is read with the standard library's HTML parser, CSS with tinycss2 (a CSS Syntax
Level 3 tokenizer) and JavaScript modules with tree-sitter's JavaScript grammar, so comments,
strings and escapes are read as a browser reads them. Used by
:func:`microfrontends.prefetch` to find what to fetch ahead of mounting.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin

import tinycss2
import tree_sitter
import tree_sitter_javascript

# Script types a browser runs (the others are data blocks), as in js/loader/html-entry.ts.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "text/ecmascript",
                 "application/ecmascript", "module"}
_NOT_FETCHED = ("data:", "blob:", "javascript:", "about:", "mailto:", "#")


@dataclass
class EntryReferences:
    """The assets an HTML entry loads, as absolute URLs in document order, without repeats.

    ``stylesheets``: ``<link rel="stylesheet">``; ``scripts``: classic ``<script src>``;
    ``modules``: ``<script type="module" src>`` and ``<link rel="modulepreload">`` (a Vite
    build lists its chunks so); ``inline_css``: the text of ``<style>`` elements, whose
    ``url()`` and ``@import`` references resolve against ``base_url``.
    """

    base_url: str
    stylesheets: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)
    inline_css: list[str] = field(default_factory=list)


def _fetchable(value: str | None) -> bool:
    return bool(value and value.strip()) and not value.strip().lower().startswith(_NOT_FETCHED)


def _absolute(value: str, base: str) -> str:
    return urldefrag(urljoin(base, value.strip())).url


class _EntryParser(HTMLParser):
    """Collects the raw references of an HTML document; URLs are resolved afterwards."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base_href: str | None = None
        self.found: list[tuple[str, str]] = []  # (kind, raw URL or CSS text)
        self._in_style = False
        self._style: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "base" and self.base_href is None and values.get("href"):
            self.base_href = values["href"]
        elif tag == "link":
            rel = values.get("rel", "").lower().split()
            href = values.get("href")
            if _fetchable(href):
                if "stylesheet" in rel:
                    self.found.append(("stylesheet", href or ""))
                elif "modulepreload" in rel:
                    self.found.append(("module", href or ""))
        elif tag == "script":
            kind = values.get("type", "").strip().lower()
            src = values.get("src")
            if kind in _SCRIPT_TYPES and "nomodule" not in values and _fetchable(src):
                self.found.append(("module" if kind == "module" else "script", src or ""))
        elif tag == "style":
            self._in_style, self._style = True, []

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._style.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style" and self._in_style:
            self._in_style = False
            self.found.append(("css", "".join(self._style)))


def entry_references(html: str, entry_url: str) -> EntryReferences:
    """The assets the HTML entry ``html`` (served from ``entry_url``) loads.

    URLs resolve against ``<base href>`` when the document has one (itself resolved against
    ``entry_url``), as the browser does.
    """
    parser = _EntryParser()
    parser.feed(html)
    parser.close()
    base = urljoin(entry_url, parser.base_href) if parser.base_href else entry_url
    refs = EntryReferences(base_url=base)
    lists = {"stylesheet": refs.stylesheets, "script": refs.scripts, "module": refs.modules}
    for kind, value in parser.found:
        if kind == "css":
            refs.inline_css.append(value)
            continue
        url = _absolute(value, base)
        if url not in lists[kind]:
            lists[kind].append(url)
    return refs


def css_references(css: str, sheet_url: str) -> tuple[list[str], list[str]]:
    """The URLs a stylesheet loads, absolute against ``sheet_url``: ``(imports, assets)``.

    ``imports`` are the ``@import``-ed stylesheets (to be read in turn); ``assets`` every other
    ``url(...)`` (images, fonts), quoted or not, anywhere in the sheet.
    """
    imports: list[str] = []
    assets: list[str] = []
    tokens = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    pending: list[object] = list(tokens)
    while pending:
        node = pending.pop(0)
        if isinstance(node, tinycss2.ast.AtRule) and node.lower_at_keyword == "import":
            target = next((t for t in node.prelude if t.type in ("string", "url")), None)
            if target is None:
                target = next((t for t in node.prelude if _is_url_function(t)), None)
                value = _url_function_value(target) if target is not None else None
            else:
                value = target.value
            if _fetchable(value):
                imports.append(_absolute(value or "", sheet_url))
            continue
        for child in _children(node):
            if isinstance(child, tinycss2.ast.URLToken):
                value = child.value
            elif _is_url_function(child):
                value = _url_function_value(child)
            else:
                pending.append(child)
                continue
            if _fetchable(value):
                url = _absolute(value or "", sheet_url)
                if url not in assets:
                    assets.append(url)
    return imports, assets


def _children(node: object) -> list[object]:
    """The component values inside a rule, declaration, block or function."""
    if isinstance(node, (tinycss2.ast.QualifiedRule, tinycss2.ast.AtRule)):
        # A rule's body holds declarations and, nested (@media, CSS nesting), rules.
        body = tinycss2.parse_blocks_contents(node.content or [], skip_comments=True,
                                              skip_whitespace=True)
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


@functools.cache
def _js_parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_javascript.language()))


def module_imports(source: str) -> list[str]:
    """The specifiers a JavaScript module loads before it runs, in source order.

    These are its static ``import ... from "x"``, ``import "x"`` and ``export ... from "x"``
    declarations; dynamic ``import()`` calls load later, when the code runs, and are left out.
    """
    data = source.encode("utf-8")
    tree = _js_parser().parse(data)
    specifiers: list[str] = []
    for node in tree.root_node.children:
        if node.type not in ("import_statement", "export_statement"):
            continue
        string = node.child_by_field_name("source")
        if string is None:
            continue
        text = data[string.start_byte + 1:string.end_byte - 1].decode("utf-8")
        if text not in specifiers:
            specifiers.append(text)
    return specifiers


def resolve_specifier(specifier: str, importer: str, imports: dict[str, str],
                      map_base: str) -> str | None:
    """The URL a module specifier names, as the browser resolves it with an import map.

    Relative and absolute URLs resolve against ``importer``; bare specifiers through
    ``imports`` (exact keys, then the longest key ending in ``/`` that prefixes it), whose
    URLs resolve against ``map_base``. None for a bare specifier the map does not name.
    """
    if specifier.startswith(("./", "../", "/")) or "://" in specifier:
        return _absolute(specifier, importer)
    if specifier in imports:
        return _absolute(imports[specifier], map_base)
    prefixes = [key for key in imports if key.endswith("/") and specifier.startswith(key)]
    if not prefixes:
        return None
    key = max(prefixes, key=len)
    return _absolute(imports[key] + specifier[len(key):], map_base)
