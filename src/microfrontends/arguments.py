"""Checks of the arguments users pass: keyword names, real bools and CSS lengths.

Each raises a ``TypeError`` or ``ValueError`` naming the argument and what was given, so a
misspelt keyword or a value the browser would silently ignore fails where it is written.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import traitlets


def check_keywords(owner: str, given: Mapping[str, object], accepted: Iterable[str]) -> None:
    """Raise ``TypeError`` naming the keywords of ``given`` that ``owner`` does not take."""
    accepted = list(accepted)
    unknown = [key for key in given if key not in accepted]
    if not unknown:
        return
    named = ", ".join(repr(key) for key in unknown)
    close = difflib.get_close_matches(unknown[0], accepted, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    plural = "s" if len(unknown) > 1 else ""
    raise TypeError(
        f"{owner}() got an unexpected keyword argument{plural} {named}{hint}; "
        f"it takes: {', '.join(accepted)}"
    )


def check_bool(value: object, what: str) -> bool:
    """``value`` if it is ``True`` or ``False``; else ``TypeError``: ``bool("no")`` is True,
    so taking any value's truth would turn a mistake into the opposite of what was meant."""
    if isinstance(value, bool):
        return value
    raise TypeError(f"{what} must be True or False, not {type(value).__name__} ({value!r})")


class StrictBool(traitlets.Bool):
    """A bool trait that refuses anything but ``True`` and ``False`` (traitlets takes 0 and 1)."""

    info_text = "True or False"

    def validate(self, obj: Any, value: Any) -> bool:
        return check_bool(value, self.name or "a flag")


# Lengths CSS accepts for a height: absolute, font-relative, viewport and container units.
CSS_UNITS = frozenset(
    (
        "px",
        "cm",
        "mm",
        "q",
        "in",
        "pt",
        "pc",
        "em",
        "rem",
        "ex",
        "rex",
        "ch",
        "rch",
        "cap",
        "rcap",
        "ic",
        "ric",
        "lh",
        "rlh",
        "vh",
        "vw",
        "vmin",
        "vmax",
        "vi",
        "vb",
        "svh",
        "svw",
        "svmin",
        "svmax",
        "svi",
        "svb",
        "lvh",
        "lvw",
        "lvmin",
        "lvmax",
        "lvi",
        "lvb",
        "dvh",
        "dvw",
        "dvmin",
        "dvmax",
        "dvi",
        "dvb",
        "cqw",
        "cqh",
        "cqi",
        "cqb",
        "cqmin",
        "cqmax",
    )
)
CSS_FUNCTIONS = ("calc", "min", "max", "clamp")
MAX_CSS_NESTING = 16
CSS_LENGTH_EXAMPLES = (
    "pixels (400), one length such as '400px', '50vh' or '30em', 'auto', "
    "or one calc()/min()/max()/clamp() of lengths such as "
    "'calc(100vh - 80px)'"
)
_CSS_TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(?P<unit>%|[A-Za-z]+)?
    | (?P<function>[A-Za-z][A-Za-z-]*)\(
    | (?P<punct>[()*/,+-])
    )""",
    re.VERBOSE,
)


class _NotALength(Exception):
    """Why a string is not a CSS length; becomes part of the ValueError."""


def css_length(value: object, what: str) -> str:
    """``value`` as CSS text for a height or width, or an error naming it.

    Accepted: a positive, finite number of pixels (``400``, ``250.5``); a string holding one
    positive length with a unit (``"400px"``, ``"50vh"``, ``"30em"``, ``"100%"``; the units
    of :data:`CSS_UNITS`); ``"auto"``; or one ``calc()``, ``min()``, ``max()`` or
    ``clamp()`` made of lengths, plain numbers, ``+ - * /``, commas, parentheses and those
    functions, that gives a length (``"calc(100vh - 80px)"``, ``"min(600px, 80vh)"``). As
    in CSS, ``+`` and ``-`` need spaces around them. Anything else (a number without a unit
    such as ``"400"``, several values, ``;``, ``url()``, ``var()``, quotes,
    ``!important``) raises ``ValueError``, a value of another type ``TypeError``.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TypeError(
            f"{what} must be a number of pixels or a CSS length, not {type(value).__name__}"
        )
    if not isinstance(value, str):
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"{what}={value!r} must be a positive number of pixels")
        # Not f"{value:g}": that writes 1e+06, which CSS does not read as a length.
        return f"{int(value)}px" if float(value).is_integer() else f"{float(value)!r}px"
    text = value.strip()
    try:
        _check_css_length(text)
    except _NotALength as reason:
        raise ValueError(
            f"{what}={value!r} is not a CSS length ({reason}); give {CSS_LENGTH_EXAMPLES}"
        ) from None
    return text


class CssLength(traitlets.TraitType):
    """A CSS length checked by :func:`css_length`; ``None`` and ``""`` (size to the content)
    become ``""``."""

    default_value = ""
    info_text = "None, a number of pixels or a CSS length"

    def validate(self, obj: Any, value: Any) -> str:
        # A plain trait: traitlets skips @validate methods for None on allow_none traits.
        return "" if value is None or value == "" else css_length(value, self.name or "height")


