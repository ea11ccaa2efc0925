"""GlobalState's Python side: the mapping API, origins, patches from apps, coalescing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import SimpleNamespace
from typing import ClassVar

import pytest

from microfrontends import GlobalState, MicroApp
from microfrontends import outbox as outbox_module
from microfrontends.outbox import BURST, Outbox


class FakeTimer:
    """Stands in for threading.Timer: records what the outbox scheduled; the test fires it."""

    scheduled: ClassVar[list[FakeTimer]] = []

    def __init__(self, wait: float, function: Callable[[], None]) -> None:
        self.wait, self.function, self.cancelled = wait, function, False
        FakeTimer.scheduled.append(self)

    def start(self) -> None:
        pass

    def cancel(self) -> None:
        self.cancelled = True

    def fire(self) -> None:
        assert not self.cancelled
        self.function()


@pytest.fixture
def outbox_clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The outbox's clock (a list of one time, in seconds, that the test moves) and timers
    (``FakeTimer.scheduled``): no wall-clock time decides what it sends."""
    now = [1000.0]
    monkeypatch.setattr(outbox_module, "time", SimpleNamespace(monotonic=lambda: now[0]))
    monkeypatch.setattr(
        outbox_module, "threading", SimpleNamespace(Timer=FakeTimer, RLock=threading.RLock)
    )
    monkeypatch.setattr(FakeTimer, "scheduled", [])
    return now


def test_mapping_api_and_copies() -> None:
    state = GlobalState({"a": {"n": 1}})
    state["b"] = [1, 2]
    state.update({"c": 3}, d=4)
    del state["c"]
    assert state.value == {"a": {"n": 1}, "b": [1, 2], "d": 4}
    assert ("a" in state, len(state), sorted(state)) == (True, 3, ["a", "b", "d"])
    assert state.get("zz", 0) == 0
    state.value["a"]["n"] = 99
    state["a"]["n"] = 99
    assert state["a"] == {"n": 1}
    with pytest.raises(KeyError):
        del state["missing"]


def test_observers_get_old_new_and_origin(sent: list) -> None:
    state = GlobalState({"x": 0})
    changes = []
    state.observe(lambda change: changes.append((change.origin, change.old, change.new)))
    state["x"] = 1
    state._on_message(
        state,
        {
            "kind": "mf:state-patch",
            "client": "p1",
            "batch": 1,
            "changes": [["orders", {"x": 2}, []], ["chart", {"y": 1}, []]],
        },
        [],
    )
    assert changes == [
        ("python", {"x": 0}, {"x": 1}),
        ("orders", {"x": 1}, {"x": 2}),
        ("chart", {"x": 2}, {"x": 2, "y": 1}),
    ]
    state["x"] = 2  # no change, no call
    assert len(changes) == 3


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda s: s.__setitem__("k", {1}), r"state\['k'\] is a set"),
        (lambda s: s.update({"k": [float("inf")]}), r"state\['k'\]\[0\] is inf"),
        (lambda s: s.update({1: "x"}), "keys must be str"),
        (lambda s: s.update({"ok": 1, "bad": object()}), r"state\['bad'\] is an object"),
        (lambda s: s.update([1]), "update\\(\\) takes a dict"),
    ],
)
def test_non_json_values_are_refused_whole(action, message: str) -> None:
    state = GlobalState({"x": 0})
    with pytest.raises(TypeError, match=message):
        action(state)
    assert state.value == {"x": 0}


def test_initial_value_is_checked() -> None:
    with pytest.raises(TypeError, match="takes a dict"):
        GlobalState([1])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"state\['f'\] is a function"):
        GlobalState({"f": lambda: 1})


def test_a_burst_is_coalesced_and_the_last_value_is_sent(
    sent: list, outbox_clock: list[float]
) -> None:
    # The outbox's clock stands still: however long the loop takes on this machine, the burst
    # spends the allowance (BURST messages at once) and the rest waits for one timer.
    state = GlobalState()
    for i in range(10_000):
        state["n"] = i
    assert len(FakeTimer.scheduled) == 1
    state._outbox.flush()
    assert FakeTimer.scheduled[0].cancelled
    patches = [m for m in sent if m["kind"] == "mf:state"]
    assert len(patches) == BURST + 1
    assert patches[-1]["set"] == {"n": 9999}
    assert [m["seq"] for m in patches] == list(range(1, len(patches) + 1))


