"""The custom messages of one ``MicroApp``: the page's file requests, events both ways, commands."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .app_logs import AppLogs
from .chunks import UNCUT, ChunkSender, Reassembler
from .events import EventHandlers, Handler, check_event, parse_events
from .outbox import Outbox
from .protocol import COMMAND_KIND, EVENTS_KIND, FETCH_KIND, LOGS_KIND, Command
from .runtime_parts import RUNTIME_URL, part_reply
from .transport import KernelTransport

Send = Callable[[dict[str, Any], Sequence[bytes | memoryview]], None]
"""Sends one message to every view of the widget: ``send(content, buffers)``."""


class AppMessages:
    """What a MicroApp and its views say to each other besides traits.

    From the page: ``mf:fetch`` requests, answered from the runtime's parts or through the app's
    ``transport``, batches of the app's events for the ``on`` handlers, and of its log for
    ``logs``; big messages arrive in chunks. To the page, through ``send``: Python's events,
    coalesced by an outbox, and commands.
    """

    def __init__(self, send: Send, transport: KernelTransport, logs: AppLogs) -> None:
        self._send = send
        self._logs = logs
        self._transport = transport
        self._handlers = EventHandlers()
        self._events: list[list[Any]] = []
        self.outbox = Outbox(self._compose_events, ChunkSender(send, UNCUT).send)
        self._reassembler = Reassembler()

    def receive(self, content: Any, buffers: list[bytes], where: str, reply: Send) -> None:
        """Handle one message from a view, answering file requests with ``reply``; ``where``
        names the app when a malformed message is logged."""
        content = self._reassembler.receive(content, buffers, where)
        if content is None:
            return
        if content.get("kind") == EVENTS_KIND:
            for event, payload in parse_events(content):
                self._handlers.dispatch(event, payload)
            return
        if content.get("kind") == LOGS_KIND:
            self._logs.receive(content)
            return
        url = content.get("url")
        if (
            isinstance(url, str)
            and url.startswith(RUNTIME_URL)
            and content.get("kind") == FETCH_KIND
        ):
            reply(*part_reply(content.get("id"), url))
            return
        self._transport.handle(content, reply)

    def on(self, event: str, handler: Handler) -> None:
        """Call ``handler(payload)`` for every ``emit(event, payload)`` of the app, in order."""
        self._handlers.add(event, handler)

    def off(self, event: str, handler: Handler | None = None) -> None:
        """Remove ``handler`` (or all handlers) of ``event``."""
        self._handlers.remove(event, handler)

    def emit(self, event: str, payload: Any) -> None:
        """Queue an event for the app; raises as :func:`microfrontends.events.check_event`."""
        check_event(event, payload)
        with self.outbox.lock:
            self._events.append([event, payload])
        self.outbox.request()

    def command(self, command: Command, sheets: Sequence[Mapping[str, str]] = ()) -> None:
        """Tell every view to ``mount``, ``unmount`` or ``reload`` the app, or to ``restyle`` it:
        put the new ``sheets`` (``{url, text?}``) in place of the old (a view that cannot reloads
        the app)."""
        message: dict[str, Any] = {"kind": COMMAND_KIND, "command": command}
        if sheets:
            message["sheets"] = list(sheets)
        self._send(message, [])

    def close(self) -> None:
        """Stop sending: a pending send of events is cancelled."""
        self.outbox.close()

    def _compose_events(self) -> dict[str, Any] | None:
        if not self._events:
            return None
        events, self._events = self._events, []
        return {"kind": EVENTS_KIND, "events": events}
