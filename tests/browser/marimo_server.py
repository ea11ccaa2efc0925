"""Start and stop marimo servers (``marimo run`` and ``marimo edit``) for browser tests."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal

from .servers import BIN_DIR, _http_ok, _spawn, _Subprocess, _wait_ready, free_port

Mode = Literal["run", "edit"]


@dataclass
class MarimoServer(_Subprocess):
    url: str
    notebook: Path


def marimo_env(tmp: Path) -> dict[str, str]:
    """The current environment with marimo's config, state and cache folders inside ``tmp``,
    so that no user setting applies and nothing is written outside it."""
    dirs = {name: tmp / name.lower() for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME")}
    dirs["XDG_CACHE_HOME"] = tmp / "cache"
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    return {**os.environ, **{name: str(path) for name, path in dirs.items()}}


def copy_notebook(notebook: Path, tmp: Path, *links: Path) -> Path:
    """A copy of ``notebook`` in ``tmp``/``notebook``'s folder name, next to links to
    ``links`` (folders its code reaches by relative paths): ``marimo edit`` saves the file
    it opens, and the tests leave the work tree as it was."""
    folder = tmp / notebook.parent.name
    folder.mkdir(parents=True, exist_ok=True)
    for target in links:
        (tmp / target.name).symlink_to(target, target_is_directory=True)
    return Path(shutil.copy(notebook, folder / notebook.name))


def start_marimo(mode: Mode, notebook: Path, tmp: Path) -> MarimoServer:
    """``marimo run`` or ``marimo edit`` ``notebook`` on a free port, headless, with no token
    and every marimo folder in ``tmp``; ready when its health check answers."""
    port = free_port()
    args = [
        str(BIN_DIR / "marimo"), "--yes", mode, str(notebook), "--headless", "--no-token",
        "--host", "127.0.0.1", "--port", str(port),
        *(["--skip-update-check"] if mode == "edit" else []),
    ]  # fmt: skip
    spawned = _spawn(args, notebook.parent, marimo_env(tmp), tmp / f"marimo-{mode}-{port}.log")
    url = f"http://127.0.0.1:{port}/"
    _wait_ready(spawned, f"marimo {mode}", partial(_http_ok, f"{url}health"))
    return MarimoServer(**vars(spawned), url=url, notebook=notebook)