def test_app_patches_are_acked_cumulatively_and_sync_sends_everything(sent: list) -> None:
    state = GlobalState({"x": 0})
    state._on_message(
        state,
        {"kind": "mf:state-patch", "client": "p1", "batch": 7, "changes": [["a", {"x": 1}, []]]},
        [],
    )
    state._outbox.flush()
    assert sent[-1]["acked"] == {"p1": 7}
    state["y"] = 1
    state._outbox.flush()
    assert sent[-1]["acked"] == {"p1": 7}  # still there: a lost message loses no ack
    state._on_message(state, {"kind": "mf:state-sync", "client": "p2"}, [])
    assert sent[-1]["full"] == {"x": 1, "y": 1}


def test_malformed_and_bad_patches_change_nothing(sent: list) -> None:
    state = GlobalState({"x": 0})
    state._on_message(
        state, {"kind": "mf:state-patch", "client": "p1", "batch": "one", "changes": []}, []
    )
    state._on_message(
        state,
        {
            "kind": "mf:state-patch",
            "client": "p1",
            "batch": 2,
            "changes": [["a", {"x": {"nested": float("nan")}}, []]],
        },
        [],
    )
    assert state.value == {"x": 0}
    assert sent[-1]["full"] == {"x": 0}  # the page is told to take Python's state back


def test_events_keep_order_and_are_batched(sent: list) -> None:
    app = MicroApp(html="<p>")
    for i in range(5000):
        app.emit("n", i)
    app._messages.outbox.flush()
    batches = [m["events"] for m in sent if m.get("kind") == "mf:events"]
    assert [payload for batch in batches for _, payload in batch] == list(range(5000))
    assert len(batches) < 100
    received = []
    app.on("n", received.append)
    app.on("n", lambda _: 1 / 0)  # a failing handler does not stop the others
    app._on_custom_message(app, {"kind": "mf:events", "events": [["n", 1], ["n", 2], "junk"]}, [])
    assert received == [1, 2]
    app.off("n")
    app._on_custom_message(app, {"kind": "mf:events", "events": [["n", 3]]}, [])
    assert received == [1, 2]
    with pytest.raises(TypeError, match="payload of event 'n'"):
        app.emit("n", {1})


def test_outbox_sends_at_once_when_idle_and_coalesces_bursts(outbox_clock: list[float]) -> None:
    now = outbox_clock
    queue: list[int] = []
    sent: list[dict] = []

    def compose() -> dict | None:
        if not queue:
            return None
        items = list(queue)
        queue.clear()
        return {"items": items}

    outbox = Outbox(compose, sent.append, interval=0.05, burst=2)
    queue.append(0)
    outbox.request()
    queue.append(1)
    outbox.request()
    assert sent == [{"items": [0]}, {"items": [1]}]  # separate changes are not delayed
    assert FakeTimer.scheduled == []
    sent.pop(0)
    # The burst allowance is spent: the next changes wait for one timer, due when the next
    # token is (one interval), and go together.
    for i in range(2, 6):
        with outbox.lock:
            queue.append(i)
        outbox.request()
    assert sent == [{"items": [1]}]
    [timer] = FakeTimer.scheduled
    assert timer.wait == pytest.approx(0.05)
    now[0] += timer.wait
    timer.fire()
    assert sent == [{"items": [1]}, {"items": [2, 3, 4, 5]}]
    # After a quiet period the allowance is back: a change goes at once again.
    now[0] += 1.0
    queue.append(6)
    outbox.request()
    assert sent[-1] == {"items": [6]}
    assert len(FakeTimer.scheduled) == 1
    outbox.close()


def test_state_must_be_a_global_state() -> None:
    with pytest.raises(TypeError, match="state must be a GlobalState, not dict"):
        MicroApp(html="<p>", state={"x": 1})  # type: ignore[arg-type]
