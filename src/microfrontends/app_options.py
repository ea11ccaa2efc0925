"""The checks of ``MicroApp``'s options: the modes, the transport, the import map, the timeout."""

from __future__ import annotations

import math
from typing import Any

import traitlets

from .entry import ResolvedEntry
from .json_values import check_json

SANDBOXES = ("iframe", "proxy", "strict", "none", "snapshot")
CSS_MODES = ("shadow", "scoped", "none")
TRANSPORTS = ("auto", "kernel", "browser")
# Browsers' setTimeout takes at most 2**31 - 1 ms; a longer delay fires at once.
MAX_LIFECYCLE_TIMEOUT = (2**31 - 1) / 1000


def choice(value: object, accepted: tuple[str, ...], what: str) -> str:
    """``value`` if it is one of ``accepted``; else a ``ValueError`` listing them."""
    if value not in accepted:
        listed = ", ".join(repr(a) for a in accepted)
        raise ValueError(f"{what}={value!r} is not supported; accepted: {listed}")
    return str(value)


def check_transport(transport: object, resolved: ResolvedEntry) -> str:
    """A transport the entry can use: ``"browser"`` cannot reach a local folder."""
    transport = choice(transport, TRANSPORTS, "transport")
    if transport == "browser" and resolved.kind == "local":
        raise ValueError(
            f"transport='browser' cannot load the local entry {str(resolved.root)!r}: "
            "the browser has no access to the kernel's files; use 'auto' or 'kernel'"
        )
    return transport


def check_import_map(import_map: object) -> dict[str, Any]:
    """An import map: ``{"imports": {specifier: url}}``, strings only; ``None`` is ``{}``."""
    if import_map is None:
        return {}
    if not isinstance(import_map, dict):
        raise ValueError(
            "import_map must be a dict such as {'imports': {'lit': 'https://...'}}, "
            f"not {type(import_map).__name__}"
        )
    unknown = sorted(str(key) for key in import_map if key != "imports")
    if unknown:
        raise ValueError(f"import_map has unsupported keys {unknown}; only 'imports' is accepted")
    imports = import_map.get("imports", {})
    if not isinstance(imports, dict):
        raise ValueError(
            f"import_map['imports'] must be a dict of specifier -> URL, "
            f"not {type(imports).__name__}"
        )
    for specifier, url in imports.items():
        if not isinstance(specifier, str) or not specifier or not isinstance(url, str) or not url:
            raise ValueError(
                f"import_map['imports'] must map non-empty strings to URL strings; "
                f"got {specifier!r}: {url!r}"
            )
    return {"imports": dict(imports)} if imports else {}


class ImportMap(traitlets.Dict):
    """An import map checked by :func:`check_import_map` (a ValueError, not a TraitError)."""

    info_text = 'an import map such as {"imports": {specifier: url}}'

    def validate(self, obj: Any, value: Any) -> Any:
        return super().validate(obj, check_import_map(value))


def check_timeout(seconds: object) -> float:
    """A lifecycle timeout in seconds: ``TypeError`` for what is not a number, ``ValueError``
    for one the browser cannot keep."""
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise TypeError(
            f"lifecycle_timeout must be a number of seconds, not {type(seconds).__name__}"
        )
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"lifecycle_timeout={seconds!r} must be a positive number of seconds")
    if seconds > MAX_LIFECYCLE_TIMEOUT:
        raise ValueError(
            f"lifecycle_timeout={seconds!r} is past the browser's limit of "
            f"{MAX_LIFECYCLE_TIMEOUT} seconds (about 24.8 days): a longer setTimeout fires "
            "at once, which would fail the app immediately"
        )
    return float(seconds)


def check_props(props: object) -> dict[str, Any]:
    """Props as JSON values (see :func:`microfrontends.json_values.check_json`); None is {}."""
    props = {} if props is None else props
    if not isinstance(props, dict):
        raise TypeError(f"props must be a dict, not {type(props).__name__}")
    check_json(props, "props")
    return props
