"""How the kernel reads a URL an app names: its own folder's files, or http(s) through httpx.

Every kernel-side read of an app's files goes through :class:`KernelReader`: the answers to the
page's ``mf:fetch`` requests (:mod:`.kernel`), ``prefetch`` and ``embed=True``. A local folder
appears under :data:`~microfrontends.protocol.VIRTUAL_ORIGIN` as ``<origin>/<folder id>/<path>``;
a reader serves the one folder it was given, confined to it by :class:`.local.LocalRoot` (no
``..``, no symlink out), and refuses every other URL under the virtual origin.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from urllib.parse import urlsplit

from ..protocol import VIRTUAL_ORIGIN
from .asset import Asset, AssetError
from .http import HttpFetcher
from .local import LocalRoot

_VIRTUAL_HOST = urlsplit(VIRTUAL_ORIGIN).netloc


def local_root_id(path: Path | str) -> str:
    """A short, stable hex id for a local folder (a digest of its resolved path)."""
    return hashlib.sha256(os.fsencode(Path(path).resolve())).hexdigest()[:16]


def is_virtual(url: str) -> bool:
    """Whether ``url`` names a local file under :data:`VIRTUAL_ORIGIN`."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme == "https" and parts.netloc.lower() == _VIRTUAL_HOST


class KernelReader:
    """Reads the URLs of one app: its local folder's (if it has one) and http(s) ones."""

    def __init__(self, local_root: LocalRoot | None, fetcher: HttpFetcher) -> None:
        self._local_root = local_root
        self._root_id = None if local_root is None else local_root_id(local_root.root)
        self.fetcher = fetcher

    @property
    def local_base_url(self) -> str | None:
        """The virtual URL (ending with ``/``) of the local folder, or None."""
        return None if self._root_id is None else f"{VIRTUAL_ORIGIN}/{self._root_id}/"

    def read(self, url: str, fresh: bool = False) -> Asset:
        """The file at ``url``; ``fresh`` revalidates a cached http(s) copy even if still fresh.

        Raises :class:`AssetError`: 403 for a virtual URL outside this app's folder or a path
        leaving it, 404 for a missing file, and what the fetcher raises for http(s).
        """
        if is_virtual(url):
            return self.read_local(url)
        return self.fetcher.fetch(url, revalidate=fresh)

    def read_local(self, url: str) -> Asset:
        """The file a virtual-origin URL names in this reader's own folder."""
        root_id, _, path = urlsplit(url).path[1:].partition("/")
        if self._local_root is None or root_id != self._root_id:
            raise AssetError(url, 403, "the URL is not below this app's folder")
        return self._local_root.read(path, url=url)
