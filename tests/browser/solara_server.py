"""Start and stop ``solara run`` for the browser tests, headless and off the network."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .servers import BIN_DIR, _http_ok, _spawn, _Subprocess, _wait_ready, free_port, jupyter_env


@dataclass
class SolaraServer(_Subprocess):
    url: str


def solara_env(tmp: Path) -> dict[str, str]:
    """The current environment, with Solara's home and the Jupyter directories (where the
    kernel lists the app folders it serves) in ``tmp``, and Solara's telemetry off.

    Solara's front end comes from the ``solara-assets`` package (its files land in the
    environment's share/solara/cdn, which Solara's CDN proxy serves first), so no page asks the
    internet; ``--no-check-version`` on the command line keeps the server from asking PyPI.
    """
    home = tmp / "solara-home"
    home.mkdir(parents=True, exist_ok=True)
    return {
        **jupyter_env(tmp),
        "SOLARA_HOME": str(home),
        "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "false",
    }


def start_solara(app: Path, tmp: Path) -> SolaraServer:
    """Serve ``app`` (a Solara script) with ``solara run`` on a free port, from ``tmp``."""
    port = free_port()
    args = [
        str(BIN_DIR / "solara"), "run", str(app), "--host=127.0.0.1", f"--port={port}",
        "--production", "--no-open", "--no-check-version",
    ]  # fmt: skip
    spawned = _spawn(args, tmp, solara_env(tmp), tmp / f"solara-{port}.log")
    url = f"http://127.0.0.1:{port}/"
    _wait_ready(spawned, "Solara", partial(_http_ok, f"{url}readyz"))
    return SolaraServer(**vars(spawned), url=url)
