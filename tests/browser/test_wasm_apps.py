"""WebAssembly libraries as apps use them, from a local folder in JupyterLab (whose server has
the extension): sql.js (a classic script that finds its `.wasm` through `locateFile`, a URL
relative to the page) and a wasm-pack `--target web` package (an ES module whose `init()`
fetches its `_bg.wasm` from `new URL(..., import.meta.url)`), both copied from npm packages by
tests/apps/build.mjs. Each shows a result only its WebAssembly can compute."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import FrameLocator, Locator, expect

from .conftest import NotebookFactory
from .microapps import APPS, IMPORT, app_cell, expect_status, host

SANDBOXES = ["iframe", "proxy", "strict", "none"]
# Compiling 0.7 MB and 1.8 MB of WebAssembly on a busy 2-core machine.
WASM_TIMEOUT_MS = 20_000


def cell(folder: str, sandbox: str) -> str:
    """The app's cell; in `none` the app's `document` is the page's, where its elements must be
    for its `getElementById` to find them (css="none")."""
    css = {"css": "none"} if sandbox == "none" else {}
    return app_cell("app", APPS / folder, name=folder, sandbox=sandbox, **css)


def view(app: Locator, sandbox: str) -> Locator | FrameLocator:
    """Where the app's elements are: its host, or the strict sandbox's frame in it."""
    return app.frame_locator("iframe") if sandbox == "strict" else app


# Both apps in one notebook per mode: one JupyterLab page load instead of two. Their elements'
# ids differ, as in `none` both are in the page's document.
@pytest.mark.parametrize("sandbox", SANDBOXES)
def test_sql_js_and_a_wasm_pack_package_load_their_wasm(
    notebook: NotebookFactory, sandbox: str
) -> None:
    nb = notebook([IMPORT, cell("sqljs", sandbox), cell("wasm-pack", sandbox)])
    for index in range(3):
        nb.run_cell(index)
    expect_status(nb, 1, "sqljs", "MOUNTED")
    sqljs = view(host(nb, 1, "sqljs"), sandbox)
    expect(sqljs.locator("#sql-result")).to_have_text(
        re.compile(r"^rows 2, total 12, sqlite 3\.\d+\.\d+$"), timeout=WASM_TIMEOUT_MS
    )
    expect(sqljs.locator("#wasm-type")).to_have_text("wasm application/wasm")
    expect_status(nb, 2, "wasm-pack", "MOUNTED")
    wasm_pack = view(host(nb, 2, "wasm-pack"), sandbox)
    expect(wasm_pack.locator("#automerge-result")).to_have_text(
        'automerge {"count":2,"items":["apple","pear"]}', timeout=WASM_TIMEOUT_MS
    )
