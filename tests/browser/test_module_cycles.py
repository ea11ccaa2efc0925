"""ES modules that import each other in a cycle keep live bindings, as in a browser's own
loader: a module reads its partner's bindings as they are when it reads them, and calls its
partner's function declarations before the partner's body has run."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, expect

from .conftest import NotebookFactory
from .microapps import APPS, IMPORT, app_cell, expect_status, host, py
from .notebook import Notebook
from .servers import StaticServer

CYCLES = APPS / "module-cycle"
# (cell, app name) of each app in the shared notebook, by sandbox.
CYCLE_APPS = {
    "iframe": (1, "cycles-iframe"),
    "proxy": (2, "cycles-proxy"),
    "strict": (3, "cycles-strict"),
    "none": (4, "cycles-none"),
}
THROWING_APPS = {
    "iframe": (5, "throws-iframe"),
    "proxy": (6, "throws-proxy"),
}


@pytest.fixture(scope="module")
def cycles(module_notebook: NotebookFactory, static_server: StaticServer) -> Notebook:
    nb = module_notebook([
        IMPORT,
        app_cell("cycles_iframe", CYCLES, name="cycles-iframe"),
        app_cell("cycles_proxy", CYCLES, name="cycles-proxy", sandbox="proxy"),
        app_cell("cycles_strict", CYCLES, name="cycles-strict", sandbox="strict"),
        # The page runs these modules itself: over http, as a page loads them.
        app_cell("cycles_none", f"{static_server.url}module-cycle/", name="cycles-none",
                 sandbox="none", css="none"),
        app_cell("throws_iframe", CYCLES / "throwing", name="throws-iframe"),
        app_cell("throws_proxy", CYCLES / "throwing", name="throws-proxy", sandbox="proxy"),
    ])  # fmt: skip
    for index in range(7):
        nb.run_cell(index)
    return nb


def app_document(nb: Notebook, sandbox: str) -> Locator:
    """Where app ``sandbox`` renders: its host, or the strict app's own frame."""
    cell, name = CYCLE_APPS[sandbox]
    if sandbox == "strict":
        return nb.page.frame_locator(f'iframe[data-microfrontends-strict="{name}"]').locator("html")
    return host(nb, cell, name)


@pytest.mark.parametrize("sandbox", CYCLE_APPS)
def test_modules_of_a_cycle_read_each_others_bindings_live(cycles: Notebook, sandbox: str) -> None:
    cell, name = CYCLE_APPS[sandbox]
    expect_status(cycles, cell, name, "MOUNTED")
    app = app_document(cycles, sandbox)
    # b.js ran first and read a.js's `a` only when a.js called it: "BA", not "Bundefined".
    expect(app.locator("#two-modules")).to_have_text("BA")
    # c3.js called c1.js's function before c1.js ran, and read c1.js's `let` after main.js
    # changed it through c1.js's setter.
    expect(app.locator("#three-modules")).to_have_text("hoisted set later")


@pytest.mark.parametrize("sandbox", THROWING_APPS)
def test_a_module_of_a_cycle_that_throws_is_a_load_error_naming_it(
    cycles: Notebook, sandbox: str
) -> None:
    cell, name = THROWING_APPS[sandbox]
    expect_status(cycles, cell, name, "LOAD_ERROR")
    error = str(py(cycles, f"throws_{sandbox}.error"))
    assert "boom while evaluating a module of a cycle" in error, error
    assert "entry.js" in error, error
    app = host(cycles, cell, name)
    expect(app.locator(".microfrontends-error")).to_contain_text("boom while evaluating")
    expect(app.locator("#ran")).to_have_count(0)
