"""What a stylesheet loads: its ``@import``-ed sheets and its other ``url()``\\ s, read with
tinycss2 (a CSS Syntax Level 3 tokenizer), so comments, strings and escapes count as a browser
counts them."""

from __future__ import annotations

from collections.abc import Iterable

import tinycss2

from .urls import absolute, fetchable


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
            if fetchable(value):
                imports.append(absolute(value or "", sheet_url))
        elif isinstance(rule, tinycss2.ast.AtRule) and rule.lower_at_keyword == "namespace":
            continue  # a namespace's URL names it; nothing is loaded from there
        else:
            others.append(rule)
    assets: list[str] = []
    for value in url_values(others):
        if fetchable(value) and (url := absolute(value, sheet_url)) not in assets:
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


def url_values(nodes: Iterable[object]) -> list[str]:
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
