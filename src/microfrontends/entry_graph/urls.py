"""URLs as the browser reads them: which ones load something, made absolute, module specifiers
resolved through an import map, and the key under which a file is kept."""

from __future__ import annotations

from urllib.parse import quote, urldefrag, urljoin, urlsplit, urlunsplit

_NOT_FETCHED = ("data:", "blob:", "javascript:", "about:", "mailto:", "#")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def fetchable(value: str | None) -> bool:
    """Whether an attribute or ``url()`` value names a file to load (not ``data:``, ``#x``...)."""
    text = (value or "").strip()
    return bool(text) and not text.lower().startswith(_NOT_FETCHED)


def absolute(value: str, base: str) -> str:
    """``value`` resolved against ``base``, without its fragment."""
    return urldefrag(urljoin(base, value.strip())).url


def resolve_specifier(
    specifier: str, importer: str, imports: dict[str, str], map_base: str
) -> str | None:
    """The URL a module specifier names, as the browser resolves it with an import map.

    Relative and absolute URLs resolve against ``importer``; bare specifiers through
    ``imports`` (exact keys, then the longest key ending in ``/`` that prefixes it), whose
    URLs resolve against ``map_base``. None for a bare specifier the map does not name.
    """
    if specifier.startswith(("./", "../", "/")) or urlsplit(specifier).scheme:
        return absolute(specifier, importer)
    if specifier in imports:
        return absolute(imports[specifier], map_base)
    prefixes = [key for key in imports if key.endswith("/") and specifier.startswith(key)]
    if not prefixes:
        return None
    key = max(prefixes, key=len)
    return absolute(imports[key] + specifier[len(key) :], map_base)


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
    normalised = urlunsplit(
        (scheme, netloc, parts.path or ("/" if netloc else ""), parts.query, "")
    )
    return quote(normalised, safe=":/?#[]@!$&'()*+,;=%~")
