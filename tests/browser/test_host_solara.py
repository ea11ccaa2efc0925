"""examples/hosts/solara_app.py in Solara, as a user opens it with ``solara run``.

Each page view is a Solara session (a virtual kernel) of its own. Each test is one feature, for
the README's "Where it runs" table.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, Response, expect

from .conftest import REPO_ROOT
from .microapps import MOUNT_TIMEOUT_MS, check_vue_todo
from .solara_server import SolaraServer, start_solara
from .where_it_runs import where_it_runs

EXAMPLE = REPO_ROOT / "examples" / "hosts" / "solara_app.py"
# Where a Jupyter server with microfrontends' extension serves local folders and the runtime.
SERVER_PATHS = ("/microfrontends/files/", "/microfrontends/runtime/")


@pytest.fixture(scope="module")
def solara_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SolaraServer]:
    server = start_solara(EXAMPLE, tmp_path_factory.mktemp("solara"))
    yield server
    server.stop()


@pytest.fixture
def solara_page(page: Page, solara_server: SolaraServer) -> Page:
    """The example, opened in the test's page."""
    page.set_viewport_size({"width": 1200, "height": 1200})
    page.goto(solara_server.url)
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
    """The Solara text showing the reactive variable that the state's observer sets."""
    return page.locator(".python-region")


@where_it_runs("app", host="Solara")
def test_solara_app_in_component(solara_page: Page) -> None:
    expect_mounted(solara_page, "todo")
    check_vue_todo(app(solara_page, "todo"), "Try Solara")


@where_it_runs("dashboard", host="Solara")
def test_solara_dashboard_of_two_apps(solara_page: Page) -> None:
    expect_mounted(solara_page, "filter", "summary")
    region_filter, summary = app(solara_page, "filter"), app(solara_page, "summary")
    expect(region_filter.locator('button[data-region="US"]')).to_be_visible()
    expect(summary.locator("#summary-count")).to_have_text("40")
    # Laid out by the grid's areas: the filter above the summary, in one column.
    above, below = region_filter.bounding_box(), summary.bounding_box()
    assert above and below
    assert above["y"] + above["height"] <= below["y"]
    assert abs(above["x"] - below["x"]) < 1


@where_it_runs("state_in", "reacts", host="Solara")
def test_solara_state_from_app_reaches_python(solara_page: Page) -> None:
    expect_mounted(solara_page, "filter", "summary")
    expect(python_region(solara_page)).to_have_text("All")
    app(solara_page, "filter").locator('button[data-region="US"]').click()
    # The solara.reactive the state's observer sets re-rendered the text that reads it...
    expect(python_region(solara_page)).to_have_text("US")
    # ...and Python's summary, computed on the change, reached the other app.
    summary = app(solara_page, "summary")
    expect(summary.locator("#summary-scope")).to_have_text("US")
    expect(summary.locator("#summary-count")).to_have_text("8")


@where_it_runs("state_out", host="Solara")
def test_solara_state_from_python_reaches_apps(solara_page: Page) -> None:
    expect_mounted(solara_page, "filter", "summary")
    solara_page.get_by_role("button", name="EU from Python").click()
    expect(app(solara_page, "filter").locator('button[data-region="EU"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(app(solara_page, "summary").locator("#summary-scope")).to_have_text("EU")
    expect(python_region(solara_page)).to_have_text("EU")


@where_it_runs("local", host="Solara")
def test_solara_local_folder_apps_without_jupyter_server(
    page: Page, solara_server: SolaraServer
) -> None:
    """Solara runs no Jupyter server: the apps' folders are served by the kernel."""
    served: list[Response] = []
    page.on(
        "response", lambda r: served.append(r) if any(p in r.url for p in SERVER_PATHS) else None
    )
    page.goto(solara_server.url)
    expect_mounted(page, "todo", "filter", "summary")
    # The vendored Vue and lodash each app's page loads, its CSS, all came from its folder.
    check_vue_todo(app(page, "todo"), "Served by the kernel")
    expect(app(page, "summary").locator("#summary-count")).to_have_text("40")
    # Solara's page names a Jupyter server, which has no extension: whatever the page asked
    # of it came back 404 (the first answers teach the page to ask only the kernel).
    assert all(response.status == 404 for response in served)


@where_it_runs("tabs", host="Solara")
def test_solara_tabs_show_their_apps(solara_page: Page) -> None:
    page = solara_page
    expect_mounted(page, "todo")
    page.get_by_role("tab", name="Notes").click()
    expect(page.locator(".tab-notes")).to_be_visible()
    expect(app(page, "todo")).to_be_hidden()
    page.get_by_role("tab", name="Todo").click()
    expect_mounted(page, "todo")
    check_vue_todo(app(page, "todo"), "After the tabs")
