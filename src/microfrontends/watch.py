"""Reload on save: ``MicroApp(folder, watch=True)`` reloads the app when a file in it changes.

The folder is watched by watchfiles (the Rust ``notify`` crate's OS events, not polling) in a
daemon thread of the kernel; a burst of saves within :data:`QUIET_MS` is one reload. A burst
that changed stylesheets only restyles the app instead: its views load those sheets again in
place, as a dev server's hot update does, and the app keeps everything else.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import quote

import traitlets
import watchfiles

from .arguments import StrictBool

log = logging.getLogger(__name__)

QUIET_MS = 20
"""A change is reported once the folder has been quiet this long (an editor's save is several
writes: a temporary file, a rename, the metadata)."""
MAX_WAIT_MS = 400
"""Changes that keep coming are still reported this often: a reload stays within a second."""


MAX_SENT_CSS_BYTES = 1 << 20
"""A restyle carries the changed stylesheets' text up to this size (it saves each view a request
for it); the views fetch the rest."""


StylesheetChange = dict[str, str]
"""A stylesheet a restyle replaces: ``{"url": ..., "text": ...}``, its text unless too big."""


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # the views fetch it (and report it if it cannot be loaded)


class FolderWatcher:
    """Calls ``on_change(paths)`` from a daemon thread for each burst of changes in ``folder``.

    Version control, ``node_modules``, caches and editors' temporary files are ignored
    (watchfiles' default filter).
    """

    def __init__(self, folder: Path, on_change: Callable[[list[str]], None]) -> None:
        self.folder = folder
        self._on_change = on_change
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"microfrontends-watch {folder}", daemon=True
        )
        self._thread.start()
        # Changes made after the constructor returns are seen: watchfiles starts watching
        # when the generator is first advanced, in the thread.
        self._ready.wait(timeout=5)

    def _run(self) -> None:
        changes = watchfiles.watch(
            self.folder,
            debounce=MAX_WAIT_MS,
            step=QUIET_MS,
            stop_event=self._stop,
            yield_on_timeout=True,
            rust_timeout=200,
            raise_interrupt=False,
        )
        for batch in changes:
            self._ready.set()
            if batch and not self._stop.is_set():
                self._report(sorted(path for _, path in batch))

    def _report(self, paths: list[str]) -> None:
        try:
            self._on_change(paths)
        except Exception:
            # A failing reload must not end the watch: the next save tries again.
            log.exception("microfrontends: reloading after a change in %s failed", self.folder)

    def close(self) -> None:
        """Stop watching; returns once the thread has ended."""
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=5)


class WatchedFolder(traitlets.HasTraits):
    """The ``watch`` trait of :class:`~microfrontends.MicroApp`: a mixin that watches the app's
    local folder while ``watch`` is true and calls ``reload()`` for every burst of changes."""

    watch = StrictBool(
        False, help="reload the app in every output when a file of its local folder changes"
    )
    watched_folder: Path | None = None
    """The folder ``watch=True`` watches: a local entry's, None for other entries."""
    watched_base_url = ""
    """The URL the page loads the watched folder's files from (ends with "/")."""
    reload: Callable[[], None]
    _restyle: Callable[[list[StylesheetChange]], None]
    _watcher: FolderWatcher | None = None

    @traitlets.validate("watch")
    def _check_watch(self, proposal: dict[str, object]) -> bool:
        if proposal["value"] and self.watched_folder is None:
            raise ValueError(
                "watch=True reloads an app from a local folder when its files change; this app "
                "has none (an http(s) entry or inline html). A dev server's own hot reload "
                "works through its URL as the entry"
            )
        return bool(proposal["value"])

    @traitlets.observe("watch")
    def _watch_changed(self, change: dict[str, object]) -> None:
        self._stop_watching()
        if change["new"] and self.watched_folder is not None:
            self._watcher = FolderWatcher(self.watched_folder, self._changed)

    def _changed(self, paths: Iterable[str]) -> None:
        changed = list(paths)
        sheets = self._changed_stylesheets(changed)
        if sheets:
            log.info("microfrontends: %s changed, restyling", ", ".join(changed))
            self._restyle(sheets)
        else:
            log.info("microfrontends: %s changed, reloading", ", ".join(changed))
            self.reload()

    def _changed_stylesheets(self, paths: list[str]) -> list[StylesheetChange]:
        """The new stylesheets if every path is a stylesheet still there, else none."""
        folder = self.watched_folder
        if folder is None or not self.watched_base_url:
            return []
        sheets: list[StylesheetChange] = []
        sent = 0
        for path in map(Path, paths):
            if path.suffix.lower() != ".css" or not path.is_file():
                return []
            url = self.watched_base_url + quote(path.relative_to(folder).as_posix())
            text = _read_text(path) if sent < MAX_SENT_CSS_BYTES else None
            sent += len(text or "")
            sheets.append({"url": url} if text is None else {"url": url, "text": text})
        return sheets

    def _stop_watching(self) -> None:
        watcher = self._watcher
        if watcher is not None:
            self._watcher = None
            watcher.close()
