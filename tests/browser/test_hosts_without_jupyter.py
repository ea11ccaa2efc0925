"""The same example in two hosts that run no Jupyter server: examples/hosts/solara_app.py under
``solara run`` (each page view a Solara session, a virtual kernel, of its own) and panel_app.py
under ``panel serve`` (shown through ``pn.pane.IPyWidget``, ipywidgets_bokeh; each page view
runs the script in a session of its own). Each test runs in both hosts and marks the cells of
the README's "Where it runs" table it checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Locator, Page, Response, expect

from .conftest import REPO_ROOT
from .microapps import check_filter_above_summary, check_vue_todo, expect_mounted, page_app
from .panel_server import PanelServer, serve_anywidget_locally, start_panel
from .solara_server import SolaraServer, start_solara
from .where_it_runs import where_it_runs

EXAMPLES = REPO_ROOT / "examples" / "hosts"
# Each host: its example, how its server starts, and what a page needs before it loads (Panel's
# request for anywidget's front end from unpkg.com, answered from the installed package).
HOSTS = {
    "Solara": ("solara_app.py", start_solara, lambda page: None),
    "Panel": ("panel_app.py", start_panel, serve_anywidget_locally),
}
# Where a Jupyter server with microfrontends' extension serves local folders and the runtime.
SERVER_PATHS = ("/microfrontends/files/", "/microfrontends/runtime/")

Opener = Callable[[Page], Page]


@pytest.fixture(scope="module", params=list(HOSTS))
def open_example(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Opener]:
    """Opens the host's example in a page, as a user does; one server per host and module."""
    example, start, prepare = HOSTS[request.param]
    server: SolaraServer | PanelServer = start(
        EXAMPLES / example, tmp_path_factory.mktemp(request.param)
    )

    def open_in(page: Page) -> Page:
        prepare(page)
        page.set_viewport_size({"width": 1200, "height": 1200})
        page.goto(server.url)
        return page

    yield open_in
    server.stop()


@pytest.fixture
def host_page(page: Page, open_example: Opener) -> Page:
    return open_example(page)


def python_region(page: Page) -> Locator:
    """The host's text showing its reactive value (a ``solara.reactive``, a ``pn.rx``) that
    the state's observer sets."""
    return page.locator(".python-region")


@where_it_runs("app")
def test_an_app_in_the_host(host_page: Page) -> None:
    expect_mounted(host_page, "todo")
    check_vue_todo(page_app(host_page, "todo"), "Try the host")


@where_it_runs("dashboard")
def test_a_dashboard_of_two_apps(host_page: Page) -> None:
    expect_mounted(host_page, "filter", "summary")
    check_filter_above_summary(host_page)


@where_it_runs("state_in", "reacts")
def test_state_from_an_app_reaches_python_and_the_hosts_reactive_text(host_page: Page) -> None:
    expect_mounted(host_page, "filter", "summary")
    expect(python_region(host_page)).to_have_text("All")
    page_app(host_page, "filter").locator('button[data-region="US"]').click()
    # The reactive value the state's observer sets re-rendered the text that reads it...
    expect(python_region(host_page)).to_have_text("US")
    # ...and Python's summary, computed on the change, reached the other app.
    summary = page_app(host_page, "summary")
    expect(summary.locator("#summary-scope")).to_have_text("US")
    expect(summary.locator("#summary-count")).to_have_text("8")


@where_it_runs("state_out")
def test_state_from_python_reaches_the_apps(host_page: Page) -> None:
    expect_mounted(host_page, "filter", "summary")
    host_page.get_by_role("button", name="EU from Python").click()
    expect(page_app(host_page, "filter").locator('button[data-region="EU"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page_app(host_page, "summary").locator("#summary-scope")).to_have_text("EU")
    expect(python_region(host_page)).to_have_text("EU")


@where_it_runs("local")
def test_local_folder_apps_come_from_the_kernel(page: Page, open_example: Opener) -> None:
    """No Jupyter server runs: the apps' folders are served by the kernel."""
    served: list[Response] = []
    page.on(
        "response", lambda r: served.append(r) if any(p in r.url for p in SERVER_PATHS) else None
    )
    open_example(page)
    expect_mounted(page, "todo", "filter", "summary")
    # The vendored Vue and lodash each app's page loads, its CSS, all came from its folder.
    check_vue_todo(page_app(page, "todo"), "Served by the kernel")
    expect(page_app(page, "summary").locator("#summary-count")).to_have_text("40")
    # Solara's page names a Jupyter server, which has no extension: whatever the page asked of
    # it came back 404 (the first answers teach the page to ask only the kernel). Panel's page
    # names none.
    assert all(response.status == 404 for response in served)


@where_it_runs("tabs")
def test_tabs_show_their_apps(host_page: Page) -> None:
    expect_mounted(host_page, "todo")
    host_page.get_by_role("tab", name="Notes").click()
    expect(host_page.locator(".tab-notes")).to_be_visible()
    expect(page_app(host_page, "todo")).to_be_hidden()
    host_page.get_by_role("tab", name="Todo").click()
    expect_mounted(host_page, "todo")
    check_vue_todo(page_app(host_page, "todo"), "After the tabs")
