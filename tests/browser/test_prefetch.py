"""Prefetch in real JupyterLab and Chromium: ``MicroApp(prefetch=True)`` fills the page cache
before the app is shown, ``prefetch()`` fills the kernel's cache with a progress bar, and
mounting afterwards (and a second app of the same entry) sends no request to the app's server.

The app is the real Vite build of tests/apps/vite-app (ES modules, CSS, an import map), served
by an HTTP server that counts the requests for each path."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import NotebookFactory
from .microapps import APPS, IMPORT, MOUNT_TIMEOUT_MS, WATCH_KERNEL_TRAFFIC, expect_status, host
from .notebook import Notebook

VITE_DIST = APPS / "vite-app" / "dist"
SHARED = {"imports": {"shared-lib": "./shared-lib.js"}}
# What mounting the Vite app fetches (the details chunk loads only on a click).
MOUNT_PATHS = {
    "/vite-app/dist/",
    "/vite-app/dist/assets/index-BtrZQQ3i.js",
    "/vite-app/dist/assets/index-R_B4QEFZ.css",
    "/vite-app/dist/shared-lib.js",
}


class CountingServer:
    """Serves tests/apps with CORS and the given Cache-Control; counts requests per path."""

    def __init__(self, cache_control: str) -> None:
        self.requests: Counter[str] = Counter()
        lock = threading.Lock()
        counts = self.requests

        class Handler(SimpleHTTPRequestHandler):
            def do_GET(self) -> None:
                with lock:
                    counts[self.path.split("?", 1)[0]] += 1
                super().do_GET()

            def end_headers(self) -> None:
                self.send_header("Cache-Control", cache_control)
                self.send_header("Access-Control-Allow-Origin", "*")
                super().end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                """Keep test output quiet."""

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(APPS)))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/vite-app/dist/"

    def snapshot(self) -> Counter[str]:
        return Counter(self.requests)

    def wait_for(self, paths: set[str], timeout: float = 30.0) -> None:
        """Wait until every path in ``paths`` was requested, then for the requests to settle."""
        deadline = time.monotonic() + timeout
        while not paths <= set(self.requests):
            missing = paths - set(self.requests)
            assert time.monotonic() < deadline, f"never requested: {sorted(missing)}"
            time.sleep(0.1)
        settled = self.snapshot()
        while True:
            time.sleep(1.0)
            if self.snapshot() == settled:
                return
            settled = self.snapshot()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# Each test gets its own servers (so their counts, and the page's and the kernel's caches, which
# are keyed by URL, start empty) and its own notebook: every test's claim holds alone and in any
# order.


@pytest.fixture
def no_store() -> Iterator[CountingServer]:
    """Nothing is kept by the browser's HTTP cache: every fetch the page makes is counted."""
    server = CountingServer("no-store")
    yield server
    server.stop()


@pytest.fixture
def cacheable() -> Iterator[CountingServer]:
    """Files the kernel may keep for ten minutes."""
    server = CountingServer("max-age=600")
    yield server
    server.stop()


@pytest.fixture
def nb(notebook: NotebookFactory, no_store: CountingServer, cacheable: CountingServer) -> Notebook:
    if not (VITE_DIST / "index.html").is_file():
        pytest.fail(
            f"{VITE_DIST} is not built; run `npm run build --prefix tests/apps`", pytrace=False
        )
    missing = cacheable.url.replace("/vite-app/dist/", "/no-such-app/")
    nb = notebook(
        [
            f"{IMPORT}, prefetch\nSHARED = {SHARED!r}",
            # 1: made, not shown: the browser prefetches it when idle.
            f"early = MicroApp({no_store.url!r}, name='pf-early', import_map=SHARED,"
            " prefetch=True)",
            "early",
            f"second = MicroApp({no_store.url!r}, name='pf-second', import_map=SHARED)\nsecond",
            # 4: the kernel prefetches two entries, one of which does not exist.
            f"report = prefetch([{cacheable.url!r}, {missing!r}], import_map=SHARED)",
            f"kernel_app = MicroApp({cacheable.url!r}, name='pf-kernel', import_map=SHARED, "
            "transport='kernel')\nkernel_app",
            # 6, 7: a local folder, which the page asks the Jupyter server (or the kernel) for.
            f"local_early = MicroApp({str(VITE_DIST)!r}, name='pf-local', import_map=SHARED, "
            "prefetch=True)",
            "local_early",
        ]
    )
    nb.run_cell(0)
    return nb


