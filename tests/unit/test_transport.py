"""Unit tests for the asset transport: local folders, http fetching, kernel messages."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from microfrontends.protocol import VIRTUAL_ORIGIN
from microfrontends.transport import (
    Asset,
    AssetError,
    HttpFetcher,
    KernelReader,
    KernelTransport,
    LocalRoot,
    guess_content_type,
    local_root_id,
)
from microfrontends.transport.http import format_size

BIG_BODY = b"x" * 5000

# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    """An app folder with nested files, next to a secret that must stay unreachable."""
    root = tmp_path / "app"
    (root / "assets").mkdir(parents=True)
    (root / "sub").mkdir()
    (root / "index.html").write_text("<h1>root</h1>")
    (root / "app.js").write_text("console.log(1)")
    (root / "assets" / "style.css").write_text("body{}")
    (root / "sub" / "index.html").write_text("<h1>sub</h1>")
    (root / "a b.txt").write_text("spaced")
    (tmp_path / "secret.txt").write_text("secret")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "index.html").write_text("outside")
    return root


@pytest.fixture
def local(app_dir: Path) -> LocalRoot:
    return LocalRoot(app_dir)


class _Handler(BaseHTTPRequestHandler):
    """Routes for the fetcher tests."""

    def do_GET(self) -> None:
        name = self.path.strip("/").split("?")[0].replace("-", "_").replace(".", "_")
        route = getattr(self, f"route_{name}", None)
        if route is None:
            self.send_error(404)
        else:
            route()

    def _reply(
        self, body: bytes, content_type: str | None = "text/javascript", length: bool = True
    ) -> None:
        self.send_response(200)
        if content_type:
            self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def route_ok_js(self) -> None:
        self._reply(b"export default 1")

    def route_untyped_wasm(self) -> None:
        self._reply(b"\0asm", content_type=None)

    def route_redirect(self) -> None:
        self.send_response(302)
        self.send_header("Location", "/ok.js")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_slow(self) -> None:
        time.sleep(2)
        self._reply(b"late")

    def route_held(self) -> None:
        """Answers only once a test releases it (or after a minute)."""
        HELD_RELEASE.wait(60)
        self._reply(b"late")
        HELD_ANSWERED.set()

    def route_big(self) -> None:
        self._reply(BIG_BODY)

    def route_big_unsized(self) -> None:
        self._reply(BIG_BODY, length=False)

    def route_boom(self) -> None:
        self.send_error(500)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A local HTTP server; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def fetcher() -> Iterator[HttpFetcher]:
    fetcher = HttpFetcher(timeout=5.0, max_bytes=1000)
    yield fetcher
    fetcher.close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------- asset


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("app.js", "text/javascript"),
        ("chunk.MJS", "text/javascript"),
        ("a/b/style.css", "text/css"),
        ("index.html", "text/html"),
        ("data.json", "application/json"),
        ("logo.svg", "image/svg+xml"),
        ("mod.wasm", "application/wasm"),
        ("font.woff2", "font/woff2"),
        ("photo.png", "image/png"),
        ("no-extension", "application/octet-stream"),
        ("blob.unknownext", "application/octet-stream"),
    ],
)
def test_guess_content_type(path: str, expected: str) -> None:
    assert guess_content_type(path) == expected


def test_asset_error_message_names_url_and_cause() -> None:
    err = AssetError("https://x/y.js", 404, "HTTP 404 Not Found")
    assert str(err) == "GET https://x/y.js failed: HTTP 404 Not Found"
    assert (err.url, err.status) == ("https://x/y.js", 404)


# --------------------------------------------------------------------------- local


def test_local_root_must_exist(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="missing"):
        LocalRoot(tmp_path / "missing")
    (tmp_path / "file.txt").write_text("")
    with pytest.raises(NotADirectoryError, match=r"file\.txt"):
        LocalRoot(tmp_path / "file.txt")


def test_local_root_is_resolved(app_dir: Path) -> None:
    assert LocalRoot(app_dir / "sub" / "..").root == app_dir.resolve()


def test_local_reads_file_with_type(local: LocalRoot) -> None:
    asset = local.read("assets/style.css", url="https://v/assets/style.css")
    assert asset == Asset("https://v/assets/style.css", 200, "text/css", b"body{}")


def test_local_url_defaults_to_path(local: LocalRoot) -> None:
    assert local.read("app.js").url == "app.js"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("", b"<h1>root</h1>"),
        ("./", b"<h1>root</h1>"),
        ("sub/", b"<h1>sub</h1>"),
        ("./sub/", b"<h1>sub</h1>"),
        ("sub%2f", b"<h1>sub</h1>"),
        ("sub/?x=1", b"<h1>sub</h1>"),
    ],
)
def test_local_folder_serves_index(local: LocalRoot, path: str, body: bytes) -> None:
    asset = local.read(path)
    assert (asset.content_type, asset.body) == ("text/html", body)


def test_local_folder_without_slash_is_404(local: LocalRoot) -> None:
    with pytest.raises(AssetError, match=r"sub is a folder") as info:
        local.read("sub")
    assert info.value.status == 404


@pytest.mark.parametrize("path", ["app.js?v=3", "app.js#top", "app.js?a=1#b"])
def test_local_strips_query_and_fragment(local: LocalRoot, path: str) -> None:
    assert local.read(path).body == b"console.log(1)"


def test_local_decodes_percent_encoding(local: LocalRoot) -> None:
    assert local.read("a%20b.txt").body == b"spaced"
    assert local.read("%61pp.js").body == b"console.log(1)"


def test_local_missing_file_is_404(local: LocalRoot) -> None:
    with pytest.raises(AssetError, match=r"nope/missing\.js") as info:
        local.read("nope/missing.js", url="https://v/nope/missing.js")
    assert info.value.status == 404
    assert info.value.url == "https://v/nope/missing.js"
    assert "https://v/nope/missing.js" in str(info.value)


def test_local_missing_index_is_404(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match=r"index\.html") as info:
        LocalRoot(tmp_path).read("")
    assert info.value.status == 404


@pytest.mark.parametrize(
    "path",
    [
        "../secret.txt",
        "assets/../../secret.txt",
        "..",
        "/etc/passwd",
        "//etc/passwd",
        "%2fetc/passwd",
        "%2e%2e/secret.txt",
        "%2E%2E/secret.txt",
        "..%2fsecret.txt",
        "..%2Fsecret.txt",
        "%2e%2e%2fsecret.txt",
        "%252e%252e/secret.txt",
        "%252e%252e%252fsecret.txt",
        "%25252e%25252e/secret.txt",
        "..\\secret.txt",
        "assets\\..\\..\\secret.txt",
        "..%5csecret.txt",
        "app.js%00.html",
        "app.js\x00",
    ],
)
def test_local_refuses_traversal(local: LocalRoot, path: str) -> None:
    with pytest.raises(AssetError, match="escapes the app's root") as info:
        local.read(path)
    assert info.value.status == 403


needs_symlinks = pytest.mark.skipif(
    not hasattr(os, "symlink") or os.name == "nt", reason="needs POSIX symlinks"
)


@needs_symlinks
def test_local_refuses_file_symlink_out(local: LocalRoot, app_dir: Path) -> None:
    (app_dir / "leak.txt").symlink_to(app_dir.parent / "secret.txt")
    with pytest.raises(AssetError, match="escapes") as info:
        local.read("leak.txt")
    assert info.value.status == 403


@needs_symlinks
def test_local_refuses_folder_symlink_out(local: LocalRoot, app_dir: Path) -> None:
    (app_dir / "linked").symlink_to(app_dir.parent / "outside", target_is_directory=True)
    for path in ("linked/", "linked/index.html", "linked/../../secret.txt"):
        with pytest.raises(AssetError, match="escapes") as info:
            local.read(path)
        assert info.value.status == 403


@needs_symlinks
def test_local_refuses_index_symlink_out(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "elsewhere.html").write_text("elsewhere")
    (root / "index.html").symlink_to(tmp_path / "elsewhere.html")
    with pytest.raises(AssetError, match="escapes"):
        LocalRoot(root).read("")


@needs_symlinks
def test_local_follows_symlinks_inside_root(local: LocalRoot, app_dir: Path) -> None:
    (app_dir / "alias.js").symlink_to(app_dir / "app.js")
    (app_dir / "more").symlink_to(app_dir / "assets", target_is_directory=True)
    assert local.read("alias.js").body == b"console.log(1)"
    assert local.read("more/style.css").content_type == "text/css"


@needs_symlinks
def test_local_symlink_loop_is_404(local: LocalRoot, app_dir: Path) -> None:
    (app_dir / "loop").symlink_to(app_dir / "loop")
    with pytest.raises(AssetError, match="symlink loop") as info:
        local.read("loop")
    assert info.value.status == 404


@needs_symlinks
def test_local_root_itself_may_be_a_symlink(app_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "app-link").symlink_to(app_dir, target_is_directory=True)
    assert LocalRoot(tmp_path / "app-link").read("app.js").body == b"console.log(1)"


# --------------------------------------------------------------------------- http


def test_http_fetch_ok(fetcher: HttpFetcher, server: str) -> None:
    asset = fetcher.fetch(f"{server}/ok.js")
    assert asset == Asset(f"{server}/ok.js", 200, "text/javascript", b"export default 1")


def test_http_guesses_missing_content_type(fetcher: HttpFetcher, server: str) -> None:
    assert fetcher.fetch(f"{server}/untyped.wasm").content_type == "application/wasm"


def test_http_follows_redirects(fetcher: HttpFetcher, server: str) -> None:
    asset = fetcher.fetch(f"{server}/redirect")
    assert asset.url == f"{server}/ok.js"
    assert asset.body == b"export default 1"


@pytest.mark.parametrize(("path", "status"), [("missing.js", 404), ("boom", 500)])
def test_http_error_status(fetcher: HttpFetcher, server: str, path: str, status: int) -> None:
    url = f"{server}/{path}"
    with pytest.raises(AssetError) as info:
        fetcher.fetch(url)
    assert info.value.status == status
    assert info.value.url == url
    assert str(info.value).startswith(f"GET {url} failed: HTTP {status} ")


HELD_RELEASE = threading.Event()
HELD_ANSWERED = threading.Event()


def test_http_timeout(server: str) -> None:
    # The server holds its answer until the fetch is over: only the fetcher's own timeout can
    # end it with an error (without one, it would get "late" once the server lets go).
    HELD_RELEASE.clear()
    HELD_ANSWERED.clear()
    fetcher = HttpFetcher(timeout=0.2)
    try:
        with pytest.raises(AssetError, match=r"timed out after 0\.2 s") as info:
            fetcher.fetch(f"{server}/held")
        assert info.value.status == 0
        assert not HELD_ANSWERED.is_set()  # it gave up before the server answered
    finally:
        HELD_RELEASE.set()
        fetcher.close()


@pytest.mark.parametrize("path", ["big", "big-unsized"])
def test_http_size_limit(fetcher: HttpFetcher, server: str, path: str) -> None:
    with pytest.raises(AssetError, match="larger than the 1000 bytes limit") as info:
        fetcher.fetch(f"{server}/{path}")
    assert info.value.status == 0


def test_http_within_default_limit(server: str) -> None:
    fetcher = HttpFetcher()
    assert fetcher.fetch(f"{server}/big").body == BIG_BODY
    fetcher.close()


@pytest.mark.parametrize(
    ("n_bytes", "text"), [(50 * 2**20, "50 MB"), (1536, "1.5 KB"), (1000, "1000 bytes")]
)
def test_format_size(n_bytes: int, text: str) -> None:
    assert format_size(n_bytes) == text


def test_http_connection_error(fetcher: HttpFetcher) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/x.js"
    with pytest.raises(AssetError, match=r"GET http://127\.0\.0\.1:\d+/x\.js failed") as info:
        fetcher.fetch(url)
    assert info.value.status == 0


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("file:///etc/passwd", "unsupported URL scheme 'file'"),
        ("ftp://example.com/a.js", "unsupported URL scheme 'ftp'"),
        ("javascript:alert(1)", "unsupported URL scheme 'javascript'"),
        ("/relative.js", "unsupported URL scheme '(none)'"),
        ("http://", "invalid URL: it has no host"),
        ("http://[bad/", "invalid URL"),
    ],
)
def test_http_refuses_bad_urls(fetcher: HttpFetcher, url: str, problem: str) -> None:
    with pytest.raises(AssetError, match=re.escape(problem)) as info:
        fetcher.fetch(url)
    assert info.value.status == 0


# --------------------------------------------------------------------------- kernel


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
