"""What a script names: its imports and the asset paths bundlers write as strings, read with
tree-sitter's JavaScript grammar, so comments, strings and escapes count as a browser counts
them."""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, field

import tree_sitter
import tree_sitter_javascript


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
