"""Big messages between the kernel and the browser: JSON text in binary chunks, and the limit.

The Jupyter server closes a kernel websocket that receives a message over 10 MiB (tornado's
``websocket_max_message_size``), and the message is then gone without an error anywhere. So
a logical message whose JSON is big travels as its UTF-8 bytes cut into :data:`CHUNK_BYTES`
binary buffers, each in an ``mf:chunk`` message of its own::

    {"kind": "mf:chunk", "sender": "<random>", "id": 3, "index": 0, "count": 5, "size": 17825792}

and is put together again in order, keyed by sender and id.

Kernel -> browser, big messages travel the same way but uncut, as one chunk: only the page's
incoming messages have the 10 MiB limit; the server's IOPub data-rate limit counts only
``stream`` output (jupyter_server 2.x), and a comm message counts once towards its message-rate
limit whatever its size; and each message costs (16 MiB in four 4 MiB messages arrived about
1.5x slower than in one, sixteen 1 MiB ones 2.5x). The browser side is ``js/bridge/chunks.ts``.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from typing import Any, TypeGuard

from .protocol import CHUNK_BYTES, CHUNK_KIND, INLINE_BYTES, MAX_VALUE_BYTES

MiB = 2**20
UNCUT = 2**63
"""``chunk_bytes`` for the kernel's own messages, which go in one piece (see above)."""
MAX_MESSAGE_BYTES = MAX_VALUE_BYTES + MiB
"""What the kernel accepts as one logical message from a page: a batch of changes, each
within :data:`MAX_VALUE_BYTES`, split by the page so that it stays within this, framing included."""

Send = Callable[[dict[str, Any], list[bytes | memoryview]], None]
_log = logging.getLogger("microfrontends")


class ValueTooBigError(ValueError):
    """A value past :data:`MAX_VALUE_BYTES` as JSON: it cannot travel to or from the browser."""


def json_size(value: Any) -> int:
    """The bytes of ``value``'s JSON text in UTF-8 (``value`` already checked to be JSON)."""
    text = _dumps(value)
    # CPython knows whether a str is ASCII without scanning it: then its bytes are its chars.
    return len(text) if text.isascii() else len(text.encode())


