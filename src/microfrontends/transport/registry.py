"""Local app folders the kernel publishes, so that the Jupyter server can serve them too.

A kernel that serves a local folder writes ``<jupyter runtime dir>/microfrontends-roots/<id>.json``
naming it; the server extension (:mod:`microfrontends.server`) serves only the folders named
there, by the same id the browser sees in the folder's virtual URL. The runtime directory is
private to the user, and the kernel and the server find the same one when they run on one
machine as the same user (a local kernel). A remote kernel's folders are not found there, and
the browser asks that kernel instead.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from pathlib import Path

from jupyter_core.paths import jupyter_runtime_dir

from .reader import local_root_id

REGISTRY_FOLDER = "microfrontends-roots"
_ROOT_ID = re.compile(r"[0-9a-f]{16}")
_log = logging.getLogger(__name__)


def registry_dir() -> Path:
    """Where the published folders are listed: a folder in the Jupyter runtime directory."""
    return Path(jupyter_runtime_dir()) / REGISTRY_FOLDER


def publish_root(root: Path) -> str | None:
    """List ``root`` for the server extension; return its id, or None if it could not be listed.

    Failing to write the listing is not an error for the app: the kernel still serves the
    folder over the widget's messages, so this only logs a warning.
    """
    root_id = local_root_id(root)
    folder = registry_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        listing = folder / f"{root_id}.json"
        if _listed_root(listing) == root.resolve():
            return root_id
        _write_atomically(listing, json.dumps({"root": str(root.resolve())}))
    except OSError as exc:
        _log.warning(
            "microfrontends: could not publish %s to the Jupyter server (%s); "
            "its files go through the kernel only",
            root,
            exc,
        )
        return None
    return root_id


def published_root(root_id: str) -> Path | None:
    """The folder published under ``root_id``, or None for an id that names no listed folder."""
    if not _ROOT_ID.fullmatch(root_id):
        return None
    root = _listed_root(registry_dir() / f"{root_id}.json")
    # A listing that does not hash to its own name was not written by publish_root.
    if root is None or local_root_id(root) != root_id:
        return None
    return root


def _listed_root(listing: Path) -> Path | None:
    try:
        root = json.loads(listing.read_text(encoding="utf-8")).get("root")
    except (OSError, ValueError, AttributeError):
        return None
    return Path(root) if isinstance(root, str) else None


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
