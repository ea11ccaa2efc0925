"""Mount time in JupyterLab after a prefetch, as a ratio to a cold mount of the same app.

The app is the Vite build in tests/apps/vite-app (an entry, a stylesheet, an ES module and a
module named through the import map). Each trial serves it under a new path prefix, so every
cold mount really is cold (nothing in the page's cache, the browser's HTTP cache or the
kernel's cache). Four kinds, interleaved:

- ``cold``: ``MicroApp(url)`` shown at once (the browser fetches the files);
- ``prefetched``: ``MicroApp(url, prefetch=True)`` made first, shown once the page fetched
  its files while idle (the time to that point is not counted);
- ``kernel cold``: ``MicroApp(url, transport="kernel")``, the kernel fetching from the server;
- ``kernel prefetched``: the same after ``prefetch(url)`` filled the kernel's cache.

Timed from running the cell to the app's content visible, stamped in the page. The server
answers after ``--latency`` ms (50 by default), as a server across a network would; a server
on the same machine answers in about a millisecond, which hides what a cache saves.
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
import threading
import time
from collections import Counter
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from harness import REPO_ROOT, chromium, interleaved, ratios, time_cell

from tests.browser.notebook import open_notebook
from tests.browser.servers import start_lab

TRIALS = 15
LATENCY_MS = 50
WARMUP = 1
APPS = REPO_ROOT / "tests" / "apps"
SHARED = {"imports": {"shared-lib": "./shared-lib.js"}}
MOUNT_FILES = 4  # index.html, its script, its stylesheet, shared-lib.js

# Runs a cell and resolves with the milliseconds until the Vite app's title is rendered.
TIME_CELL = time_cell(
    """(() => {
    const host = cell().querySelector('[data-microfrontends-app]');
    const title = host?.shadowRoot?.querySelector('#vite-title');
    return host?.dataset.microfrontendsStatus === 'MOUNTED'
      && title?.textContent === 'hello from vite modules';
  })()"""
)


class PrefixServer:
    """Serves tests/apps under any first path segment (``/r7/vite-app/...``), with CORS and
    ordinary Last-Modified caching, after ``latency_ms``; counts the requests under each
    prefix."""

    def __init__(self, latency_ms: float) -> None:
        self.by_prefix: Counter[str] = Counter()
        counts, lock = self.by_prefix, threading.Lock()

        class Handler(SimpleHTTPRequestHandler):
            def do_GET(self) -> None:
                time.sleep(latency_ms / 1000)
                super().do_GET()

            def translate_path(self, path: str) -> str:
                prefix, _, rest = path.lstrip("/").partition("/")
                with lock:
                    counts[prefix] += 1
                return super().translate_path("/" + rest)

            def end_headers(self) -> None:
                self.send_header("Access-Control-Allow-Origin", "*")
                super().end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(APPS)))
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def wait_for(self, prefix: str, count: int, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while self.by_prefix[prefix] < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{prefix}: {self.by_prefix[prefix]} of {count} requests")
            time.sleep(0.02)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


CELLS = {"cold": 1, "prefetched": 2, "kernel cold": 3, "kernel prefetched": 3}


def measure(trials: int = TRIALS, latency_ms: float = LATENCY_MS) -> dict[str, dict]:
    server = PrefixServer(latency_ms)
    prefixes = (f"r{n}" for n in itertools.count())
    try:
        with tempfile.TemporaryDirectory() as tmp, chromium() as context:
            lab = start_lab(Path(tmp))
            try:
                nb = open_notebook(context.new_page(), lab, [
                    f"from microfrontends import MicroApp, prefetch\nSHARED = {SHARED!r}",
                    "MicroApp(URL, import_map=SHARED)",
                    "pre",
                    "MicroApp(URL, import_map=SHARED, transport='kernel')",
                ])  # fmt: skip
                nb.run_cell(0)
                times: dict[str, list[float]] = {kind: [] for kind in CELLS}
                for round_, kind in enumerate(interleaved(list(CELLS), trials + WARMUP)):
                    prefix = next(prefixes)
                    url = f"{server.base}{prefix}/vite-app/dist/"
                    nb.execute(f"URL = {url!r}")
                    if kind == "prefetched":
                        nb.execute("pre = MicroApp(URL, import_map=SHARED, prefetch=True)")
                        server.wait_for(prefix, MOUNT_FILES)
                        time.sleep(0.2)  # let the last response reach the page's cache
                    elif kind == "kernel prefetched":
                        nb.execute("prefetch(URL, import_map=SHARED, progress=False)")
                    elapsed = nb.page.evaluate(TIME_CELL, [nb.path, CELLS[kind]])
                    if round_ >= WARMUP * len(CELLS):
                        times[kind].append(elapsed)
                nb.close()
            finally:
                lab.stop()
    finally:
        server.stop()
    return {**ratios(times, "cold"), "latency_ms": latency_ms}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=TRIALS)
    parser.add_argument("--latency", type=float, default=LATENCY_MS, help="server latency, ms")
    args = parser.parse_args()
    print(json.dumps(measure(args.trials, args.latency), indent=2))
