"""An entry's own `<script type="importmap">` maps the bare specifiers its ES modules import,
in every sandbox that loads modules, as a browser would; an import map given to MicroApp
overrides the entry's for the specifiers it names."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import FrameLocator, Locator, expect

from .conftest import NotebookFactory
from .microapps import IMPORT, app_cell, expect_status, host
from .notebook import Notebook

ENTRY = """<!doctype html><html><head>
<script type="importmap">{"imports": {"greeting": "./lib/greeting.js"}}</script>
</head><body><p id="out">not run</p>
<script type="module">
  import { greet } from "greeting";
  document.getElementById("out").textContent = greet("map");
</script></body></html>"""


@pytest.fixture(scope="module")
def mapped_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mapped")
    (folder / "index.html").write_text(ENTRY)
    (folder / "lib").mkdir()
    (folder / "lib" / "greeting.js").write_text("export const greet = (who) => `hello ${who}`;")
    (folder / "lib" / "other.js").write_text("export const greet = (who) => `other ${who}`;")
    return folder


def view(nb: Notebook, index: int, name: str, sandbox: str) -> Locator | FrameLocator:
    if sandbox == "strict":
        return nb.output(index).frame_locator(f'iframe[data-microfrontends-strict="{name}"]')
    return host(nb, index, name)


@pytest.mark.parametrize("sandbox", ["iframe", "proxy", "strict"])
def test_an_entrys_import_map_resolves_its_bare_specifiers(
    notebook: NotebookFactory, mapped_app: Path, sandbox: str
) -> None:
    override = {"imports": {"greeting": "./lib/other.js"}}
    nb = notebook([
        IMPORT,
        app_cell("own", mapped_app, name="own", sandbox=sandbox),
        app_cell("overridden", mapped_app, name="overridden", sandbox=sandbox, import_map=override),
    ])  # fmt: skip
    nb.run_cell(0)
    nb.run_cell(1)
    nb.run_cell(2)
    expect_status(nb, 1, "own", "MOUNTED")
    expect(view(nb, 1, "own", sandbox).locator("#out")).to_have_text("hello map")
    expect_status(nb, 2, "overridden", "MOUNTED")
    expect(view(nb, 2, "overridden", sandbox).locator("#out")).to_have_text("other map")
