"""`sandbox="proxy"` in JupyterLab: the widget fetches the proxy sandbox part from the kernel."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from ..conftest import APPS_DIR, NotebookFactory
from ..microapps import VUE_TODO, expect_py
from ..test_microapp_basics import IMPORT, color, expect_status, host
from .conftest import check_todo_in_proxy


def test_polluter_in_jupyterlab_is_contained_and_cleaned_up(
    notebook: NotebookFactory, page: Page
) -> None:
    entry = str(APPS_DIR / "polluter")
    cell = f"pol = MicroApp({entry!r}, name='pol', sandbox='proxy', height=400)\npol"
    nb = notebook([IMPORT, cell])
    nb.run_cell(0)
    page_url = page.url
    nb.run_cell(1)
    expect_status(nb, 1, "pol", "MOUNTED")
    expect_py(nb, "pol.status", "MOUNTED")
    app = host(nb, 1, "pol")
    assert color(app.locator("#polluter-title")) == "rgb(255, 0, 0)"
    assert (
        page.evaluate("[typeof window.polluted, typeof window.leakyVar, typeof window.ticks]")
        == ["undefined"] * 3
    )
    expect(app.locator("#ticks")).not_to_have_text("0")
    app.locator("#open-modal").click()
    expect(app.locator("#modal")).to_have_text("Modal")
    assert color(app.locator("#modal")) == "rgb(1, 2, 3)"
    app.locator("#link-a").click()
    expect(app.locator("#route")).to_have_text("#/a")
    assert page.url == page_url
    app.locator("#add-style").click()
    assert color(app.locator("#dyn-target")) == "rgb(0, 200, 0)"

    nb.execute("pol.unmount()")
    expect_status(nb, 1, "pol", "NOT_LOADED")
    expect(page.locator('iframe[data-microfrontends-realm="pol"]')).to_have_count(0)
    expect(app.locator("#ticks")).to_have_count(0)
    expect(app.locator("#modal")).to_have_count(0)
    assert page.evaluate("typeof window.polluted") == "undefined"

    nb.execute("pol.mount()")
    expect_status(nb, 1, "pol", "MOUNTED")
    expect(app.locator("#ticks")).not_to_have_text("0")
    expect(app.locator("#route")).to_have_text("")
    # The style the app added at run time is back, once.
    app.locator("#add-style").click()
    assert app.evaluate("el => el.shadowRoot.querySelectorAll('#dyn-style').length") == 1
    assert color(app.locator("#dyn-target")) == "rgb(0, 200, 0)"


def test_vue_todo_in_jupyterlab(notebook: NotebookFactory, page: Page) -> None:
    cell = f"todo = MicroApp({str(VUE_TODO)!r}, name='todo', sandbox='proxy')\ntodo"
    nb = notebook([IMPORT, cell])
    nb.run_cell(0)
    # JupyterLab extensions installed with other hosts' packages (ipyvue's) may give the page a
    # Vue of its own: the app must leave the page's globals as they were.
    page.evaluate("window.pageGlobals = [window.Vue, window._]")
    nb.run_cell(1)
    expect_status(nb, 1, "todo", "MOUNTED")
    check_todo_in_proxy(host(nb, 1, "todo"))
    unchanged = "[window.Vue === pageGlobals[0], window._ === pageGlobals[1]]"
    assert page.evaluate(unchanged) == [True, True]
