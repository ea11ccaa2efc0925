"""Named events between Python and the apps: handlers, and JSON-checked payloads."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from .chunks import check_size
from .json_values import check_json

Handler = Callable[[Any], Any]
_log = logging.getLogger("microfrontends")


def check_event(event: object, payload: object) -> None:
    """Raise ``TypeError`` for an event name that is not a str or a payload that is not JSON,
    and ``ValueError`` for a payload past :data:`~microfrontends.protocol.MAX_VALUE_BYTES`."""
    if not isinstance(event, str) or not event:
        raise TypeError(f"an event name must be a non-empty str, not {event!r}")
    check_json(payload, f"the payload of event {event!r}")
    check_size(payload, f"the payload of event {event!r}")


class EventHandlers:
    """Handlers by event name, called in registration order; one failing does not stop the rest."""

    def __init__(self) -> None:
        self._handlers: dict[str, list[Handler]] = {}

    def add(self, event: str, handler: Handler) -> None:
        if not isinstance(event, str) or not event:
            raise TypeError(f"an event name must be a non-empty str, not {event!r}")
        if not callable(handler):
            raise TypeError(f"the handler for {event!r} must be callable, not {handler!r}")
        self._handlers.setdefault(event, []).append(handler)

    def remove(self, event: str, handler: Handler | None = None) -> None:
        """Remove one handler, or every handler of ``event`` when ``handler`` is None."""
        if handler is None:
            self._handlers.pop(event, None)
            return
        handlers = self._handlers.get(event, [])
        if handler in handlers:
            handlers.remove(handler)

    def dispatch(self, event: str, payload: Any) -> None:
        for handler in list(self._handlers.get(event, [])):
            try:
                handler(payload)
            except Exception:
                _log.exception("microfrontends: the handler %r of event %r failed", handler, event)


def parse_events(content: dict[str, Any]) -> list[tuple[str, Any]]:
    """The ``[[name, payload], ...]`` of an ``mf:events`` message; malformed ones dropped."""
    events = content.get("events")
    if not isinstance(events, list):
        return []
    return [
        (entry[0], entry[1])
        for entry in events
        if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)
    ]