def check_size(value: Any, where: str) -> None:
    """Raise :class:`ValueTooBigError` naming ``where`` and the limit if ``value`` is past it."""
    # A str's JSON takes at most 6 bytes a char (\u001f): a str well within the limit is not
    # serialised twice (here, then to send), which for 16 MiB costs about as much as sending.
    if isinstance(value, str) and 6 * len(value) + 2 <= MAX_VALUE_BYTES:
        return
    size = json_size(value)
    if size > MAX_VALUE_BYTES:
        raise ValueTooBigError(
            f"{where} is {size} bytes as JSON (UTF-8), past the limit of "
            f"{MAX_VALUE_BYTES // MiB} MiB ({MAX_VALUE_BYTES} bytes) for one value that "
            "travels between Python and the browser; nothing was applied"
        )


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class ChunkSender:
    """Sends logical messages through ``send(content, buffers)``; big ones as binary chunks.

    The kernel's senders pass ``chunk_bytes=UNCUT``; ``CHUNK_BYTES`` is what pages use.
    """

    def __init__(
        self, send: Send, chunk_bytes: int = CHUNK_BYTES, inline_bytes: int = INLINE_BYTES
    ) -> None:
        self._send = send
        self._chunk_bytes = chunk_bytes
        self._inline_bytes = inline_bytes
        self._sender = uuid.uuid4().hex
        self._next_id = 0

    def send(self, content: dict[str, Any]) -> None:
        text = _dumps(content)
        if len(text) < self._inline_bytes // 3:  # at most 3 UTF-8 bytes per char
            self._send(content, [])
            return
        data = text.encode()
        if len(data) < self._inline_bytes:
            self._send(content, [])
            return
        self._next_id += 1
        count = -(-len(data) // self._chunk_bytes)
        view = memoryview(data)
        for index in range(count):
            header = {
                "kind": CHUNK_KIND,
                "sender": self._sender,
                "id": self._next_id,
                "index": index,
                "count": count,
                "size": len(data),
            }
            start = index * self._chunk_bytes
            self._send(header, [view[start : start + self._chunk_bytes]])


class ChunkError(ValueError):
    """A chunk that does not fit the message it claims to be part of."""


class _Partial:
    def __init__(self, count: int, size: int) -> None:
        self.count = count
        self.size = size
        self.parts: dict[int, bytes] = {}
        self.received = 0


class Reassembler:
    """Puts chunked messages together again, in index order, one per sender and id.

    ``add(header, buffers)`` returns the logical message once its last chunk is in, else
    ``None``. Chunks of one message may come in any order, and messages of several senders
    interleaved. A sender sends the chunks of one message one after the other, so a new id
    from a sender while its previous message is still incomplete means a chunk of that one
    was lost: it is dropped, and logged. Malformed chunks and messages past ``limit`` bytes
    raise :class:`ChunkError` (and the message they belong to is dropped).
    """

    def __init__(self, limit: int = MAX_MESSAGE_BYTES) -> None:
        self._limit = limit
        self._partial: dict[str, tuple[int, _Partial]] = {}

    def receive(self, content: Any, buffers: list[Any], receiver: str) -> dict[str, Any] | None:
        """The logical message a widget's custom message carries: ``content`` itself when it is
        not a chunk, the whole message with a chunk's last part, else ``None`` (a chunk that is
        not the last, malformed content, or a chunk refused: logged, naming ``receiver``)."""
        if not isinstance(content, dict):
            return None
        if content.get("kind") != CHUNK_KIND:
            return content
        try:
            return self.add(content, buffers)
        except ValueError:  # a ChunkError, or JSON that does not parse
            _log.exception("microfrontends: refused a chunked message to %s", receiver)
            return None

    def add(self, header: dict[str, Any], buffers: list[Any]) -> dict[str, Any] | None:
        sender = header.get("sender")
        fields = [header.get(name) for name in ("id", "index", "count", "size")]
        numbers = [field for field in fields if _is_int(field)]
        if not (
            isinstance(sender, str)
            and len(numbers) == 4
            and len(buffers) == 1
            and 0 <= numbers[1] < numbers[2]
        ):
            raise ChunkError(f"a malformed chunk header {header!r} with {len(buffers)} buffers")
        message_id, index, count, size = numbers
        if size > self._limit:
            self._partial.pop(sender, None)
            raise ChunkError(
                f"a message of {size} bytes from {sender}, past the limit of {self._limit} bytes"
            )
        current = self._partial.get(sender)
        if current is not None and current[0] != message_id:
            _log.error(
                "microfrontends: message %s from %s lost %d of its %d chunks; dropped",
                current[0],
                sender,
                current[1].count - len(current[1].parts),
                current[1].count,
            )
            current = None
        if current is None:
            current = (message_id, _Partial(count, size))
            self._partial[sender] = current
        partial = current[1]
        data = bytes(buffers[0])
        if (
            count != partial.count
            or size != partial.size
            or index in partial.parts
            or partial.received + len(data) > size
        ):
            del self._partial[sender]
            raise ChunkError(
                f"chunk {index} of message {message_id} from {sender} does not "
                f"fit the message (count {count}, size {size})"
            )
        partial.parts[index] = data
        partial.received += len(data)
        if len(partial.parts) < count:
            return None
        del self._partial[sender]
        if partial.received != size:
            raise ChunkError(
                f"message {message_id} from {sender} has {partial.received} "
                f"bytes, not the {size} its chunks announced"
            )
        content = json.loads(b"".join(partial.parts[i] for i in range(count)))
        if not isinstance(content, dict):
            raise ChunkError(f"message {message_id} from {sender} is not a JSON object")
        return content


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
