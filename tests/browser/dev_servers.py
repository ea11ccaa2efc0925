"""Real dev servers for the dev-server tests: Vite (with @vitejs/plugin-react) and
webpack-dev-server, each serving a temporary copy of a test app (tests/apps/vite-dev,
tests/apps/webpack-dev) that a test edits as an app author would."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .servers import _spawn, _Subprocess, _wait_ready, free_port

APPS = Path(__file__).resolve().parents[2] / "tests" / "apps"
NODE = shutil.which("node") or "node"


@dataclass
class DevServer:
    """A running dev server; ``folder`` is the app's source, which tests edit."""

    url: str
    folder: Path
    process: _Subprocess

    def edit(self, relative: str, old: str, new: str) -> None:
        """Replace ``old`` by ``new`` in a source file, as an editor's save does."""
        path = self.folder / relative
        text = path.read_text()
        assert old in text, f"{old!r} is not in {path}"
        path.write_text(text.replace(old, new))

    def stop(self) -> None:
        self.process.stop()


def start_dev_server(kind: str, tmp: Path) -> DevServer:
    """Copy the ``kind`` test app ("vite" or "webpack") into ``tmp`` and serve it on a free port."""
    folder = tmp / f"{kind}-dev"
    shutil.copytree(APPS / f"{kind}-dev", folder)
    port = free_port()
    log = tmp / f"{kind}-dev-server.log"
    args = [NODE, str(APPS / "dev-server.mjs"), kind, str(folder), str(port)]
    process = _spawn(args, APPS, dict(os.environ), log)
    _wait_ready(process, f"{kind} dev server", lambda: "ready " in log.read_text())
    return DevServer(f"http://127.0.0.1:{port}/", folder, process)
