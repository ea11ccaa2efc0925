"""examples/hosts/marimo_app.py in marimo, as a user opens it: ``marimo run`` shows the app,
``marimo edit`` the notebook, whose cells run when the user clicks "Run all stale cells".

Each test is one feature in one mode (run, edit) and marks the cells of the README's "Where it
runs" table it checks.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .conftest import REPO_ROOT
from .marimo_server import MarimoServer, Mode, copy_notebook, start_marimo
from .microapps import check_filter_above_summary, check_vue_todo, expect_mounted, page_app
from .servers import log_tail
from .where_it_runs import where_it_runs

EXAMPLE = REPO_ROOT / "examples" / "hosts" / "marimo_app.py"
# The README's host names and marimo's modes.
MODES: dict[str, Mode] = {"marimo run": "run", "marimo edit": "edit"}

OpenExample = Callable[[], Page]
KERNEL_START_TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def marimo_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MarimoServer]:
    """``marimo run`` of the example; each page view gets a session (a kernel) of its own."""
    tmp = tmp_path_factory.mktemp("marimo-run")
    server = start_marimo("run", copy_notebook(EXAMPLE, tmp, EXAMPLE.parents[1] / "apps"), tmp)
    yield server
    server.stop()


@pytest.fixture
def marimo_edit(tmp_path: Path) -> Iterator[MarimoServer]:
    """``marimo edit`` of a copy of the example: a server per test, since the editor keeps
    one session per notebook."""
    server = start_marimo(
        "edit", copy_notebook(EXAMPLE, tmp_path, EXAMPLE.parents[1] / "apps"), tmp_path
    )
    yield server
    server.stop()


@pytest.fixture(params=list(MODES))
def open_example(request: pytest.FixtureRequest, page: Page) -> OpenExample:
    """Opens the example in the test's page in marimo's run or edit mode, as a user does."""
    mode = MODES[request.param]
    server: MarimoServer = request.getfixturevalue(f"marimo_{mode}")

    def open_it() -> Page:
        page.set_viewport_size({"width": 1200, "height": 1600})
        page.goto(server.url)
        if mode == "edit":
            run_all_stale(page, server)
        return page

    return open_it


class MarimoEditStartWarning(UserWarning):
    """marimo edit's page could not run the notebook on its first load."""