def _check_css_length(text: str) -> None:
    if text.lower() == "auto":
        return
    tokens = _css_tokens(text)
    if len(tokens) == 1 and tokens[0][0] == "number":
        _, number, unit = tokens[0]
        if unit is None:
            raise _NotALength(f"{number} has no unit; did you mean '{number}px'?")
        if float(number) <= 0:
            raise _NotALength("a length must be positive")
        return
    if tokens[0][0] != "function":
        raise _NotALength("it is not one length, 'auto' or one calc()")
    parser = _CalcParser(tokens)
    if parser.value(0) != "length":
        raise _NotALength(f"{tokens[0][1]}() gives a plain number, not a length")
    if parser.position < len(tokens):
        raise _NotALength(f"{_describe(tokens[parser.position])} follows the {tokens[0][1]}()")


def _css_tokens(text: str) -> list[tuple[str, str, str | None]]:
    """``(kind, text, unit)`` for each token: numbers (with their unit), functions
    (lower-cased name) and punctuation."""
    tokens: list[tuple[str, str, str | None]] = []
    position = 0
    while position < len(text):
        match = _CSS_TOKEN.match(text, position)
        if match is None:
            raise _NotALength(f"{text[position:].strip()[:20]!r} is not part of a CSS length")
        position = match.end()
        if match["number"] is not None:
            unit = match["unit"]
            if unit is not None and unit != "%" and unit.lower() not in CSS_UNITS:
                raise _NotALength(f"{unit!r} is not a CSS unit of length")
            tokens.append(("number", match["number"], unit))
        elif match["function"] is not None:
            name = match["function"].lower()
            if name not in CSS_FUNCTIONS:
                raise _NotALength(
                    f"{name}() is not accepted, only " + ", ".join(f"{f}()" for f in CSS_FUNCTIONS)
                )
            tokens.append(("function", name, None))
        else:
            _check_spaced(text, match)
            tokens.append(("punct", match["punct"], None))
    if not tokens:
        raise _NotALength("it is empty")
    return tokens


def _check_spaced(text: str, match: re.Match[str]) -> None:
    """CSS reads ``+`` and ``-`` in calc() as operators only with whitespace on each side."""
    sign, start, end = match["punct"], match.start("punct"), match.end("punct")
    if sign in "+-" and not (text[start - 1 : start].isspace() and text[end : end + 1].isspace()):
        raise _NotALength(f"'{sign}' needs a space on each side in calc()")


def _describe(token: tuple[str, str, str | None]) -> str:
    kind, text, unit = token
    return f"'{text}('" if kind == "function" else f"'{text}{unit or ''}'"


class _CalcParser:
    """Reads a calc() expression from tokens, checking that lengths and numbers combine as CSS
    requires: ``+``/``-`` join two of a kind, ``*`` takes a number, ``/`` divides by one."""

    def __init__(self, tokens: list[tuple[str, str, str | None]]) -> None:
        self.tokens = tokens
        self.position = 0

    def peek(self) -> tuple[str, str, str | None] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, punct: str) -> bool:
        if self.peek() == ("punct", punct, None):
            self.position += 1
            return True
        return False

    def sum(self, depth: int) -> str:
        kind = self.product(depth)
        while (token := self.peek()) is not None and token[1] in "+-" and token[0] == "punct":
            self.position += 1
            if self.product(depth) != kind:
                raise _NotALength(f"'{token[1]}' joins a length and a plain number")
        return kind

    def product(self, depth: int) -> str:
        kind = self.value(depth)
        while (token := self.peek()) is not None and token[1] in "*/" and token[0] == "punct":
            self.position += 1
            right = self.value(depth)
            if right == "length" and (token[1] == "/" or kind == "length"):
                raise _NotALength(
                    f"'{token[1]}' needs a plain number on one side (on the right for '/')"
                )
            kind = "length" if "length" in (kind, right) else "number"
        return kind

    def value(self, depth: int) -> str:
        if depth > MAX_CSS_NESTING:
            raise _NotALength(f"it nests more than {MAX_CSS_NESTING} parentheses")
        token = self.peek()
        if token is None:
            raise _NotALength("it ends in the middle of an expression")
        self.position += 1
        kind, text, unit = token
        if kind == "number":
            return "length" if unit else "number"
        if kind == "function":
            return self.arguments(text, depth + 1)
        if text == "(":
            inner = self.sum(depth + 1)
            self.close()
            return inner
        raise _NotALength(f"'{text}' is out of place")

    def arguments(self, function: str, depth: int) -> str:
        kinds = [self.sum(depth)]
        while self.take(","):
            kinds.append(self.sum(depth))
        self.close()
        wanted = {"calc": 1, "clamp": 3}.get(function)
        if wanted is not None and len(kinds) != wanted:
            raise _NotALength(f"{function}() takes {wanted} argument(s), not {len(kinds)}")
        if len(set(kinds)) > 1:
            raise _NotALength(f"{function}() mixes lengths and plain numbers")
        return kinds[0]

    def close(self) -> None:
        if self.take(")"):
            return
        token = self.peek()
        if token is None:
            raise _NotALength("a parenthesis is not closed")
        if token[0] == "number" and token[1][0] in "+-":
            raise _NotALength(f"'{token[1][0]}' needs a space on each side in calc()")
        raise _NotALength(f"{_describe(token)} is out of place")
