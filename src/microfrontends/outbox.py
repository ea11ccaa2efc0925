"""Coalescing kernel -> browser messages, so that bursts never meet the IOPub rate limit."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

FLUSH_INTERVAL = 0.016
"""At most one message per interval (about a frame): a 10,000-step loop sends a handful."""


class Outbox:
    """Sends what ``compose`` returns, at once when idle, else once per interval.

    ``request()`` is called after each change is queued. The first change after a quiet
    interval is sent immediately (no added latency); changes that follow within the
    interval are sent together by a timer thread when it ends. ``compose()`` returns the
    message to send (and empties the queue) or ``None`` when there is nothing to send.
    Jupyter kernels accept comm messages from any thread.
    """

    def __init__(self, compose: Callable[[], dict[str, Any] | None],
                 send: Callable[[dict[str, Any]], None],
                 interval: float = FLUSH_INTERVAL) -> None:
        self._compose = compose
        self._send = send
        self._interval = interval
        self._lock = threading.RLock()
        self._last_flush = 0.0
        self._timer: threading.Timer | None = None

    @property
    def lock(self) -> threading.RLock:
        """Held while queuing and while composing, so that the two never interleave."""
        return self._lock

    def request(self) -> None:
        with self._lock:
            if self._timer is not None:
                return
            wait = self._last_flush + self._interval - time.monotonic()
            if wait <= 0:
                self._flush_locked()
                return
            self._timer = threading.Timer(wait, self._flush_from_timer)
            self._timer.daemon = True
            self._timer.start()

    def flush(self) -> None:
        """Send whatever is queued now."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._flush_locked()

    def _flush_from_timer(self) -> None:
        with self._lock:
            self._timer = None
            self._flush_locked()

    def _flush_locked(self) -> None:
        message = self._compose()
        self._last_flush = time.monotonic()
        if message is not None:
            self._send(message)

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
