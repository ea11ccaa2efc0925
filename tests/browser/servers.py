"""Start and stop the servers that browser tests talk to, each as a subprocess or thread."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

import psutil

BIN_DIR = Path(sys.executable).parent
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0

LAB_SETTINGS: dict[str, dict[str, Any]] = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


class ServerStartError(RuntimeError):
    """A server did not become ready in time."""


@dataclass
class _Subprocess:
    proc: subprocess.Popen[bytes]
    log_path: Path
    log_file: IO[bytes]

    def stop(self) -> None:
        """SIGTERM the server, then SIGKILL whatever is left of it and its children."""
        try:
            children = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            children = []
        self.proc.terminate()
        try:
            self.proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        _, alive = psutil.wait_procs(children, timeout=STOP_TIMEOUT)
        for child in alive:
            child.kill()
        self.log_file.close()


@dataclass
class LabServer(_Subprocess):
    url: str
    token: str
    root: Path
    runtime_dir: Path


@dataclass
class VoilaServer(_Subprocess):
    url: str


@dataclass
class StaticServer:
    url: str
    httpd: ThreadingHTTPServer
    thread: threading.Thread

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def jupyter_env(tmp: Path) -> dict[str, str]:
    """The current environment with every Jupyter and IPython directory inside ``tmp``."""
    dirs = {
        "JUPYTER_CONFIG_DIR": tmp / "config",
        "JUPYTER_DATA_DIR": tmp / "data",
        "JUPYTER_RUNTIME_DIR": tmp / "runtime",
        "IPYTHONDIR": tmp / "ipython",
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "JUPYTER_PLATFORM_DIRS": "1", **{k: str(v) for k, v in dirs.items()}}


def _spawn(args: list[str], cwd: Path, env: dict[str, str], log_path: Path) -> _Subprocess:
    log_file = log_path.open("wb")
    proc = subprocess.Popen(
        args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT
    )
    return _Subprocess(proc, log_path, log_file)


def log_tail(log_path: Path, lines: int = 40) -> str:
    return "\n".join(log_path.read_text(errors="replace").splitlines()[-lines:])


def _wait_ready(server: _Subprocess, name: str, is_ready: Callable[[], bool]) -> None:
    """Poll ``is_ready`` until it holds; stop the server and raise with its log tail if not."""
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            break
        if is_ready():
            return
        time.sleep(0.1)
    server.stop()
    raise ServerStartError(f"{name} did not become ready; log tail:\n{log_tail(server.log_path)}")


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _write_lab_settings(settings_dir: Path) -> None:
    for name, values in LAB_SETTINGS.items():
        path = settings_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


def _root_flag() -> list[str]:
    return ["--allow-root"] if os.geteuid() == 0 else []


def start_lab(tmp: Path) -> LabServer:
    """Start JupyterLab on a free port with all its state in ``tmp``; notebooks go in tmp/nb."""
    env = jupyter_env(tmp)
    root, settings = tmp / "nb", tmp / "settings"
    root.mkdir(parents=True, exist_ok=True)
    _write_lab_settings(settings)
    port, token = free_port(), secrets.token_hex(16)
    args = [
        str(BIN_DIR / "jupyter"), "lab", "--no-browser",
        f"--IdentityProvider.token={token}",
        "--ServerApp.ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        *_root_flag(),
    ]  # fmt: skip
    spawned = _spawn(args, root, env, tmp / "jupyterlab.log")
    url = f"http://127.0.0.1:{port}/"
    _wait_ready(spawned, "JupyterLab", partial(_http_ok, f"{url}api/status?token={token}"))
    runtime_dir = Path(env["JUPYTER_RUNTIME_DIR"])
    return LabServer(**vars(spawned), url=url, token=token, root=root, runtime_dir=runtime_dir)


def start_voila(notebook: Path, tmp: Path, options: tuple[str, ...] = ()) -> VoilaServer:
    """Serve ``notebook`` with Voila on a free port, started in the notebook's folder;
    ``options`` go on Voila's command line."""
    port = free_port()
    args = [
        str(BIN_DIR / "voila"), "--no-browser", f"--port={port}",
        "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", *options, notebook.name,
    ]  # fmt: skip
    spawned = _spawn(args, notebook.parent, jupyter_env(tmp), tmp / f"voila-{port}.log")
    _wait_ready(spawned, "Voila", partial(_port_open, port))
    return VoilaServer(**vars(spawned), url=f"http://127.0.0.1:{port}/")


class _StaticHandler(SimpleHTTPRequestHandler):
    cors = False

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""


class _CorsStaticHandler(_StaticHandler):
    cors = True


def start_voila_in_server(notebook: Path, tmp: Path, options: tuple[str, ...] = ()) -> VoilaServer:
    """Serve ``notebook`` with Voila as a Jupyter server extension (``jupyter server``, with
    every enabled extension, microfrontends' among them); its page is at /voila/render/."""
    port = free_port()
    args = [
        str(BIN_DIR / "jupyter"), "server", "--no-browser", f"--port={port}",
        "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0", "--IdentityProvider.token=",
        f"--ServerApp.root_dir={notebook.parent}", *_root_flag(), *options,
    ]  # fmt: skip
    spawned = _spawn(args, notebook.parent, jupyter_env(tmp), tmp / f"server-{port}.log")
    url = f"http://127.0.0.1:{port}/"
    _wait_ready(spawned, "Jupyter Server", partial(_http_ok, f"{url}api/status"))
    return VoilaServer(**vars(spawned), url=f"{url}voila/render/{notebook.name}")


def start_static(root: Path, cors: bool) -> StaticServer:
    """Serve ``root`` over HTTP from a thread; CORS header only when ``cors``."""
    handler = _CorsStaticHandler if cors else _StaticHandler
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return StaticServer(f"http://127.0.0.1:{httpd.server_address[1]}/", httpd, thread)


def start_notebook7(root: Path, tmp: Path) -> LabServer:
    """Start Notebook 7 on a free port serving ``root``, its state in ``tmp``."""
    env = jupyter_env(tmp)
    settings = tmp / "settings"
    _write_lab_settings(settings)
    port, token = free_port(), secrets.token_hex(16)
    args = [
        str(BIN_DIR / "jupyter"), "notebook", "--no-browser",
        f"--IdentityProvider.token={token}",
        "--ServerApp.ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        "--JupyterNotebookApp.expose_app_in_browser=True",
        f"--JupyterNotebookApp.user_settings_dir={settings}",
        *_root_flag(),
    ]  # fmt: skip
    spawned = _spawn(args, root, env, tmp / "notebook7.log")
    url = f"http://127.0.0.1:{port}/"
    _wait_ready(spawned, "Notebook 7", partial(_http_ok, f"{url}api/status?token={token}"))
    runtime_dir = Path(env["JUPYTER_RUNTIME_DIR"])
    return LabServer(**vars(spawned), url=url, token=token, root=root, runtime_dir=runtime_dir)
