"""Checking that values can travel as JSON between the kernel and the browser, intact."""

from __future__ import annotations

import math
from typing import Any

MAX_DEPTH = 100
"""Lists and dicts nested deeper than this are refused: far more than data needs, well within
what browsers' JSON and Python's recursion take."""
MAX_SAFE_INTEGER = 2**53 - 1
"""JavaScript's ``Number.MAX_SAFE_INTEGER``: a larger integer arrives changed (2**53 + 1
arrives as 2**53), so integers past it either way are refused."""


class JsonLimitError(TypeError, ValueError):
    """A JSON value past what the browser keeps intact: nested deeper than :data:`MAX_DEPTH`,
    or an integer past :data:`MAX_SAFE_INTEGER`. A ``ValueError``, and also a ``TypeError``
    like the error for values that are not JSON at all, so that code catching that one
    catches this one too."""


def check_json(value: Any, where: str) -> None:
    """Raise an error naming the first part of ``value`` that cannot travel as JSON.

    ``where`` names the value in the message, e.g. ``props`` gives
    ``props['a'][0] is a set, which is not JSON``. Accepted: ``None``, ``bool``, ``int``
    from ``-(2**53 - 1)`` to ``2**53 - 1`` (JavaScript's safe integers), finite ``float``,
    ``str``, lists and tuples of these, and dicts with string keys, nested at most
    :data:`MAX_DEPTH` levels (``[[1]]`` is 2 levels). A value of another type, a non-finite
    float, a non-str key or a list or dict that contains itself raises ``TypeError``; a big
    integer or deeper nesting raises :class:`JsonLimitError` (a ``ValueError`` and a
    ``TypeError``).
    """
    _check(value, where, [])


def _check(value: Any, where: str, enclosing: list[int]) -> None:
    """``enclosing`` holds the ids of the containers ``value`` is inside of, outermost first,
    to catch cycles and count the depth."""
    if value is None or isinstance(value, (bool, str)):
        return
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise JsonLimitError(
                f"{where} is {value}, past JavaScript's safe integers (at most 2**53 - 1 = "
                f"{MAX_SAFE_INTEGER} either way), which the browser would change; "
                "send it as a str or a float"
            )
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise TypeError(f"{where} is {value!r}, which is not JSON (only finite numbers are)")
        return
    if isinstance(value, (list, tuple, dict)):
        _check_container(value, where, enclosing)
        return
    kind = type(value).__name__
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    raise TypeError(f"{where} is {article} {kind}, which is not JSON")


def _check_container(
    value: list[Any] | tuple[Any, ...] | dict[Any, Any], where: str, enclosing: list[int]
) -> None:
    if id(value) in enclosing:
        raise TypeError(f"{where} contains itself, which JSON cannot represent")
    if len(enclosing) >= MAX_DEPTH:
        # Checked before going deeper, so Python never recurses past MAX_DEPTH levels.
        raise JsonLimitError(
            f"{where} is nested deeper than {MAX_DEPTH} levels of lists "
            "and dicts, the limit for values sent to the browser"
        )
    enclosing.append(id(value))
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(
                    f"{where} has the key {key!r} of type {type(key).__name__}; "
                    "JSON object keys must be str"
                )
            _check(item, f"{where}[{key!r}]", enclosing)
    else:
        for index, item in enumerate(value):
            _check(item, f"{where}[{index}]", enclosing)
    enclosing.pop()
