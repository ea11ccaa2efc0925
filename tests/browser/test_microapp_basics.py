"""MicroApp in a real JupyterLab: loading through each transport, lifecycles, two views."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from .conftest import APPS_DIR, NotebookFactory
from .microapps import check_vue_todo, expect_py
from .notebook import Notebook
from .servers import StaticServer

IMPORT = "from microfrontends import MicroApp"


def host(nb: Notebook, index: int, name: str):
    return nb.output(index).locator(f'[data-microfrontends-app="{name}"]')


def expect_status(nb: Notebook, index: int, name: str, status: str) -> None:
    expect(host(nb, index, name)).to_have_attribute("data-microfrontends-status", status)


def python(nb: Notebook, expression: str) -> object:
    return nb.execute("", {"value": expression})["value"]


def color(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el).color")


def test_local_folder_app_runs_through_the_kernel(notebook: NotebookFactory, page: Page) -> None:
    nb = notebook([IMPORT, f"app = MicroApp({str(APPS_DIR / 'plain')!r}, name='plain')\napp"])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "plain", "MOUNTED")
    app = host(nb, 1, "plain")
    expect(app.locator("#title")).to_have_text("Plain app")
    assert color(app.locator("#title")) == "rgb(10, 20, 30)"
    # The image is a kernel-served file: the page cannot load it without the transport.
    expect(app.locator("#logo")).to_have_js_property("complete", True)
    assert app.locator("#logo").evaluate("img => img.naturalWidth") > 0
    expect(app.locator("#classic")).to_have_text("42 true fn")
    expect(app.locator("#powered")).to_have_text("true")
    # The browser's traits reach Python a moment after the page shows them.
    expect_py(nb, "app.status", "MOUNTED")
    expect_py(nb, "app.error", "")
    # The app's script ran in its own realm, not in the notebook page.
    assert page.evaluate("typeof window.sharedVar") == "undefined"
    assert app.evaluate("el => el.shadowRoot.mode") == "open"


def test_http_entry_falls_back_to_the_kernel_without_cors(
    notebook: NotebookFactory, static_server_nocors: StaticServer
) -> None:
    url = f"{static_server_nocors.url}plain/"
    nb = notebook(
        [
            IMPORT,
            f"blocked = MicroApp({url!r}, name='blocked', transport='browser')\nblocked",
            f"fallback = MicroApp({url!r}, name='fallback')\nfallback",
        ]
    )
    for index in range(3):
        nb.run_cell(index)
    expect_status(nb, 1, "blocked", "LOAD_ERROR")
    expect(host(nb, 1, "blocked").locator(".microfrontends-error-source")).to_contain_text(url)
    expect_status(nb, 2, "fallback", "MOUNTED")
    expect(host(nb, 2, "fallback").locator("#title")).to_have_text("Plain app")
    expect_py(nb, "'failed in the browser' in blocked.error", True)


def test_qiankun_umd_app_gets_lifecycles_and_props(
    notebook: NotebookFactory, static_server: StaticServer
) -> None:
    url = f"{static_server.url}umd/"
    cell = f"umd = MicroApp({url!r}, name='orders', props={{'label': 'first'}})\numd"
    nb = notebook([IMPORT, cell])
    nb.run_cell(0)
    nb.run_cell(1)
    app = host(nb, 1, "orders")
    expect_status(nb, 1, "orders", "MOUNTED")
    # Found as the last global the bundle added, and mounted with the app's name as a prop.
    expect(app.locator("#umd-mounted")).to_have_text("mounted as orders")
    expect(app.locator("#umd-label")).to_have_text("first")
    expect(app.locator("#umd-public-path")).to_have_text(url)
    nb.execute("umd.props = {'label': 'second'}")
    expect(app.locator("#umd-label")).to_have_text("second")

    # An app with lifecycles stays loaded after unmount (single-spa's NOT_MOUNTED).
    nb.execute("umd.unmount()")
    expect_status(nb, 1, "orders", "NOT_MOUNTED")
    expect(app.locator("#umd-root")).to_have_count(0)
    nb.execute("umd.mount()")
    expect_status(nb, 1, "orders", "MOUNTED")
    expect(app.locator("#umd-label")).to_have_text("second")

    # Closing the widget while it is unmounted frees the realm it kept.
    nb.execute("umd.unmount()")
    expect_status(nb, 1, "orders", "NOT_MOUNTED")
    realm = nb.page.locator('iframe[data-microfrontends-realm="orders"]')
    expect(realm).to_have_count(1)
    nb.execute("umd.close()")
    expect(app).to_have_count(0)
    expect(realm).to_have_count(0)


def test_two_views_are_independent_instances(notebook: NotebookFactory, page: Page) -> None:
    entry = str(APPS_DIR / "polluter")
    nb = notebook([IMPORT, f"p = MicroApp({entry!r}, name='pol')\np", "p"])
    for index in range(3):
        nb.run_cell(index)
    first, second = host(nb, 1, "pol"), host(nb, 2, "pol")
    expect_status(nb, 1, "pol", "MOUNTED")
    expect_status(nb, 2, "pol", "MOUNTED")
    first.locator("#open-modal").click()
    expect(first.locator("#modal")).to_have_count(1)
    expect(second.locator("#modal")).to_have_count(0)
    assert page.locator('iframe[data-microfrontends-realm="pol"]').count() == 2

    nb.clear_outputs(1)
    expect(page.locator('iframe[data-microfrontends-realm="pol"]')).to_have_count(1)
    expect_status(nb, 2, "pol", "MOUNTED")
    ticks = second.locator("#ticks")
    before = int(ticks.text_content() or 0)
    expect(ticks).not_to_have_text(str(before))


def test_vue_example_app_works(notebook: NotebookFactory) -> None:
    entry = Path(__file__).resolve().parents[2] / "examples" / "apps" / "vue-todo"
    nb = notebook([IMPORT, f"todo = MicroApp({str(entry)!r}, name='todo')\ntodo"])
    nb.run_cell(0)
    nb.run_cell(1)
    check_vue_todo(host(nb, 1, "todo"), "Ship it")
