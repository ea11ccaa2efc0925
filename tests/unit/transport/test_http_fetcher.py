"""HttpFetcher against a local HTTP server: redirects, errors, timeouts, size limits, bad URLs."""

from __future__ import annotations

import re
import socket

import pytest
from http_routes import BIG_BODY, HELD_ANSWERED, HELD_RELEASE

from microfrontends.transport import Asset, AssetError, HttpFetcher
from microfrontends.transport.http import format_size


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
