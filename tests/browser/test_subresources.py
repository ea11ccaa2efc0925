"""Files an app can do without (stylesheets, @imports, fonts, images) fail alone, in real
JupyterLab: the app renders without them, as a browser renders a page, and each is named in
the console and in Python's ``app.warnings``; only the entry and its scripts fail the app."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from microfrontends.protocol import VIRTUAL_ORIGIN

from .conftest import NotebookFactory
from .microapps import APPS, IMPORT, app_cell, expect_py, expect_status, host, py, style
from .notebook import Notebook

APP = APPS / "missing-files"
CELL = 1
# Each file the app names but cannot have: how a warning names it, and why it is missing.
MISSING = {
    "stylesheet": (str(APP / "css" / "does-not-exist.css"), "no file css/does-not-exist.css"),
    "outside": (f"{VIRTUAL_ORIGIN}/plain/css/style.css", "not below this app's folder"),
    "import": (str(APP / "css" / "does-not-exist-either.css"), "no file"),
    "font": (str(APP / "fonts" / "does-not-exist.woff2"), "no file"),
    "image in css": (str(APP / "img" / "does-not-exist-either.png"), "no file"),
    "image": (str(APP / "img" / "does-not-exist.png"), "no file"),
    "run-time stylesheet": (str(APP / "css" / "added-at-run-time.css"), "no file"),
}


@pytest.fixture(scope="module")
def app(module_notebook: NotebookFactory) -> Notebook:
    nb = module_notebook([IMPORT, app_cell("subres", APP, name="subres")])
    nb.run_cell(0)
    nb.run_cell(CELL)
    expect_status(nb, CELL, "subres", "MOUNTED")
    return nb


def test_app_renders_without_its_missing_files(app: Notebook) -> None:
    shown = host(app, CELL, "subres")
    expect(shown.locator(".microfrontends-error")).to_have_count(0)
    expect(shown.locator("#ran")).to_have_text("ran")
    # good.css applies; the refused ../plain/css/style.css (which colours #title too) does not.
    expect(shown.locator("#title")).to_have_css("color", "rgb(10, 120, 200)")
    # The sheet with a missing @import, font and image keeps its other rules and declarations.
    imported = shown.locator("#imported")
    expect(imported).to_have_css("color", "rgb(0, 128, 0)")
    expect(imported).to_have_css("background-color", "rgb(255, 250, 200)")
    assert "sans-serif" in style(imported, "fontFamily")
    # The app's own code hears of its missing stylesheet, as in a page.
    expect(shown.locator("#runtime-link")).to_have_text("error event")
    expect_py(app, "subres.status", "MOUNTED")
    assert py(app, "subres.error") == ""


@pytest.mark.parametrize("which", list(MISSING))
def test_each_missing_file_is_named_in_the_console_and_in_python(app: Notebook, which: str) -> None:
    name, reason = MISSING[which]
    expect(host(app, CELL, "subres").locator("#runtime-link")).to_have_text("error event")
    expect_py(app, f"any({name!r} in w and {reason!r} in w for w in subres.warnings)", True)
    warnings = [
        line
        for line in app.page.console_log
        if line.startswith("warning:") and 'App "subres"' in line and name in line
    ]
    assert warnings, f"no console warning names {name}:\n" + "\n".join(app.page.console_log)
    assert reason in warnings[0]
