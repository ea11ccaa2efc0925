"""examples/hosts/jupyter.ipynb in the Jupyter hosts: JupyterLab and Notebook 7 (every cell run,
as a user runs all) and Voila. Each test checks cells of the README's "Where it runs" table."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .conftest import REPO_ROOT, _new_page
from .microapps import MOUNT_TIMEOUT_MS, expect_mounted, page_app
from .notebook import RUN_ALL_CELLS
from .servers import start_lab, start_notebook7, start_voila
from .where_it_runs import where_it_runs

EXAMPLE = REPO_ROOT / "examples" / "hosts" / "jupyter.ipynb"
HOSTS = ("JupyterLab", "Notebook 7", "Voila")
# The apps mount once the host has started a kernel and run every cell.
NOTEBOOK_RUN_TIMEOUT_MS = MOUNT_TIMEOUT_MS * 2


def _copy_example(root: Path) -> Path:
    """The example in ``root``/examples/hosts, beside the repository's apps: a run that saves the
    notebook changes the copy only."""
    hosts = root / "examples" / "hosts"
    hosts.mkdir(parents=True)
    (root / "examples" / "apps").symlink_to(REPO_ROOT / "examples" / "apps")
    return Path(shutil.copy(EXAMPLE, hosts))


@pytest.fixture(scope="module", params=HOSTS)
def host_page(
    request: pytest.FixtureRequest,
    browser_context: BrowserContext,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, Page]]:
    """The example open in one host, its cells run: (host, page)."""
    host: str = request.param
    tmp = tmp_path_factory.mktemp(host.replace(" ", "-"))
    page = _new_page(browser_context)
    if host == "Voila":
        server = start_voila(_copy_example(tmp / "root"), tmp / "state")
        page.goto(server.url, timeout=120_000)
    else:
        if host == "JupyterLab":
            _copy_example(tmp / "nb")
            server = start_lab(tmp)
            path = "lab/tree/examples/hosts/jupyter.ipynb"
        else:
            _copy_example(tmp / "root")
            server = start_notebook7(tmp / "root", tmp / "state")
            path = "notebooks/examples/hosts/jupyter.ipynb"
        page.goto(f"{server.url}{path}?token={server.token}", timeout=120_000)
        page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
        page.evaluate(RUN_ALL_CELLS)
    try:
        yield host, page
    finally:
        page.close()
        server.stop()


@where_it_runs("app", "local")
def test_an_app_from_a_local_folder_mounts(host_page: tuple[str, Page]) -> None:
    _, page = host_page
    expect_mounted(page, "filter", timeout=NOTEBOOK_RUN_TIMEOUT_MS)
    expect(page_app(page, "filter").locator('button[data-region="EU"]')).to_be_visible()


@where_it_runs("dashboard")
def test_a_dashboard_lays_out_its_apps_and_widgets(host_page: tuple[str, Page]) -> None:
    _, page = host_page
    expect_mounted(page, "filter", "summary", timeout=NOTEBOOK_RUN_TIMEOUT_MS)
    filter_box = page_app(page, "filter").bounding_box()
    summary_box = page_app(page, "summary").bounding_box()
    assert filter_box and summary_box
    # The areas: the filter spans the first row, the summary is below it, on the right.
    assert summary_box["y"] >= filter_box["y"] + filter_box["height"] - 1
    assert summary_box["x"] > filter_box["x"] + filter_box["width"] / 4


@where_it_runs("tabs")
def test_tabs_show_their_app(host_page: tuple[str, Page]) -> None:
    _, page = host_page
    expect_mounted(page, "todo", timeout=NOTEBOOK_RUN_TIMEOUT_MS)
    expect(page_app(page, "todo").locator("#new-todo")).to_be_visible()


@where_it_runs("state_in", "reacts")
def test_a_click_in_an_app_reaches_python_which_updates_a_widget_and_an_app(
    host_page: tuple[str, Page],
) -> None:
    _, page = host_page
    expect_mounted(page, "filter", timeout=NOTEBOOK_RUN_TIMEOUT_MS)
    page_app(page, "filter").locator('button[data-region="APAC"]').click()
    expect(page.get_by_text("Python sees: APAC")).to_be_visible()
    expect(page_app(page, "summary").locator("#summary-scope")).to_have_text("APAC")


@where_it_runs("state_out")
def test_a_change_from_python_shows_in_the_apps(host_page: tuple[str, Page]) -> None:
    _, page = host_page
    expect_mounted(page, "filter", timeout=NOTEBOOK_RUN_TIMEOUT_MS)
    page.get_by_role("button", name="US from Python").click()
    expect(page_app(page, "filter").locator('button[data-region="US"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page_app(page, "summary").locator("#summary-scope")).to_have_text("US")
