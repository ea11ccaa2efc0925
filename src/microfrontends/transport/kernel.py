"""Answering the browser's asset requests, sent over the widget's custom messages.

The browser sends ``{"kind": "mf:fetch", "id": ..., "url": ..., "fresh": bool}`` (``fresh``,
optional: revalidate a cached http(s) asset even if it is still fresh); the kernel answers
``{"kind": "mf:fetched", "id": ..., "ok": True, "status": ..., "url": final_url,
"contentType": ...}`` with the body as the single binary buffer, or ``{"kind":
"mf:fetched", "id": ..., "ok": False, "status": ..., "url": url, "error": message}``
with no buffers. Local folders appear to the browser under the virtual origin (see :mod:`.reader`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from ..protocol import FETCH_KIND, FETCHED_KIND
from .asset import Asset, AssetError
from .http import HttpFetcher, check_http_url
from .local import LocalRoot
from .reader import KernelReader, is_virtual

Send = Callable[[dict[str, Any], list[bytes]], None]
"""How a reply goes back to the browser: ``send(content, buffers)``."""

_log = logging.getLogger(__name__)


class KernelTransport:
    """Serves ``mf:fetch`` requests from a local folder and from http(s) URLs.

    Both go through one :class:`.reader.KernelReader`: URLs under the virtual origin are
    read from ``local_root`` (inline: local reads are quick); http(s) URLs are fetched by
    ``fetcher`` in a small thread pool, so the kernel keeps serving other messages while a
    download runs. Replies may therefore be sent from a pool thread.
    """

    def __init__(
        self, local_root: LocalRoot | None, fetcher: HttpFetcher, max_workers: int = 4
    ) -> None:
        self.reader = KernelReader(local_root, fetcher)
        self._pool = ThreadPoolExecutor(
            max_workers=max_workers, thread_name_prefix="microfrontends-fetch"
        )
        self._closed = False

    @property
    def local_base_url(self) -> str | None:
        """The virtual URL (ending with ``/``) of the local folder, or None."""
        return self.reader.local_base_url

    def handle(self, content: dict[str, Any], send: Send) -> bool:
        """Handle one custom message; return whether it was an ``mf:fetch`` request.

        Never raises: malformed requests get an error reply when they carry an id and
        are otherwise logged and dropped; an internal failure becomes a 500 reply.
        """
        if not isinstance(content, dict) or content.get("kind") != FETCH_KIND:
            return False
        try:
            self._handle_fetch(content, send)
        except Exception as exc:  # a bug here must not take down the kernel
            _log.exception("microfrontends: failed to handle %s", FETCH_KIND)
            url = content.get("url")
            url = url if isinstance(url, str) else ""
            _send_failure(
                send, content.get("id"), url, AssetError(url, 500, f"internal error: {exc!r}")
            )
        return True

    def close(self) -> None:
        """Stop serving: cancel queued fetches. The fetcher is shared and stays open."""
        self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _handle_fetch(self, content: dict[str, Any], send: Send) -> None:
        """Validate a request, then answer it inline or from the pool."""
        request_id, url = content.get("id"), content.get("url")
        if not isinstance(request_id, str) or not isinstance(url, str):
            _reject_malformed(send, request_id, url)
            return
        if self._closed:
            _send_failure(
                send, request_id, url, AssetError(url, 0, "the kernel transport is closed")
            )
        elif is_virtual(url):
            _answer(send, request_id, url, partial(self.reader.read_local, url))
        else:
            self._start_http(send, request_id, url, content.get("fresh") is True)

    def _start_http(self, send: Send, request_id: str, url: str, fresh: bool) -> None:
        """Refuse a URL that is not http(s); fetch any other in the pool."""
        try:
            check_http_url(url)
        except AssetError as err:
            _send_failure(send, request_id, url, err)
            return
        fetch = partial(self.reader.read, url, fresh=fresh)
        self._pool.submit(_answer, send, request_id, url, fetch)


def _answer(send: Send, request_id: str, url: str, produce: Callable[[], Asset]) -> None:
    """Produce an asset and send it, or send the failure; never raises."""
    try:
        asset = produce()
    except AssetError as err:
        _send_failure(send, request_id, url, err)
        return
    except Exception as exc:
        _log.exception("microfrontends: unexpected error serving %s", url)
        _send_failure(send, request_id, url, AssetError(url, 500, f"internal error: {exc!r}"))
        return
    reply = {
        "kind": FETCHED_KIND,
        "id": request_id,
        "ok": True,
        "status": asset.status,
        "url": asset.url,
        "contentType": asset.content_type,
    }
    _send_safely(send, reply, [asset.body])


def _reject_malformed(send: Send, request_id: object, url: object) -> None:
    """Answer a malformed request with a 400 if it has an id; otherwise log and drop it."""
    if request_id is None:
        _log.warning("microfrontends: dropped an %s message without an id", FETCH_KIND)
        return
    problem = "'url' must be a string" if isinstance(request_id, str) else "'id' must be a string"
    text_url = url if isinstance(url, str) else ""
    _send_failure(
        send,
        request_id,
        text_url,
        AssetError(text_url, 400, f"malformed {FETCH_KIND} message: {problem}"),
    )


def _send_failure(send: Send, request_id: object, url: str, err: AssetError) -> None:
    """Send the error reply for ``err``, if the request had an id."""
    if request_id is None:
        return
    reply = {
        "kind": FETCHED_KIND,
        "id": request_id,
        "ok": False,
        "status": err.status,
        "url": url,
        "error": str(err),
    }
    _send_safely(send, reply, [])


def _send_safely(send: Send, reply: dict[str, Any], buffers: list[bytes]) -> None:
    """Send a reply; a failing channel (e.g. a closed comm) is logged, not raised."""
    try:
        send(reply, buffers)
    except Exception:
        _log.exception("microfrontends: could not send the reply for %s", reply.get("url"))
