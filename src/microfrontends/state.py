"""``GlobalState``: one JSON object shared by Python and every app connected to it."""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Iterator
from typing import Any

import anywidget
import traitlets
from IPython import get_ipython

from .arguments import check_keywords
from .chunks import UNCUT, ChunkSender, Reassembler, check_size
from .embed import FullStateInExports
from .events import check_event
from .json_values import check_json
from .outbox import Outbox
from .protocol import STATE_KIND, STATE_PATCH_KIND, STATE_SYNC_KIND

PYTHON = "python"

Observer = Callable[[traitlets.Bunch], Any]
_log = logging.getLogger("microfrontends")


class GlobalState(FullStateInExports, anywidget.AnyWidget):
    """A JSON object shared by Python and the apps, with Python as its single source of truth.

    Apps read it, subscribe to it and patch it (a patch merges top-level keys) through
    qiankun's ``onGlobalStateChange``/``setGlobalState`` or ``window.microfrontends``.
    In the page, all apps on one state share one copy, so a change by one app reaches the
    others at once, and Python too. Changes carry their origin (``"python"`` or the app's
    name): nobody hears their own change back, and nothing loops.

    >>> state = GlobalState({"region": "EU"})
    >>> state["region"] = "US"                 # reaches every app
    >>> state.update({"year": 2026, "top": 5})
    >>> del state["top"]
    >>> state.observe(lambda change: print(change.origin, change.new))
    >>> state.emit("refresh", {"force": True})  # an event to every app on this state

    Values must be JSON (None, bool, int, finite float, str, lists, dicts with str keys)
    that the browser keeps intact: integers up to ``2**53 - 1`` either way, at most 100
    levels of nesting (see :func:`microfrontends.json_values.check_json`). Anything else
    raises ``TypeError`` (or ``JsonLimitError``, a ``ValueError`` too) naming the key, and
    nothing is applied. One change (``state[key] = value``, ``update(patch)``, an app's
    ``setGlobalState(patch)``) or event payload may take up to 128 MiB as JSON in UTF-8
    (:data:`microfrontends.protocol.MAX_VALUE_BYTES`); past it the writer gets a ``ValueError``
    (``ValueTooBigError``; a ``RangeError`` in an app) and nothing is applied anywhere. Big
    values travel as binary buffers (a page's in 4 MiB chunks). ``GlobalState`` takes only
    ``initial``; any other keyword raises ``TypeError``.
    """

    _esm = "export default {};"
    _value = traitlets.Dict().tag(sync=True)
    _seq = traitlets.Int(0).tag(sync=True)
    # Kept current in Python and read when a page (re)connects, but changes travel as
    # coalesced patches; the whole value goes as a trait update only after a cell (see
    # _send_value_if_changed). Pages never write them back.
    _SENT_AS_PATCHES = frozenset({"_value", "_seq"})

    def __init__(self, initial: dict[str, Any] | None = None, **unknown: Any) -> None:
        check_keywords("GlobalState", unknown, ["initial"])
        if initial is None:
            initial = {}
        if not isinstance(initial, dict):
            raise TypeError(f"GlobalState takes a dict, not {type(initial).__name__}")
        _check_patch(initial, [], PYTHON)
        self._observers: list[Observer] = []
        self._sets: dict[str, Any] = {}
        self._deletes: set[str] = set()
        self._acked: dict[str, int] = {}
        self._events: list[list[Any]] = []
        self._full_sync = False
        self._acks_changed = False
        super().__init__(_value=copy.deepcopy(initial))
        self._outbox = Outbox(self._compose, ChunkSender(self.send, UNCUT).send)
        self._reassembler = Reassembler()
        self.on_msg(self._on_message)
        self._value_sent_whole = self._value
        # Whether a page ever connected: pages keep the model's value themselves.
        self._page_connected = False
        self._hooked_shell = get_ipython()
        if self._hooked_shell is not None:
            self._hooked_shell.events.register("post_run_cell", self._send_value_if_changed)

    # -- the mapping API -------------------------------------------------------------

    @property
    def value(self) -> dict[str, Any]:
        """A copy of the whole state."""
        return copy.deepcopy(self._value)

    def __getitem__(self, key: str) -> Any:
        return copy.deepcopy(self._value[key])

    def get(self, key: str, default: Any = None) -> Any:
        return copy.deepcopy(self._value.get(key, default))

    def __setitem__(self, key: str, value: Any) -> None:
        self._apply({key: value}, [], PYTHON)

    def __delitem__(self, key: str) -> None:
        if key not in self._value:
            raise KeyError(key)
        self._apply({}, [key], PYTHON)

    def __contains__(self, key: object) -> bool:
        return key in self._value

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._value))

    def __len__(self) -> int:
        return len(self._value)

    def update(self, patch: dict[str, Any] | None = None, /, **keys: Any) -> None:
        """Merge ``patch`` (and keyword keys) into the state, as one change."""
        if patch is not None and not isinstance(patch, dict):
            raise TypeError(f"update() takes a dict, not {type(patch).__name__}")
        self._apply({**(patch or {}), **keys}, [], PYTHON)

    def __repr__(self) -> str:
        return f"GlobalState({self._value!r})"

    # -- observers and events --------------------------------------------------------

    def observe(self, handler: Observer, names: Any = "value", type: str = "change") -> None:
        """Call ``handler(change)`` after every change of the state.

        ``change.old`` and ``change.new`` are the whole state before and after,
        ``change.origin`` is ``"python"`` or the name of the app that made it.
        Other trait names are passed to traitlets' ``observe``.
        """
        if names in ("value", ["value"], ("value",), traitlets.All):
            self._observers.append(handler)
        else:
            super().observe(handler, names=names, type=type)

    def unobserve(self, handler: Observer, names: Any = "value", type: str = "change") -> None:
        if names in ("value", ["value"], ("value",), traitlets.All):
            if handler in self._observers:
                self._observers.remove(handler)
        else:
            super().unobserve(handler, names=names, type=type)

    def emit(self, event: str, payload: Any = None) -> None:
        """Send an event to every app on this state (their ``on(event, handler)``)."""
        check_event(event, payload)
        with self._outbox.lock:
            self._events.append([event, copy.deepcopy(payload)])
        self._outbox.request()

    # -- applying changes ------------------------------------------------------------

    def _apply(
        self,
        sets: dict[str, Any],
        deletes: list[str],
        origin: str,
        ack: tuple[str, int] | None = None,
    ) -> None:
        _check_patch(sets, deletes, origin)
        sets = copy.deepcopy(sets)
        with self._outbox.lock:
            old = self._value
            new = {**old, **sets}
            for key in deletes:
                new.pop(key, None)
            self.set_trait("_value", new)
            self._sets.update(sets)
            for key in sets:
                self._deletes.discard(key)
            for key in deletes:
                self._sets.pop(key, None)
                self._deletes.add(key)
            if ack is not None:
                self._acked[ack[0]] = ack[1]
                self._acks_changed = True
        changed = new != old
        # Latency first: Python's own changes go to the browser before observers run; an
        # app's change reaches the observers before its confirmation goes back.
        if origin == PYTHON:
            self._outbox.request()
        if changed:
            self._notify(old, new, origin)
        if origin != PYTHON:
            self._outbox.request()

    def _notify(self, old: dict[str, Any], new: dict[str, Any], origin: str) -> None:
        change = traitlets.Bunch(
            name="value", old=old, new=new, origin=origin, owner=self, type="change"
        )
        for observer in list(self._observers):
            try:
                observer(change)
            except Exception:
                _log.exception("microfrontends: the GlobalState observer %r failed", observer)

    def _should_send_property(self, key: str, value: Any) -> bool:
        if key in self._SENT_AS_PATCHES:
            return False
        return super()._should_send_property(key, value)

    def set_state(self, sync_data: dict[str, Any]) -> None:
        """A trait update from a page: never the value, whose changes come as patches."""
        super().set_state(
            {key: value for key, value in sync_data.items() if key not in self._SENT_AS_PATCHES}
        )

    def _send_value_if_changed(self, _result: object = None) -> None:
        """After each cell, the whole value as a trait update, if it changed since the last.

        Front ends record a comm's state from trait updates only, never from patches: this is
        what ``nbconvert --execute`` saves in the notebook, and what a page that makes the
        model later starts from. Once per cell keeps bursts coalesced: ``post_run_cell``, not
        ``post_execute``, which the ``comm`` package also fires after every comm message.
        """
        with self._outbox.lock:
            # A page keeps its model's value current (what JupyterLab saves), so the whole
            # value, sent again, would only double the traffic of a big change. Only with no
            # page at all, as under nbconvert, is the recorded comm state the saved one.
            if self._page_connected or self._value is self._value_sent_whole:
                return
            self._value_sent_whole = self._value
            # Queued patches go first, so that _seq numbers the patches this value holds: a
            # page that starts from it knows which messages it already has.
            self._outbox.flush()
            self.send_state(["_value", "_seq"])

    def _compose(self) -> dict[str, Any] | None:
        """The next ``mf:state`` message: the merged changes, acks and events since the last."""
        if not (
            self._sets or self._deletes or self._acks_changed or self._events or self._full_sync
        ):
            return None
        self.set_trait("_seq", self._seq + 1)
        # Acks are cumulative (the last batch of each page), so a lost message loses none.
        message: dict[str, Any] = {"kind": STATE_KIND, "seq": self._seq, "acked": dict(self._acked)}
        if self._full_sync:
            message["full"] = self._value
        else:
            message["set"] = self._sets
            message["del"] = sorted(self._deletes)
        if self._events:
            message["events"] = self._events
        self._sets, self._deletes, self._events = {}, set(), []
        self._acks_changed = False
        self._full_sync = False
        return message

    def _on_message(self, _widget: Any, content: Any, buffers: list[bytes]) -> None:
        content = self._reassembler.receive(content, buffers, "a GlobalState")
        if content is None:
            return
        kind = content.get("kind")
        if kind == STATE_SYNC_KIND:
            with self._outbox.lock:
                self._page_connected = True
                self._full_sync = True
            self._outbox.flush()
        elif kind == STATE_PATCH_KIND:
            self._on_patch(content)

    def _on_patch(self, content: dict[str, Any]) -> None:
        """A batch of app changes: ``changes`` is ``[[origin, set, del], ...]``, one per app."""
        client, batch, changes = content.get("client"), content.get("batch"), content.get("changes")
        if not (
            isinstance(client, str)
            and isinstance(batch, int)
            and isinstance(changes, list)
            and all(_is_change(change) for change in changes)
        ):
            _log.warning("microfrontends: ignored a malformed state patch %r", content)
            return
        try:
            for index, (origin, sets, deletes) in enumerate(changes):
                last = index == len(changes) - 1
                self._apply(sets, deletes, origin, ack=(client, batch) if last else None)
        except (TypeError, ValueError):
            # The browser checks values before sending; if one slips through, every page
            # takes Python's state again rather than keep what Python refused.
            _log.exception("microfrontends: refused a state patch from %s", client)
            with self._outbox.lock:
                self._acked[client] = batch
                self._acks_changed = True
                self._full_sync = True
            self._outbox.flush()

    def close(self) -> None:
        outbox = getattr(self, "_outbox", None)
        if outbox is not None:
            outbox.close()
        shell = getattr(self, "_hooked_shell", None)
        if shell is not None:
            shell.events.unregister("post_run_cell", self._send_value_if_changed)
            self._hooked_shell = None
        super().close()


def _is_change(change: object) -> bool:
    return (
        isinstance(change, list)
        and len(change) == 3
        and isinstance(change[0], str)
        and isinstance(change[1], dict)
        and isinstance(change[2], list)
    )


def _check_patch(sets: dict[str, Any], deletes: list[str], origin: str) -> None:
    for key, value in sets.items():
        if not isinstance(key, str):
            raise TypeError(f"state keys must be str; {key!r} is a {type(key).__name__}")
        check_json(value, f"state[{key!r}]")
    # An app's changes were measured in the page, and the message bringing them was bounded.
    if origin == PYTHON and len(sets) == 1:
        key, value = next(iter(sets.items()))
        check_size(value, f"state[{key!r}]")
    elif origin == PYTHON and sets:
        check_size(sets, "the state patch")
    for key in deletes:
        if not isinstance(key, str):
            raise TypeError(f"state keys must be str; {key!r} is a {type(key).__name__}")
