"""Coalescing kernel -> browser messages, so that bursts never meet the IOPub rate limit."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

SEND_INTERVAL = 0.008
"""One message per 8 ms once the burst allowance is used: 125/s, far below the server's
IOPub limit of 1000/s, so a 10,000-step loop sends a few dozen messages."""
BURST = 8
"""Messages sent at once after a quiet period: separate changes are never delayed."""


class Outbox:
    """Sends what ``compose`` returns: at once while the burst allowance lasts, else later.

    ``request()`` is called after each change is queued. A token bucket (``burst`` tokens,
    one more per ``interval``) decides: with a token the message goes now, without one a
    timer thread sends everything queued meanwhile as one message when the next token is
    due. ``compose()`` returns the message (and empties the queue) or ``None``. Jupyter
    kernels accept comm messages from any thread.
    """

    def __init__(
        self,
        compose: Callable[[], dict[str, Any] | None],
        send: Callable[[dict[str, Any]], None],
        interval: float = SEND_INTERVAL,
        burst: int = BURST,
    ) -> None:
        self._compose = compose
        self._send = send
        self._interval = interval
        self._burst = burst
        self._tokens = float(burst)
        self._refilled = time.monotonic()
        self._lock = threading.RLock()
        self._timer: threading.Timer | None = None

    @property
    def lock(self) -> threading.RLock:
        """Held while queuing and while composing, so that the two never interleave."""
        return self._lock

    def request(self) -> None:
        with self._lock:
            if self._timer is not None:
                return
            self._refill()
            if self._tokens >= 1:
                self._tokens -= 1
                self._flush_locked()
                return
            wait = (1 - self._tokens) * self._interval
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

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def _refill(self) -> None:
        now = time.monotonic()
        self._tokens = min(self._burst, self._tokens + (now - self._refilled) / self._interval)
        self._refilled = now

    def _flush_from_timer(self) -> None:
        with self._lock:
            self._timer = None
            self._refill()
            self._tokens = max(0.0, self._tokens - 1)
            self._flush_locked()

    def _flush_locked(self) -> None:
        message = self._compose()
        if message is not None:
            self._send(message)
