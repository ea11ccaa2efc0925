"""GlobalState's whole value as a trait update after each cell, so saved notebooks hold the last
value; and pages never write the value as a trait."""

from __future__ import annotations

from typing import Any

import pytest
from IPython.core.events import EventManager, available_events

from microfrontends import GlobalState
from microfrontends import state as state_module
from microfrontends.outbox import Outbox


class FakeShell:
    """An IPython shell as far as GlobalState uses it: its real event manager."""

    def __init__(self) -> None:
        self.events = EventManager(self, available_events)  # type: ignore[arg-type]

    def cell_finished(self) -> None:
        """What IPython does after a cell (not a silent one)."""
        self.events.trigger("post_execute")
        self.events.trigger("post_run_cell", None)

    def handled_comm_message(self) -> None:
        """What the ``comm`` package does after each comm message."""
        self.events.trigger("pre_execute")
        self.events.trigger("post_execute")


@pytest.fixture
def shell(monkeypatch: pytest.MonkeyPatch) -> FakeShell:
    fake = FakeShell()
    monkeypatch.setattr(state_module, "get_ipython", lambda: fake)
    return fake


@pytest.fixture
def updates(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The trait updates of GlobalState's value (its patches go through ``send``, not counted)."""
    sent: list[dict[str, Any]] = []

    def record(self: GlobalState, msg: dict[str, Any], buffers: Any = None) -> None:
        if msg.get("method") == "update" and "_value" in msg["state"]:
            sent.append(msg["state"])

    monkeypatch.setattr(GlobalState, "_send", record)
    monkeypatch.setattr(GlobalState, "send", lambda self, content, buffers=None: None)
    return sent


def test_the_value_goes_whole_once_after_a_cell_that_changed_it(
    shell: FakeShell, updates: list[dict[str, Any]]
) -> None:
    state = GlobalState({"n": 0})
    shell.cell_finished()
    assert updates == []  # unchanged since the comm opened with it
    for n in range(1, 1001):
        state["n"] = n
    assert updates == []  # a burst travels as patches only
    shell.cell_finished()
    assert updates == [{"_value": {"n": 1000}, "_seq": state._seq}]
    shell.cell_finished()
    assert len(updates) == 1
    state._on_message(
        state,
        {"kind": "mf:state-patch", "client": "p", "batch": 1, "changes": [["app", {"n": 7}, []]]},
        [],
    )
    shell.handled_comm_message()
    assert len(updates) == 1  # an app's changes wait for the next cell
    shell.cell_finished()
    assert updates[-1]["_value"] == {"n": 7}


def test_with_a_page_connected_the_value_is_not_sent_again(
    shell: FakeShell, updates: list[dict[str, Any]]
) -> None:
    state = GlobalState({"n": 0})
    state._on_message(state, {"kind": "mf:state-sync", "client": "page"}, [])
    state["n"] = 1
    shell.cell_finished()
    assert updates == []  # the page keeps its model's value itself


def test_queued_patches_go_before_the_whole_value(
    shell: FakeShell, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[tuple[str, int]] = []

    def record_update(self: GlobalState, msg: dict[str, Any], buffers: Any = None) -> None:
        if "_value" in msg.get("state", {}):
            sent.append(("whole", msg["state"]["_seq"]))

    monkeypatch.setattr(GlobalState, "_send", record_update)
    monkeypatch.setattr(
        GlobalState,
        "send",
        lambda self, content, buffers=None: sent.append(("patch", content["seq"])),
    )
    state = GlobalState({"n": 0})
    state._outbox.close()
    state._outbox = Outbox(state._compose, state.send, interval=3600, burst=0)  # holds patches
    state["n"] = 1
    assert sent == []
    shell.cell_finished()
    assert sent == [("patch", 1), ("whole", 1)]
    state.close()


def test_one_hook_per_state_removed_on_close(shell: FakeShell, updates: list[Any]) -> None:
    first, second = GlobalState(), GlobalState()
    assert len(shell.events.callbacks["post_run_cell"]) == 2
    first.close()
    first.close()
    assert shell.events.callbacks["post_run_cell"] == [second._send_value_if_changed]
    second.close()
    assert shell.events.callbacks["post_run_cell"] == []


def test_without_ipython_nothing_is_hooked(updates: list[Any]) -> None:
    state = GlobalState({"a": 1})
    state["a"] = 2
    state.close()
    assert updates == []


def test_a_page_cannot_write_the_value_as_a_trait(updates: list[Any]) -> None:
    state = GlobalState({"x": 1})
    state.set_state({"_value": {"x": 0}, "_seq": 99})
    assert (state.value, state._seq) == ({"x": 1}, 0)
