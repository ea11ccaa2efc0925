"""The kernel's side of the files: KernelTransport answering the page's mf:fetch messages, and
KernelReader, what prefetch and embed=True read through."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from marks import needs_symlinks

from microfrontends.protocol import VIRTUAL_ORIGIN
from microfrontends.transport import (
    Asset,
    AssetError,
    HttpFetcher,
    KernelReader,
    KernelTransport,
    LocalRoot,
    local_root_id,
)


class Outbox:
    """Collects the replies a transport sends, from any thread."""

    def __init__(self) -> None:
        self.messages: list[tuple[dict[str, Any], list[bytes]]] = []
        self._changed = threading.Condition()

    def __call__(self, content: dict[str, Any], buffers: list[bytes]) -> None:
        with self._changed:
            self.messages.append((content, buffers))
            self._changed.notify_all()

    def wait(
        self, count: int = 1, timeout: float = 10.0
    ) -> list[tuple[dict[str, Any], list[bytes]]]:
        with self._changed:
            assert self._changed.wait_for(lambda: len(self.messages) >= count, timeout)
            return list(self.messages)


@needs_symlinks
def test_the_kernel_reader_keeps_to_the_app_folder(local: LocalRoot, app_dir: Path) -> None:
    """What prefetch and embed=True read goes through the same confinement as the page's
    requests: the app's own folder only, no way out of it."""
    reader = KernelReader(local, HttpFetcher())
    base = reader.local_base_url
    assert base == f"{VIRTUAL_ORIGIN}/{local_root_id(app_dir)}/"
    assert reader.read(f"{base}assets/style.css").body == b"body{}"
    (app_dir / "leak.txt").symlink_to(app_dir.parent / "secret.txt")
    for url in (f"{base}../secret.txt", f"{base}%2e%2e/secret.txt", f"{base}leak.txt"):
        with pytest.raises(AssetError) as info:
            reader.read(url)
        assert info.value.status == 403, url
    other_folder = f"{VIRTUAL_ORIGIN}/{local_root_id(app_dir.parent / 'outside')}/index.html"
    for reader_of in (reader, KernelReader(None, HttpFetcher())):
        with pytest.raises(AssetError, match="not below this app's folder"):
            reader_of.read(other_folder)


@pytest.fixture
def transport(local: LocalRoot) -> Iterator[KernelTransport]:
    transport = KernelTransport(local, HttpFetcher(timeout=5.0, max_bytes=1000))
    yield transport
    transport.close()


def _fetch(transport: KernelTransport, url: str, request_id: str = "r1") -> Outbox:
    outbox = Outbox()
    assert transport.handle({"kind": "mf:fetch", "id": request_id, "url": url}, outbox)
    return outbox


def test_local_root_id_is_short_stable_hex(app_dir: Path, tmp_path: Path) -> None:
    root_id = local_root_id(app_dir)
    assert root_id == local_root_id(app_dir / "sub" / "..")
    assert root_id != local_root_id(tmp_path)
    assert len(root_id) == 16
    int(root_id, 16)


def test_local_base_url(transport: KernelTransport, app_dir: Path) -> None:
    assert transport.local_base_url == f"{VIRTUAL_ORIGIN}/{local_root_id(app_dir)}/"
    without_root = KernelTransport(None, HttpFetcher())
    assert without_root.local_base_url is None
    without_root.close()


def test_kernel_serves_local_file(transport: KernelTransport) -> None:
    url = f"{transport.local_base_url}assets/style.css?v=1"
    [(reply, buffers)] = _fetch(transport, url).wait()
    assert reply == {
        "kind": "mf:fetched",
        "id": "r1",
        "ok": True,
        "status": 200,
        "url": url,
        "contentType": "text/css",
    }
    assert buffers == [b"body{}"]


def test_kernel_serves_local_index(transport: KernelTransport) -> None:
    [(reply, buffers)] = _fetch(transport, str(transport.local_base_url)).wait()
    assert reply["ok"] and reply["contentType"] == "text/html"
    assert buffers == [b"<h1>root</h1>"]


@pytest.mark.parametrize(
    ("suffix", "status"),
    [("missing.js", 404), ("..%2f..%2fsecret.txt", 403), ("%252e%252e/secret.txt", 403)],
)
def test_kernel_local_errors(transport: KernelTransport, suffix: str, status: int) -> None:
    url = f"{transport.local_base_url}{suffix}"
    [(reply, buffers)] = _fetch(transport, url).wait()
    assert reply["ok"] is False and reply["status"] == status
    assert reply["url"] == url and url in reply["error"]
    assert buffers == []


@pytest.mark.parametrize("path", ["/0123456789abcdef/app.js", "//app.js", "/"])
def test_kernel_refuses_other_roots(transport: KernelTransport, path: str) -> None:
    [(reply, _)] = _fetch(transport, VIRTUAL_ORIGIN + path).wait()
    assert (reply["ok"], reply["status"]) == (False, 403)


