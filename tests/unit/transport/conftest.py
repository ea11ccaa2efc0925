"""Fixtures of the transport tests: an app folder to read, a local HTTP server to fetch from."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from http_routes import Routes

from microfrontends.transport import HttpFetcher, LocalRoot


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


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A local HTTP server; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Routes)
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
