"""The routes of the local HTTP server that the fetcher and kernel tests ask (see conftest)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler
from typing import Any

BIG_BODY = b"x" * 5000
# /held answers only once a test sets HELD_RELEASE, then sets HELD_ANSWERED.
HELD_RELEASE = threading.Event()
HELD_ANSWERED = threading.Event()


class Routes(BaseHTTPRequestHandler):
    """Routes for the fetcher tests: ``/ok.js`` is answered by ``route_ok_js``."""

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