# The URLs the page asked the kernel for, once WATCH_KERNEL_TRAFFIC runs.
ASKED = "mfTraffic.filter(([what]) => what === 'asked').map(([, url]) => url)"


def _expect_mounted(nb: Notebook, cell: int, name: str) -> None:
    expect_status(nb, cell, name, "MOUNTED")
    expect(host(nb, cell, name).locator("#vite-title")).to_have_text(
        "hello from vite modules", timeout=MOUNT_TIMEOUT_MS
    )
    expect(host(nb, cell, name).locator("#vite-shared")).to_have_text("SHARED FROM THE IMPORT MAP")


def test_browser_prefetch_then_mount_makes_no_request(
    nb: Notebook, no_store: CountingServer
) -> None:
    nb.run_cell(1)
    # Nothing is displayed, yet the page fetches the app while idle.
    no_store.wait_for(MOUNT_PATHS)
    before = no_store.snapshot()
    assert before == Counter({path: 1 for path in MOUNT_PATHS})
    nb.run_cell(2)
    _expect_mounted(nb, 2, "pf-early")
    time.sleep(1.0)  # a late request would arrive by now
    assert no_store.snapshot() == before


def test_second_app_of_the_same_entry_makes_no_request(
    nb: Notebook, no_store: CountingServer
) -> None:
    nb.run_cell(1)
    nb.run_cell(2)
    _expect_mounted(nb, 2, "pf-early")
    no_store.wait_for(MOUNT_PATHS)
    before = no_store.snapshot()
    nb.run_cell(3)
    _expect_mounted(nb, 3, "pf-second")
    time.sleep(1.0)
    assert no_store.snapshot() == before


def test_kernel_prefetch_shows_progress_and_serves_the_mount(
    nb: Notebook, cacheable: CountingServer
) -> None:
    nb.run_cell(4)
    output = nb.output(4)
    expect(output.locator(".widget-hprogress")).to_be_visible()
    expect(output).to_contain_text("Prefetched 1 of 2 apps", timeout=MOUNT_TIMEOUT_MS)
    expect(output).to_contain_text("no-such-app/")
    expect(output).to_contain_text("HTTP 404")
    # The bar is full, in the colour that says something failed.
    expect(output.locator(".widget-hprogress .progress-bar-warning")).to_be_visible()
    assert cacheable.snapshot() == Counter(
        {**{path: 1 for path in MOUNT_PATHS}, "/no-such-app/": 1}
    )
    before = cacheable.snapshot()
    nb.run_cell(5)
    _expect_mounted(nb, 5, "pf-kernel")
    time.sleep(1.0)
    assert cacheable.snapshot() == before


def test_local_prefetch_then_mount_asks_for_nothing_more(nb: Notebook) -> None:
    nb.page.evaluate(WATCH_KERNEL_TRAFFIC, [nb.path])
    requested: list[str] = nb.page.request_log  # type: ignore[attr-defined]
    start = len(requested)

    def asked() -> list[str]:
        """Files of the folder asked of the Jupyter server or of the kernel, in order."""
        from_server = [url for url in requested[start:] if "/microfrontends/files/" in url]
        from_kernel = [url for url in nb.page.evaluate(ASKED) if "/_runtime/" not in url]
        return from_server + from_kernel

    nb.run_cell(6)
    # The page asks for the entry, its stylesheet and both modules while idle.
    deadline = time.monotonic() + MOUNT_TIMEOUT_MS / 1000
    while len(asked()) < 4:
        assert time.monotonic() < deadline, f"prefetched only {asked()}"
        time.sleep(0.1)
    time.sleep(1.0)  # anything else it asks for arrives by now
    before = asked()
    assert {url.rsplit("/", 1)[-1] for url in before} >= {
        "index.html",
        "index-BtrZQQ3i.js",
        "index-R_B4QEFZ.css",
        "shared-lib.js",
    }
    nb.run_cell(7)
    _expect_mounted(nb, 7, "pf-local")
    time.sleep(1.0)
    assert asked() == before
