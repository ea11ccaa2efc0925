"""Working out what an app's entry is: an http(s) URL, a local folder or file, or inline HTML.

A local folder with a package.json (an app's sources, as ``python -m microfrontends new`` makes
them) is served from its built ``dist/`` when it has ``dist/index.html``.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

EntryKind = Literal["url", "local", "inline"]

NAME_PATTERN = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$.-]{0,63}$")
_HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class ResolvedEntry:
    """Where an app's HTML entry comes from.

    ``url`` for an http(s) entry; ``root`` (the folder served by the kernel) and ``path``
    (the entry file inside it) for a local entry; neither for inline HTML.
    """

    kind: EntryKind
    url: str = ""
    root: Path | None = None
    path: str = ""
    default_name: str = "inline"


def resolve_entry(entry: object, html: object) -> ResolvedEntry:
    """Classify ``entry`` / ``html``; exactly one of the two must be given.

    Raises ``TypeError`` for values of the wrong type, ``ValueError`` for unusable values
    and ``FileNotFoundError`` for local paths that do not exist.
    """
    if entry is None and html is None:
        raise TypeError(
            "MicroApp needs an entry (an http(s) URL, a local folder holding index.html, "
            "or a local .html file) or html= (inline HTML); neither was given"
        )
    if entry is not None and html is not None:
        raise TypeError("MicroApp takes either entry or html=, not both")
    if html is not None:
        if not isinstance(html, str):
            raise TypeError(f"html must be a str of HTML, not {type(html).__name__}")
        if not html.strip():
            raise ValueError("html is empty; give the HTML of the app to mount")
        return ResolvedEntry(kind="inline")
    if isinstance(entry, os.PathLike):
        return _local_entry(Path(entry))
    if not isinstance(entry, str):
        raise TypeError(
            f"entry must be a str (URL or path) or a path-like object, not {type(entry).__name__}"
        )
    if not entry.strip():
        raise ValueError("entry is empty; give an http(s) URL, a folder or an .html file")
    try:
        parts = urlsplit(entry)
    except ValueError as exc:  # e.g. an unclosed IPv6 bracket
        raise ValueError(f"entry {entry!r} is not a valid URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return _url_entry(entry)
    if scheme == "file":
        # The kernel reads the file itself, so a file:// URL naming another machine is refused.
        if parts.netloc not in ("", "localhost"):
            raise ValueError(
                f"entry {entry!r} names the host {parts.netloc!r}; a file:// entry must be a "
                "file on the kernel's machine (file:///path or file://localhost/path)"
            )
        return _local_entry(Path(unquote(parts.path)))
    # A one-letter scheme is a Windows drive, as in C:\apps\chart.
    if scheme and len(scheme) > 1:
        raise ValueError(
            f"entry {entry!r} has the scheme {scheme!r}; accepted are http(s) URLs, "
            "file:// URLs and local paths"
        )
    return _local_entry(Path(entry).expanduser())


def _url_entry(url: str) -> ResolvedEntry:
    parts = urlsplit(url)
    if not parts.hostname:
        raise ValueError(f"entry {url!r} is an http(s) URL without a host")
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if segments and segments[-1].lower().endswith(_HTML_SUFFIXES):
        last = segments.pop()
        stem = last.rsplit(".", 1)[0]
        if stem.lower() != "index":
            segments.append(stem)
    base = segments[-1] if segments else parts.hostname
    return ResolvedEntry(kind="url", url=url, default_name=_slug(base))


def _local_entry(path: Path) -> ResolvedEntry:
    if not path.exists():
        # Notebooks run in the notebook's folder, which is not always where users think.
        raise FileNotFoundError(
            f"entry {str(path)!r} does not exist (looked for {str(path.absolute())!r})"
        )
    path = path.resolve()
    if path.is_dir():
        if (path / "package.json").is_file():
            return _package_entry(path)
        if not (path / "index.html").is_file():
            raise FileNotFoundError(
                f"entry folder {str(path)!r} has no index.html; give the folder of a built app "
                "or the .html file to load"
            )
        return ResolvedEntry(
            kind="local", root=path, path="index.html", default_name=_slug(path.name)
        )
    if path.suffix.lower() not in _HTML_SUFFIXES:
        raise ValueError(
            f"entry {str(path)!r} is a {path.suffix or 'suffix-less'} file; a local entry is a "
            "folder holding index.html or an .html file"
        )
    base = path.parent.name if path.stem.lower() == "index" else path.stem
    return ResolvedEntry(kind="local", root=path.parent, path=path.name, default_name=_slug(base))


def _package_entry(path: Path) -> ResolvedEntry:
    """A folder with a package.json is an app's sources: what it serves is its built ``dist/``."""
    built = path / "dist"
    if (built / "index.html").is_file():
        return ResolvedEntry(
            kind="local", root=built, path="index.html", default_name=_slug(path.name)
        )
    if any(path.glob("vite.config.*")):
        raise FileNotFoundError(
            f"entry folder {str(path)!r} holds a Vite app that is not built (no dist/index.html): "
            "run `npm install && npm run build` in it, or start its dev server (`npm run dev`) "
            "and give its URL as the entry"
        )
    if not (path / "index.html").is_file():
        raise FileNotFoundError(
            f"entry folder {str(path)!r} has a package.json but neither dist/index.html nor "
            "index.html; build the app (e.g. `npm run build`) or give the folder of a built app"
        )
    return ResolvedEntry(kind="local", root=path, path="index.html", default_name=_slug(path.name))


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if not slug or not slug[0].isalpha():
        slug = f"app-{slug}" if slug else "app"
    return slug[:48].rstrip("-")


_taken_names: set[str] = set()
_next_number: dict[str, int] = {}
_names_lock = threading.Lock()


def unique_name(base: str) -> str:
    """``base`` the first time in this kernel, then ``base-2``, ``base-3``, ...

    Names already taken (by derived or explicit names, see :func:`claim_name`) are skipped,
    so a folder called ``chart-2`` and the second ``chart`` never share a name.
    """
    with _names_lock:
        number = _next_number.get(base, 1)
        while (name := base if number == 1 else f"{base}-{number}") in _taken_names:
            number += 1
        _next_number[base] = number + 1
        _taken_names.add(name)
    return name


def claim_name(name: str) -> None:
    """Record a name given explicitly, so that derived names avoid it."""
    with _names_lock:
        _taken_names.add(name)


def check_name(name: object) -> str:
    """Validate an explicit app name; it is used as ``window[name]`` and in CSS selectors."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, not {type(name).__name__}")
    if not NAME_PATTERN.fullmatch(name):  # match() would let a trailing newline through
        raise ValueError(
            f"name {name!r} is not usable: start with a letter, _ or $, then letters, digits, "
            "_ $ . or -, at most 64 characters"
        )
    return name
