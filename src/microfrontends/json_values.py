"""Checking that values can travel as JSON between the kernel and the browser."""

from __future__ import annotations

import math
from typing import Any


def check_json(value: Any, where: str) -> None:
    """Raise ``TypeError`` naming the first part of ``value`` that is not plain JSON.

    ``where`` names the value in the message, e.g. ``props`` gives
    ``props["a"][0] is a set, which is not JSON``. Accepted: ``None``, ``bool``, ``int``,
    finite ``float``, ``str``, lists and tuples of these, and dicts with string keys.
    A list or dict that contains itself is refused too.
    """
    _check(value, where, set())


def _check(value: Any, where: str, enclosing: set[int]) -> None:
    """``enclosing`` holds the ids of the containers ``value`` is inside of, to catch cycles."""
    if value is None or isinstance(value, (bool, int, str)):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise TypeError(f"{where} is {value!r}, which is not JSON (only finite numbers are)")
        return
    if isinstance(value, (list, tuple, dict)):
        if id(value) in enclosing:
            raise TypeError(f"{where} contains itself, which JSON cannot represent")
        enclosing.add(id(value))
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
        enclosing.discard(id(value))
        return
    kind = type(value).__name__
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    raise TypeError(f"{where} is {article} {kind}, which is not JSON")
