"""``MicroApp.logs`` and ``on_log``: the app's log as the page's ``mf:logs`` messages bring it."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

import pytest

from microfrontends import LogEntry, MicroApp
from microfrontends.app_logs import MAX_LOG_ENTRIES
from microfrontends.protocol import LOG_BATCH_ENTRIES, LOGS_KIND

TIME = 1_765_000_000_000  # ms since the epoch, as the page stamps entries


def entry(message: str, level: str = "log", kind: str = "console", **extra: Any) -> dict[str, Any]:
    return {"level": level, "kind": kind, "message": message, "time": TIME, **extra}


def deliver(app: MicroApp, *entries: dict[str, Any], dropped: int = 0) -> None:
    """One ``mf:logs`` message from a view, as the widget's comm hands it over."""
    content = {"kind": LOGS_KIND, "logs": list(entries), "dropped": dropped}
    app._on_custom_message(app, content, [])


def test_entries_arrive_in_order_with_level_kind_time_and_stack() -> None:
    app = MicroApp(html="<p>hi</p>")
    assert app.logs == []
    deliver(
        app,
        entry("hello 1"),
        entry("careful", "warn"),
        entry("Uncaught Error: boom", "error", "error", stack="Error: boom\n    at app.js:1:7"),
    )
    assert [(e.level, e.kind, e.message) for e in app.logs] == [
        ("log", "console", "hello 1"),
        ("warn", "console", "careful"),
        ("error", "error", "Uncaught Error: boom"),
    ]
    first, _, error = app.logs
    assert first.time == datetime.fromtimestamp(TIME / 1000, tz=timezone.utc)
    assert first.stack is None and error.stack == "Error: boom\n    at app.js:1:7"
    assert str(error) == "[error] Uncaught Error: boom"
    assert isinstance(first, LogEntry)
    app.close()


def test_the_list_is_bounded_and_a_copy() -> None:
    app = MicroApp(html="<p>hi</p>")
    for batch in range(6):
        deliver(app, *(entry(f"{batch}-{i}") for i in range(100)))
    logs = app.logs
    assert len(logs) == MAX_LOG_ENTRIES == 500
    assert (logs[0].message, logs[-1].message) == ("1-0", "5-99")
    logs.clear()
    assert len(app.logs) == 500
    app.clear_logs()
    assert app.logs == []
    app.close()


def test_callbacks_fire_for_each_new_entry_and_can_be_removed() -> None:
    app = MicroApp(html="<p>hi</p>")
    heard: list[str] = []
    also: list[str] = []

    def callback(log: LogEntry) -> None:
        heard.append(log.message)

    app.on_log(callback)
    app.on_log(lambda log: also.append(log.level))
    deliver(app, entry("a"), entry("b", "info"))
    app.on_log(callback, remove=True)
    deliver(app, entry("c", "debug"))
    assert heard == ["a", "b"]
    assert also == ["log", "info", "debug"]
    app.on_log(callback, remove=True)  # removing twice is no error
    with pytest.raises(TypeError, match="callable"):
        app.on_log("print")  # type: ignore[arg-type]
    app.close()


def test_a_failing_callback_is_logged_and_the_others_still_run(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = MicroApp(html="<p>hi</p>")
    heard: list[str] = []

    def broken(_: LogEntry) -> None:
        raise RuntimeError("callback bug")

    app.on_log(broken)
    app.on_log(lambda log: heard.append(log.message))
    with caplog.at_level(logging.ERROR, logger="microfrontends"):
        deliver(app, entry("x"))
    assert heard == ["x"] and [e.message for e in app.logs] == ["x"]
    assert "the log callback" in caplog.text and "callback bug" in caplog.text
    app.close()


def test_a_burst_says_how_many_entries_were_dropped() -> None:
    app = MicroApp(html="<p>hi</p>")
    deliver(app, entry("last"), dropped=250)
    dropped, last = app.logs
    assert (dropped.level, last.message) == ("warn", "last")
    assert dropped.message.startswith("250 earlier log entries of this app were dropped")
    assert str(LOG_BATCH_ENTRIES) in dropped.message
    app.close()


@pytest.mark.parametrize(
    "bad",
    [
        "text",
        entry("x", level="fatal"),
        entry("x", kind="other"),
        {**entry("x"), "message": 3},
        {**entry("x"), "time": "now"},
        {**entry("x"), "time": 1e30},
        entry("x", stack=["not", "text"]),
    ],
)
def test_malformed_entries_are_skipped(bad: Any) -> None:
    app = MicroApp(html="<p>hi</p>")
    deliver(app, bad, entry("good"))
    assert [e.message for e in app.logs] == ["good"]
    app._on_custom_message(app, {"kind": LOGS_KIND, "logs": "nope"}, [])
    assert len(app.logs) == 1
    app.close()
