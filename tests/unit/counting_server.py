"""A real local HTTP server for cache and prefetch tests: serves given files with given
headers, honours ETag / Last-Modified validators, and counts every request per path."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    body: bytes
    content_type: str = "text/plain"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    # When set, the answer waits until the event is set (a test holds a request this way).
    hold: threading.Event | None = None


class CountingServer:
    """``routes`` maps a path to a :class:`Route` (change them at any time); ``requests``
    counts requests per path, ``not_modified`` the 304 answers, ``conditional`` the request
    headers of the conditional requests; ``events`` lists ``("arrived", path)`` and
    ``("answered", path)`` in the order they happened."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.conditional: list[tuple[str, dict[str, str]]] = []
        self.events: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server._serve(self)

            def log_message(self, format: str, *args: Any) -> None:
                """Keep the test output quiet."""

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path.split("?", 1)[0]
        route = self.routes.get(path)
        with self._lock:
            self.requests[path] += 1
            self.events.append(("arrived", path))
            asked = {
                k: v
                for k, v in request.headers.items()
                if k.lower() in ("if-none-match", "if-modified-since")
            }
            if asked:
                self.conditional.append((path, asked))
        if route is None:
            request.send_error(404)
            return
        time.sleep(route.delay)
        if route.hold is not None:
            route.hold.wait(60)
        etag = route.headers.get("ETag")
        last_modified = route.headers.get("Last-Modified")
        if_none_match = request.headers.get("If-None-Match")
        unchanged = (
            if_none_match == etag
            if if_none_match and etag
            else bool(last_modified) and request.headers.get("If-Modified-Since") == last_modified
        )
        if unchanged:
            with self._lock:
                self.not_modified[path] += 1
            request.send_response(304)
            for name, value in route.headers.items():
                request.send_header(name, value)
            request.end_headers()
            return
        request.send_response(200)
        request.send_header("Content-Type", route.content_type)
        request.send_header("Content-Length", str(len(route.body)))
        for name, value in route.headers.items():
            request.send_header(name, value)
        request.end_headers()
        request.wfile.write(route.body)
        with self._lock:
            self.events.append(("answered", path))

    def total(self) -> int:
        return sum(self.requests.values())

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
