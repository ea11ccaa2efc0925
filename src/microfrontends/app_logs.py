"""An app's log in Python: what it wrote to its console, what it threw, the files it lacked.

The page captures each app's log in the app's own realm (``js/patches/console.ts``) and sends
it in batches (``mf:logs``, ``js/bridge/app-logs.ts``); :class:`AppLogs` keeps the last
:data:`MAX_LOG_ENTRIES` of them and calls the ``on_log`` callbacks.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from .protocol import LOG_BATCH_ENTRIES, LOG_INTERVAL_MS, LOG_LEVELS, LOG_TEXT_CHARS

MAX_LOG_ENTRIES = 500
"""How many entries ``MicroApp.logs`` keeps: the oldest go first."""
KINDS = ("console", "error", "rejection", "file", "failure")
"""What made an entry: a ``console`` call, an uncaught ``error``, an unhandled ``rejection``, a
``file`` that failed to load, or the ``failure`` of the app's load or of a lifecycle."""

_log = logging.getLogger("microfrontends")


@dataclass(frozen=True)
class LogEntry:
    """One entry of an app's log.

    ``level`` is the console method's name (``"debug"``, ``"log"``, ``"info"``, ``"warn"``,
    ``"error"``; errors, rejections and failures are ``"error"``, a file that failed to load
    ``"error"``, or ``"warn"`` where the app runs without it); ``kind`` one of
    :data:`KINDS`; ``message`` the text the console would show (cut after 4000 characters);
    ``time`` when the page logged it (UTC); ``stack`` the error's stack, where there is one.
    """

    level: str
    kind: str
    message: str
    time: datetime
    stack: str | None = None

    def __str__(self) -> str:
        return f"[{self.level}] {self.message}"


LogCallback = Callable[[LogEntry], Any]


def _entry(data: Any) -> LogEntry | None:
    """A LogEntry from one entry of an ``mf:logs`` message, or None if it is malformed."""
    if not isinstance(data, dict):
        return None
    level, kind, message, time = (data.get(key) for key in ("level", "kind", "message", "time"))
    stack = data.get("stack")
    if (
        level not in LOG_LEVELS
        or kind not in KINDS
        or not isinstance(message, str)
        or not isinstance(time, (int, float))
        or not (stack is None or isinstance(stack, str))
    ):
        return None
    try:
        when = datetime.fromtimestamp(time / 1000, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    # The page cuts texts already; a page of another build might not.
    limit = 2 * LOG_TEXT_CHARS
    return LogEntry(level, kind, message[:limit], when, stack[:limit] if stack else None)


def _dropped(count: int, time: datetime) -> LogEntry:
    return LogEntry(
        "warn",
        "console",
        f"{count} earlier log entries of this app were dropped: it logged more than "
        f"{LOG_BATCH_ENTRIES} in {LOG_INTERVAL_MS} ms",
        time,
    )


class AppLogs:
    """The last :data:`MAX_LOG_ENTRIES` entries of an app's log, and the callbacks for new ones."""

    def __init__(self) -> None:
        self._entries: deque[LogEntry] = deque(maxlen=MAX_LOG_ENTRIES)
        self._callbacks: list[LogCallback] = []

    @property
    def entries(self) -> list[LogEntry]:
        """The entries, oldest first (a copy)."""
        return list(self._entries)

    def clear(self) -> None:
        self._entries.clear()

    def on_log(self, callback: LogCallback, remove: bool = False) -> None:
        """Call ``callback(entry)`` for each new entry; ``remove=True`` takes it off again."""
        if not callable(callback):
            raise TypeError(f"the log callback must be callable, not {callback!r}")
        if remove:
            if callback in self._callbacks:
                self._callbacks.remove(callback)
            return
        self._callbacks.append(callback)

    def receive(self, content: dict[str, Any]) -> None:
        """Take the entries of one ``mf:logs`` message; malformed entries are skipped."""
        logs = content.get("logs")
        entries = [entry for entry in map(_entry, logs if isinstance(logs, list) else []) if entry]
        dropped = content.get("dropped")
        if isinstance(dropped, int) and dropped > 0:
            when = entries[0].time if entries else datetime.now(timezone.utc)
            entries.insert(0, _dropped(dropped, when))
        for entry in entries:
            self._entries.append(entry)
            for callback in list(self._callbacks):
                try:
                    callback(entry)
                except Exception:
                    _log.exception("microfrontends: the log callback %r failed", callback)


class LoggedApp:
    """``MicroApp``'s log API (a mixin): the widget sets ``_logs``, its messages fill it."""

    _logs: AppLogs

    @property
    def logs(self) -> list[LogEntry]:
        """The app's last 500 log entries (:data:`MAX_LOG_ENTRIES`), oldest first.

        What the app wrote to its console (``console.log``, ``info``, ``warn``, ``error``,
        ``debug``), its uncaught errors and unhandled promise rejections (with their stack),
        the files it could not load, and its load or lifecycle failures: each a
        :class:`LogEntry` with ``level``, ``kind``, ``message``, ``time`` and ``stack``. Every
        view showing the app runs its own instance, and each logs. Nothing of another app or
        of the page is in it: in ``sandbox="none"`` and ``"snapshot"``, which share the page's
        window, an entry counts as the app's when its stack runs through the app's scripts
        (see the README). Entries arrive in batches, at most every 100 ms: a burst of more
        than 100 in that time keeps its last 100 and says how many were dropped.
        """
        return self._logs.entries

    def on_log(self, callback: LogCallback, remove: bool = False) -> None:
        """Call ``callback(entry)`` with each new :class:`LogEntry` of the app, in order.

        ``remove=True`` takes the callback off again, as ipywidgets' ``on_msg`` and
        ``on_click`` do. A callback that raises is logged and does not stop the others.
        """
        self._logs.on_log(callback, remove)

    def clear_logs(self) -> None:
        """Forget the entries so far (callbacks stay)."""
        self._logs.clear()