def test_kernel_without_local_root_refuses_virtual_urls() -> None:
    transport = KernelTransport(None, HttpFetcher())
    [(reply, _)] = _fetch(transport, f"{VIRTUAL_ORIGIN}/abc/app.js").wait()
    assert (reply["ok"], reply["status"]) == (False, 403)
    transport.close()


def test_kernel_fetches_http_in_pool(transport: KernelTransport, server: str) -> None:
    [(reply, buffers)] = _fetch(transport, f"{server}/redirect", "r7").wait()
    assert reply == {
        "kind": "mf:fetched",
        "id": "r7",
        "ok": True,
        "status": 200,
        "url": f"{server}/ok.js",
        "contentType": "text/javascript",
    }
    assert buffers == [b"export default 1"]


def test_kernel_http_does_not_block(transport: KernelTransport, server: str) -> None:
    outbox = Outbox()
    slow = {"kind": "mf:fetch", "id": "slow", "url": f"{server}/slow"}
    local = {"kind": "mf:fetch", "id": "local", "url": f"{transport.local_base_url}app.js"}
    assert transport.handle(slow, outbox) and transport.handle(local, outbox)
    assert [reply["id"] for reply, _ in outbox.wait(2)] == ["local", "slow"]


@pytest.mark.parametrize(("path", "status"), [("missing.js", 404), ("big", 0)])
def test_kernel_http_errors(
    transport: KernelTransport, server: str, path: str, status: int
) -> None:
    url = f"{server}/{path}"
    [(reply, buffers)] = _fetch(transport, url).wait()
    assert reply["ok"] is False and reply["status"] == status
    assert reply["url"] == url and reply["error"].startswith(f"GET {url} failed: ")
    assert buffers == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://[bad/", ""])
def test_kernel_refuses_bad_urls(transport: KernelTransport, url: str) -> None:
    [(reply, buffers)] = _fetch(transport, url).wait()
    assert (reply["ok"], reply["status"], reply["url"], buffers) == (False, 0, url, [])
    assert reply["error"].startswith(f"GET {url} failed: ")


@pytest.mark.parametrize("content", [{"kind": "other"}, {"id": "x", "url": "u"}, [], None])
def test_kernel_ignores_other_messages(transport: KernelTransport, content: Any) -> None:
    outbox = Outbox()
    assert transport.handle(content, outbox) is False
    assert outbox.messages == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ({"kind": "mf:fetch", "id": "m1"}, "'url' must be a string"),
        ({"kind": "mf:fetch", "id": "m1", "url": 3}, "'url' must be a string"),
        ({"kind": "mf:fetch", "id": 5, "url": "https://x/"}, "'id' must be a string"),
    ],
)
def test_kernel_answers_malformed_with_id(
    transport: KernelTransport, content: dict[str, Any], problem: str
) -> None:
    outbox = Outbox()
    assert transport.handle(content, outbox) is True
    [(reply, buffers)] = outbox.messages
    assert reply["id"] == content["id"] and reply["ok"] is False and reply["status"] == 400
    assert problem in reply["error"] and buffers == []


def test_kernel_drops_malformed_without_id(transport: KernelTransport) -> None:
    outbox = Outbox()
    assert transport.handle({"kind": "mf:fetch", "url": "https://x/"}, outbox) is True
    assert outbox.messages == []


def test_kernel_survives_failing_send(transport: KernelTransport, server: str) -> None:
    outbox = Outbox()

    def broken(content: dict[str, Any], buffers: list[bytes]) -> None:
        outbox(content, buffers)
        raise RuntimeError("comm closed")

    urls = (f"{transport.local_base_url}app.js", f"{server}/ok.js", "ftp://x/")
    for url in urls:
        assert transport.handle({"kind": "mf:fetch", "id": "b", "url": url}, broken) is True
    assert len(outbox.wait(len(urls))) == len(urls)


def test_kernel_survives_internal_errors(local: LocalRoot, monkeypatch: pytest.MonkeyPatch) -> None:
    transport = KernelTransport(local, HttpFetcher())

    def explode(path: str, url: str | None = None) -> Asset:
        raise ValueError("bug")

    monkeypatch.setattr(local, "read", explode)
    [(reply, _)] = _fetch(transport, f"{transport.local_base_url}app.js").wait()
    assert (reply["ok"], reply["status"]) == (False, 500) and "bug" in reply["error"]
    transport.close()


def test_kernel_after_close_replies_with_error(transport: KernelTransport, server: str) -> None:
    transport.close()
    [(reply, _)] = _fetch(transport, f"{server}/ok.js").wait()
    assert reply["ok"] is False and "closed" in reply["error"]
