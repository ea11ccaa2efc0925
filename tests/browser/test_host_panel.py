"""examples/hosts/panel_app.py in Panel, as a user opens it with ``panel serve``.

Panel shows the widgets through ``pn.pane.IPyWidget`` (ipywidgets_bokeh). Each page view runs
the script in a session of its own. Each test is one feature, for the README's "Where it runs"
table.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, Response, expect

from .conftest import REPO_ROOT
from .microapps import MOUNT_TIMEOUT_MS, check_vue_todo
from .panel_server import PanelServer, serve_anywidget_locally, start_panel
from .where_it_runs import where_it_runs

EXAMPLE = REPO_ROOT / "examples" / "hosts" / "panel_app.py"
# The path where a Jupyter server with microfrontends' extension serves local folders.
SERVER_FILES = "/microfrontends/files/"


@pytest.fixture(scope="module")
def panel_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PanelServer]:
    server = start_panel(EXAMPLE, tmp_path_factory.mktemp("panel"))
    yield server
    server.stop()


@pytest.fixture
def panel_page(page: Page, panel_server: PanelServer) -> Page:
    """The example, opened in the test's page."""
    serve_anywidget_locally(page)
    page.set_viewport_size({"width": 1200, "height": 1200})
    page.goto(panel_server.url)
    return page


def app(page: Page, name: str) -> Locator:
    return page.locator(f'[data-microfrontends-app="{name}"]')


def expect_mounted(page: Page, *names: str) -> None:
    for name in names:
        expect(app(page, name)).to_have_attribute(
            "data-microfrontends-status", "MOUNTED", timeout=MOUNT_TIMEOUT_MS
        )
        expect(app(page, name)).to_be_visible()


def python_region(page: Page) -> Locator:
    """The Panel text showing the ``pn.rx`` value that the state's observer sets."""
    return page.locator(".python-region")


@where_it_runs("app", host="Panel")
def test_panel_app_in_ipywidget_pane(panel_page: Page) -> None:
    expect_mounted(panel_page, "todo")
    check_vue_todo(app(panel_page, "todo"), "Try Panel")


@where_it_runs("dashboard", host="Panel")
def test_panel_dashboard_of_two_apps(panel_page: Page) -> None:
    expect_mounted(panel_page, "filter", "summary")
    region_filter, summary = app(panel_page, "filter"), app(panel_page, "summary")
    expect(region_filter.locator('button[data-region="US"]')).to_be_visible()
    expect(summary.locator("#summary-count")).to_have_text("40")
    # Laid out by the grid's areas: the filter above the summary, in one column.
    above, below = region_filter.bounding_box(), summary.bounding_box()
    assert above and below
    assert above["y"] + above["height"] <= below["y"]
    assert abs(above["x"] - below["x"]) < 1


@where_it_runs("state_in", "reacts", host="Panel")
def test_panel_state_from_app_reaches_python(panel_page: Page) -> None:
    expect_mounted(panel_page, "filter", "summary")
    expect(python_region(panel_page)).to_have_text("All")
    app(panel_page, "filter").locator('button[data-region="US"]').click()
    # The pn.rx the state's observer sets re-rendered the text that reads it...
    expect(python_region(panel_page)).to_have_text("US")
    # ...and Python's summary, computed on the change, reached the other app.
    summary = app(panel_page, "summary")
    expect(summary.locator("#summary-scope")).to_have_text("US")
    expect(summary.locator("#summary-count")).to_have_text("8")


@where_it_runs("state_out", host="Panel")
def test_panel_state_from_python_reaches_apps(panel_page: Page) -> None:
    expect_mounted(panel_page, "filter", "summary")
    panel_page.get_by_role("button", name="EU from Python").click()
    expect(app(panel_page, "filter").locator('button[data-region="EU"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(app(panel_page, "summary").locator("#summary-scope")).to_have_text("EU")
    expect(python_region(panel_page)).to_have_text("EU")


@where_it_runs("local", host="Panel")
def test_panel_local_folder_apps_without_jupyter_server(
    page: Page, panel_server: PanelServer
) -> None:
    """Panel runs no Jupyter server: the apps' folders are served by the kernel's side."""
    asked: list[Response] = []
    page.on("response", lambda r: asked.append(r) if SERVER_FILES in r.url else None)
    serve_anywidget_locally(page)
    page.goto(panel_server.url)
    expect_mounted(page, "todo", "filter", "summary")
    # The vendored Vue and lodash each app's page loads, its CSS, all came from its folder.
    check_vue_todo(app(page, "todo"), "Served by the kernel")
    expect(app(page, "summary").locator("#summary-count")).to_have_text("40")
    # Panel's page names no Jupyter server, so nothing was asked of one.
    assert asked == []


@where_it_runs("tabs", host="Panel")
def test_panel_tabs_show_their_apps(panel_page: Page) -> None:
    page = panel_page
    expect_mounted(page, "todo")
    page.get_by_role("tab", name="Notes").click()
    expect(page.locator(".tab-notes")).to_be_visible()
    expect(app(page, "todo")).to_be_hidden()
    page.get_by_role("tab", name="Todo").click()
    expect_mounted(page, "todo")
    check_vue_todo(app(page, "todo"), "After the tabs")
