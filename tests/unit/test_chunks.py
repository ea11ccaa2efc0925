"""Chunking big messages and putting them together again (microfrontends.chunks)."""

from __future__ import annotations

import json
import logging
import random
from typing import Any

import pytest

from microfrontends import GlobalState, MicroApp, chunks
from microfrontends.chunks import CHUNK_KIND, ChunkError, ChunkSender, Reassembler

Sent = list[tuple[dict[str, Any], list[Any]]]


def cut(content: dict[str, Any], chunk_bytes: int = 7) -> Sent:
    """The messages a sender makes of ``content``, with every message chunked."""
    sent: Sent = []
    ChunkSender(lambda c, b: sent.append((c, b)), chunk_bytes=chunk_bytes, inline_bytes=0).send(
        content
    )
    return sent


MESSAGE = {"kind": "mf:events", "events": [["n", "é€😀 " * 5], ["m", {"deep": [1, 2.5, None]}]]}


def test_small_messages_go_as_they_are_and_big_ones_in_chunks() -> None:
    sent: Sent = []
    sender = ChunkSender(lambda c, b: sent.append((c, b)))
    sender.send({"kind": "mf:state", "seq": 1})
    assert sent == [({"kind": "mf:state", "seq": 1}, [])]

    sent = cut(MESSAGE)
    data = json.dumps(MESSAGE, ensure_ascii=False, separators=(",", ":")).encode()
    assert len(sent) == -(-len(data) // 7) > 1
    assert all(
        header["kind"] == CHUNK_KIND
        and header["size"] == len(data)
        and header["count"] == len(sent)
        for header, _ in sent
    )
    assert [header["index"] for header, _ in sent] == list(range(len(sent)))
    assert b"".join(bytes(buffers[0]) for _, buffers in sent) == data
    assert len({header["id"] for header, _ in sent}) == 1


def test_reassembles_in_order_whatever_order_chunks_come_in() -> None:
    sent = cut(MESSAGE)
    random.Random(4).shuffle(sent)
    reassembler = Reassembler()
    results = [reassembler.add(header, buffers) for header, buffers in sent]
    assert results[:-1] == [None] * (len(sent) - 1)
    assert results[-1] == MESSAGE


def test_interleaved_messages_from_two_clients() -> None:
    one, two = (
        cut(MESSAGE),
        cut(
            {
                "kind": "mf:state-patch",
                "client": "two",
                "batch": 1,
                "changes": [["b", {"k": "v" * 50}, []]],
            }
        ),
    )
    reassembler = Reassembler()
    done = []
    for index in range(max(len(one), len(two))):
        for sent in (one, two):
            if index < len(sent):
                result = reassembler.add(*sent[index])
                if result is not None:
                    done.append(result)
    assert sorted(done, key=lambda m: m["kind"]) == sorted(
        [
            MESSAGE,
            {
                "kind": "mf:state-patch",
                "client": "two",
                "batch": 1,
                "changes": [["b", {"k": "v" * 50}, []]],
            },
        ],
        key=lambda m: m["kind"],
    )


def test_a_message_missing_a_chunk_is_never_delivered_and_is_reported(
    caplog: pytest.LogCaptureFixture,
) -> None:
    sent: Sent = []
    sender = ChunkSender(lambda c, b: sent.append((c, b)), chunk_bytes=7, inline_bytes=0)
    sender.send(MESSAGE)
    first = len(sent)
    sender.send({"kind": "mf:events", "events": [["after", 1]]})
    reassembler = Reassembler()
    results = [
        reassembler.add(header, buffers)
        for position, (header, buffers) in enumerate(sent)
        if position != 2
    ]
    assert results[: first - 1] == [None] * (first - 1)
    # The next message of the same sender comes whole; the broken one is dropped and logged.
    assert results[-1] == {"kind": "mf:events", "events": [["after", 1]]}
    assert [r for r in results if r is not None] == [results[-1]]
    assert "lost 1 of its" in caplog.text


def test_malformed_duplicate_and_oversized_chunks_are_refused() -> None:
    sent = cut(MESSAGE)
    reassembler = Reassembler()
    with pytest.raises(ChunkError, match="malformed"):
        reassembler.add({**sent[0][0], "index": 99}, sent[0][1])
    with pytest.raises(ChunkError, match="malformed"):
        reassembler.add(sent[0][0], [])
    reassembler.add(*sent[0])
    with pytest.raises(ChunkError, match="does not fit"):
        reassembler.add(*sent[0])
    with pytest.raises(ChunkError, match="past the limit of 100 bytes"):
        Reassembler(limit=100).add({**sent[0][0], "size": 101}, sent[0][1])
    # After the errors, the same chunks in full still make the message.
    assert [reassembler.add(*message) for message in sent][-1] == MESSAGE


def test_global_state_takes_an_apps_chunked_patch_as_one_change() -> None:
    state = GlobalState({"x": 0})
    changes = []
    state.observe(changes.append)
    big = "é" * 5000
    patch = {
        "kind": "mf:state-patch",
        "client": "page",
        "batch": 1,
        "changes": [["app-a", {"big": big}, []], ["app-b", {"y": 1}, ["x"]]],
    }
    for header, buffers in cut(patch, chunk_bytes=1000):
        state._on_message(state, header, buffers)
    assert state.value == {"big": big, "y": 1}
    assert [change.origin for change in changes] == ["app-a", "app-b"]
    state.close()


def test_microapp_gets_chunked_events_in_order() -> None:
    app = MicroApp(html="<p>x</p>", name="chunked-events")
    got: list[Any] = []
    app.on("n", got.append)
    for header, buffers in cut(
        {"kind": "mf:events", "events": [["n", i] for i in range(500)]}, chunk_bytes=300
    ):
        app._on_custom_message(app, header, buffers)
    assert got == list(range(500))
    app.close()


def test_big_messages_from_python_go_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    sent: Sent = []
    monkeypatch.setattr(
        GlobalState, "send", lambda self, content, buffers=None: sent.append((content, buffers))
    )
    state = GlobalState()
    state["big"] = "x" * (chunks.INLINE_BYTES + 10)
    assert all(header["kind"] == CHUNK_KIND for header, _ in sent)
    reassembler = Reassembler()
    message = [reassembler.add(header, buffers) for header, buffers in sent][-1]
    assert message is not None and message["set"] == {"big": "x" * (chunks.INLINE_BYTES + 10)}
    state.close()


def test_values_past_the_limit_raise_at_the_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunks, "MAX_VALUE_BYTES", 100)
    state = GlobalState({"x": 0})
    app = MicroApp(html="<p>x</p>", name="limit-app", state=state)
    with pytest.raises(ValueError, match=r"state\['big'\] is 102 bytes .* limit of 0 MiB \(100 "):
        state["big"] = "y" * 100
    with pytest.raises(ValueError, match="the state patch is"):
        state.update(a="y" * 50, b="y" * 50)
    with pytest.raises(ValueError, match="the payload of event 'e' is 102 bytes"):
        app.emit("e", "y" * 100)
    with pytest.raises(ValueError, match="the payload of event 'e'"):
        state.emit("e", "y" * 100)
    with pytest.raises(ValueError, match=r"state\['big'\]"):
        GlobalState({"big": "y" * 100})
    assert state.value == {"x": 0}
    state["ok"] = "y" * 80
    assert state["ok"] == "y" * 80
    app.close()
    state.close()


def test_the_limit_is_at_least_64_mib() -> None:
    assert chunks.MAX_VALUE_BYTES >= 64 * 2**20
    assert chunks.CHUNK_BYTES < 10 * 2**20  # the server's websocket_max_message_size


@pytest.fixture(autouse=True)
def _quiet(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger="microfrontends")


def test_receive_passes_plain_messages_and_logs_what_it_refuses(
    caplog: pytest.LogCaptureFixture,
) -> None:
    reassembler = Reassembler()
    assert reassembler.receive({"kind": "mf:events"}, [], "app 'a'") == {"kind": "mf:events"}
    assert reassembler.receive("not a message", [], "app 'a'") is None
    parts = cut(MESSAGE)
    for header, buffers in parts[:-1]:
        assert reassembler.receive(header, buffers, "app 'a'") is None
    assert reassembler.receive(*parts[-1], "app 'a'") == MESSAGE
    # Bytes that are not JSON: refused and logged, never raised into the comm's handler.
    header = {"kind": CHUNK_KIND, "sender": "s", "id": 1, "index": 0, "count": 1, "size": 3}
    assert reassembler.receive(header, [b"{x}"], "app 'a'") is None
    assert "refused a chunked message to app 'a'" in caplog.text
