"""A busy kernel under Voila: the app of a dashboard whose next cell runs long.

With progressive rendering, Voila shows each cell's output as soon as the cell ends, while the
kernel goes on with the next one. Voila run as a Jupyter server extension has the
microfrontends extension beside it, which serves the app's files at once; Voila's own server
has none, so the files come from the kernel when it is free, and the app says it waits.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .microapps import APPS, MOUNT_TIMEOUT_MS
from .notebook import write_notebook
from .servers import VoilaServer, start_voila, start_voila_in_server

PROGRESSIVE = ("--VoilaConfiguration.progressive_rendering=True",)


def busy_dashboard(folder: Path, seconds: int) -> Path:
    """A notebook showing the plain app, then running a cell of ``seconds``."""
    path = folder / "busy.ipynb"
    write_notebook(path, [
        "from microfrontends import MicroApp\n"
        f"MicroApp({str(APPS / 'plain')!r}, name='dash-plain')",
        f"import time\ntime.sleep({seconds})\nprint('the long cell ended')",
    ])  # fmt: skip
    return path


@pytest.fixture
def servers() -> Iterator[list[VoilaServer]]:
    started: list[VoilaServer] = []
    yield started
    for server in started:
        server.stop()


def test_voila_in_jupyter_server_shows_the_app_while_the_next_cell_runs(
    page: Page, tmp_path: Path, servers: list[VoilaServer]
) -> None:
    servers.append(start_voila_in_server(busy_dashboard(tmp_path, 600), tmp_path, PROGRESSIVE))
    page.goto(servers[-1].url, wait_until="commit")
    app = page.locator('[data-microfrontends-app="dash-plain"]')
    expect(app).to_have_attribute("data-microfrontends-status", "MOUNTED", timeout=MOUNT_TIMEOUT_MS)
    expect(app.locator("#title")).to_have_text("Plain app")
    expect(page.get_by_text("the long cell ended")).to_have_count(0)


def test_voila_alone_shows_the_app_waiting_for_the_kernel_then_runs_it(
    page: Page, tmp_path: Path, servers: list[VoilaServer]
) -> None:
    servers.append(start_voila(busy_dashboard(tmp_path, 10), tmp_path, PROGRESSIVE))
    page.goto(servers[-1].url, wait_until="commit")
    app = page.locator('[data-microfrontends-app="dash-plain"]')
    loading = app.locator(".microfrontends-loading")
    expect(loading).to_contain_text("waiting for the kernel", timeout=MOUNT_TIMEOUT_MS)
    expect(page.get_by_text("the long cell ended")).to_have_count(0)
    expect(app).to_have_attribute("data-microfrontends-status", "MOUNTED", timeout=MOUNT_TIMEOUT_MS)
    expect(app.locator("#title")).to_have_text("Plain app")
    expect(page.get_by_text("the long cell ended")).to_be_visible()