def run_all_stale(page: Page, server: MarimoServer) -> None:
    """marimo edit shows the code and runs nothing until asked: click the run button once it
    turns from "Nothing to run" to "Run all stale cells", as a user does."""
    controls = page.get_by_test_id("chrome-controls-bottom-right")
    stale = controls.locator('[data-testid="run-button"]:not(.inactive-button)')
    # The button turns once marimo's kernel has started, which a loaded machine can take long
    # to do (marimo's start, not microfrontends').
    try:
        stale.click(timeout=KERNEL_START_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        # Once in a CI run the button showed and then went for good before any cell had run,
        # so before any code of ours was in the kernel; a user reloads such a page. The
        # warning keeps it in the test report, with marimo's log.
        warnings.warn(
            MarimoEditStartWarning(
                "marimo edit's run button was not there to click; no cell had run, so the"
                " page is reloaded."
                f" marimo's log:\n{log_tail(server.log_path)}"
            ),
            stacklevel=2,
        )
        page.reload()
        stale.click(timeout=KERNEL_START_TIMEOUT_MS)
    # Then until every cell has run, as a user waits: a control clicked while its cell still
    # runs is drawn again with its first value.
    expect(controls.locator('[data-testid="run-button"].inactive-button')).to_be_visible(
        timeout=KERNEL_START_TIMEOUT_MS
    )


@where_it_runs("app", "local")
def test_marimo_app_as_cell_output(open_example: OpenExample) -> None:
    page = open_example()
    expect_mounted(page, "todo")
    check_vue_todo(page_app(page, "todo"), "Try marimo")


@where_it_runs("app", "reacts")
def test_marimo_app_through_mo_ui_anywidget_reruns_cells(open_example: OpenExample) -> None:
    page = open_example()
    expect_mounted(page, "chart")
    expect(page_app(page, "chart").locator("#chart canvas")).to_be_visible()
    # The cell that reads the mo.ui.anywidget's value re-ran when the page set `status`.
    expect(page.locator("#chart-status")).to_have_text("MOUNTED")


@where_it_runs("dashboard")
def test_marimo_dashboard_of_two_apps(open_example: OpenExample) -> None:
    page = open_example()
    expect_mounted(page, "filter", "summary")
    check_filter_above_summary(page)


@where_it_runs("state_in", "reacts")
def test_marimo_state_from_app_reaches_python_and_reruns_cell(
    open_example: OpenExample,
) -> None:
    page = open_example()
    expect_mounted(page, "filter", "summary")
    expect(page.locator("#python-region")).to_have_text("All")
    page_app(page, "filter").locator('button[data-region="US"]').click()
    # The mo.state the state's observer sets re-ran the cell that reads it...
    expect(page.locator("#python-region")).to_have_text("US")
    # ...and Python's summary, computed on the change, reached the other app.
    expect(page_app(page, "summary").locator("#summary-scope")).to_have_text("US")
    expect(page_app(page, "summary").locator("#summary-count")).to_have_text("8")


@where_it_runs("state_out")
def test_marimo_state_from_python_reaches_apps(open_example: OpenExample) -> None:
    page = open_example()
    expect_mounted(page, "filter", "summary")
    page.get_by_role("radio", name="EU").check()
    expect(page_app(page, "filter").locator('button[data-region="EU"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page_app(page, "summary").locator("#summary-scope")).to_have_text("EU")
    expect(page.locator("#python-region")).to_have_text("EU")


@where_it_runs("tabs")
def test_marimo_tabs_keep_apps_running(open_example: OpenExample) -> None:
    page = open_example()
    orders, notes = page_app(page, "orders"), page_app(page, "notes")
    expect_mounted(page, "orders")
    expect(orders.locator("#orders-count")).to_have_text("40 orders")
    expect(notes).to_be_hidden()
    page.get_by_role("tab", name="Notes").click()
    expect_mounted(page, "notes")
    expect(orders).to_be_hidden()
    check_vue_todo(notes, "Kept across tabs")
    page.get_by_role("tab", name="Orders").click()
    expect(orders).to_be_visible()
    page.get_by_role("tab", name="Notes").click()
    # Still the app the user changed: a page that left the document would have lost it.
    expect(notes.get_by_test_id("todo-item")).to_have_count(4)


@where_it_runs("dashboard", "state_in", host="marimo edit")
def test_marimo_edit_rerun_dashboard_cell(page: Page, marimo_edit: MarimoServer) -> None:
    """Running the Dashboard's cell again (as after editing it) replaces its apps with new
    ones, which mount, get the state as it is, and still reach Python."""
    page.set_viewport_size({"width": 1200, "height": 1600})
    page.goto(marimo_edit.url)
    run_all_stale(page, marimo_edit)
    expect_mounted(page, "filter", "summary")
    page_app(page, "filter").locator('button[data-region="US"]').click()
    expect(page.locator("#python-region")).to_have_text("US")
    old_filter = page_app(page, "filter").element_handle()
    cell = page.locator("[data-cell-id]").filter(has_text="Dashboard(")
    cell.get_by_test_id("run-button").first.click()
    expect(page.locator('[data-microfrontends-app="filter"]')).to_have_count(1)
    expect_mounted(page, "filter", "summary")
    assert not old_filter.evaluate("el => el.isConnected")
    expect(page_app(page, "filter").locator('button[data-region="US"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    page_app(page, "filter").locator('button[data-region="EU"]').click()
    expect(page.locator("#python-region")).to_have_text("EU")
    expect(page_app(page, "summary").locator("#summary-scope")).to_have_text("EU")
