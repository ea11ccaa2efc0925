"""ES module apps (a real Vite build) in the iframe sandbox of real JupyterLab: from a local
folder through the kernel, over http with CORS, and cross-origin without CORS (the kernel
fetches); code-split chunks, CSS imported from JS, import maps for bare specifiers."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import NotebookFactory
from .microapps import APPS, IMPORT, app_cell, expect_py, expect_status, host, in_realm, py, style
from .notebook import Notebook
from .servers import StaticServer

VITE_DIST = APPS / "vite-app" / "dist"
SHARED = {"imports": {"shared-lib": "./shared-lib.js"}}
# (cell, app name) of each app in the shared notebook.
APPS_BY_SOURCE = {
    "local": (1, "vite-local"),
    "http": (2, "vite-http"),
    "nocors": (3, "vite-nocors"),
}
NO_MAP = (4, "vite-nomap")
MISSING = (5, "module-missing")
THROWS = (6, "module-throws")
MISSING_HTML = '<p>x</p><script type="module">import "{url}no-such-module.js";</script>'
DYNAMIC = (7, "module-added")
# A classic script that adds a module script at run time, which imports a bare specifier.
DYNAMIC_HTML = """<p id="added">not run</p><script>
  var module = document.createElement('script');
  module.type = 'module';
  module.textContent = "import { shout } from 'shared-lib'; window.addedModuleRan = true;" +
    "document.getElementById('added').textContent = shout('added');";
  document.head.appendChild(module);
</script>"""
THROWS_HTML = (
    '<p id="ran">no</p><script type="module">'
    "document.getElementById('ran').textContent = 'yes'; throw new Error('boom in a module');"
    "</script>"
)


@pytest.fixture(scope="module")
def vite(
    module_notebook: NotebookFactory,
    static_server: StaticServer,
    static_server_nocors: StaticServer,
) -> Notebook:
    if not (VITE_DIST / "index.html").is_file():
        pytest.fail(
            f"{VITE_DIST} is not built; run `npm ci --prefix tests/apps && "
            "npm run build --prefix tests/apps`",
            pytrace=False,
        )
    nb = module_notebook(
        [
            IMPORT,
            app_cell("local_vite", VITE_DIST, name="vite-local", import_map=SHARED),
            app_cell(
                "http_vite",
                f"{static_server.url}vite-app/dist/",
                name="vite-http",
                import_map=SHARED,
            ),
            app_cell(
                "nocors_vite",
                f"{static_server_nocors.url}vite-app/dist/",
                name="vite-nocors",
                import_map=SHARED,
            ),
            app_cell("nomap_vite", VITE_DIST, name="vite-nomap"),
            app_cell(
                "missing_module",
                html=MISSING_HTML.format(url=static_server.url),
                name="module-missing",
            ),
            app_cell("throwing_module", html=THROWS_HTML, name="module-throws"),
            app_cell(
                "added_module",
                html=DYNAMIC_HTML,
                name="module-added",
                import_map={
                    "imports": {"shared-lib": f"{static_server.url}vite-app/dist/shared-lib.js"},
                },
            ),
        ]
    )
    for index in range(8):
        nb.run_cell(index)
    return nb


@pytest.mark.parametrize("source", APPS_BY_SOURCE)
def test_vite_app_renders_with_its_css(vite: Notebook, source: str) -> None:
    cell, name = APPS_BY_SOURCE[source]
    expect_status(vite, cell, name, "MOUNTED")
    app = host(vite, cell, name)
    title = app.locator("#vite-title")
    expect(title).to_have_text("hello from vite modules")
    # CSS imported from JS: Vite emits it as a stylesheet of the entry.
    assert style(title, "color") == "rgb(10, 120, 200)"
    # nanoid, from npm, bundled by Vite; the bare "shared-lib" from the host's import map.
    expect(app.locator("#vite-id")).to_have_text("id length 21")
    expect(app.locator("#vite-shared")).to_have_text("SHARED FROM THE IMPORT MAP")


@pytest.mark.parametrize("source", APPS_BY_SOURCE)
def test_code_split_chunk_loads_on_click(vite: Notebook, source: str) -> None:
    cell, name = APPS_BY_SOURCE[source]
    expect_status(vite, cell, name, "MOUNTED")
    app = host(vite, cell, name)
    expect(app.locator(".vite-details-box")).to_have_count(0)
    app.get_by_role("button", name="Load details").click()
    details = app.locator(".vite-details-box")
    expect(details).to_have_text("details chunk loaded (hello from chunk modules)")
    # The chunk's own CSS, which Vite's preload helper appends to document.head, applies in
    # the app's shadow root and nowhere in the page.
    expect(details).to_have_css("color", "rgb(200, 30, 60)")
    assert (
        vite.page.evaluate(
            "() => [...document.querySelectorAll('style, link')].filter((el) => "
            "(el.textContent + (el.href || '')).includes('vite-details-box')).length"
        )
        == 0
    )
    # import() with a specifier computed at run time, whose module imports a bare specifier.
    # (Its two modules import each other: "aA" needs both evaluated, and the cycle linked.)
    expect(app.locator("#vite-late")).to_have_text("LATE MODULE FROM THE IMPORT MAP aA")
    # The entry module ran once, though the chunk imports from it.
    assert in_realm(vite.page, name, "window.viteEntryRuns") == 1


@pytest.mark.parametrize("source", APPS_BY_SOURCE)
def test_module_globals_stay_in_the_realm(vite: Notebook, source: str) -> None:
    cell, name = APPS_BY_SOURCE[source]
    expect_status(vite, cell, name, "MOUNTED")
    assert in_realm(vite.page, name, "window.viteAppGlobal") == "set by the vite app"
    assert vite.page.evaluate("() => typeof window.viteAppGlobal") == "undefined"
    expect_py(vite, f"{'nocors' if source == 'nocors' else source}_vite.status", "MOUNTED")


def test_bare_specifier_without_import_map_is_a_clear_error(vite: Notebook) -> None:
    cell, name = NO_MAP
    expect_status(vite, cell, name, "LOAD_ERROR")
    error = str(py(vite, "nomap_vite.error"))
    assert '"shared-lib"' in error and "import map" in error, error
    panel = host(vite, cell, name).locator(".microfrontends-error")
    expect(panel).to_contain_text("shared-lib")
    expect(host(vite, cell, name).locator("#vite-title")).to_have_count(0)


def test_missing_module_is_a_load_error_naming_it(vite: Notebook) -> None:
    expect_status(vite, *MISSING, "LOAD_ERROR")
    error = str(py(vite, "missing_module.error"))
    assert "no-such-module.js" in error and "404" in error, error
    expect(host(vite, *MISSING).locator(".microfrontends-error")).to_contain_text(
        "no-such-module.js"
    )


def test_module_that_throws_is_a_load_error(vite: Notebook) -> None:
    expect_status(vite, *THROWS, "LOAD_ERROR")
    assert "boom in a module" in str(py(vite, "throwing_module.error"))
    expect(host(vite, *THROWS).locator(".microfrontends-error")).to_contain_text("boom in a module")


def test_module_script_added_at_run_time_loads_through_the_import_map(vite: Notebook) -> None:
    expect_status(vite, *DYNAMIC, "MOUNTED")
    expect(host(vite, *DYNAMIC).locator("#added")).to_have_text("ADDED FROM THE IMPORT MAP")
    assert in_realm(vite.page, DYNAMIC[1], "window.addedModuleRan") is True
    assert vite.page.evaluate("() => typeof window.addedModuleRan") == "undefined"


def test_module_app_reloads(vite: Notebook) -> None:
    cell, name = APPS_BY_SOURCE["local"]
    expect_status(vite, cell, name, "MOUNTED")
    app = host(vite, cell, name)
    app.locator("#vite-title").evaluate("(el) => el.setAttribute('data-before-reload', '')")
    vite.execute("local_vite.reload()")
    # A new realm runs the same (cached) modules again: a fresh title, rendered by them.
    expect(app.locator("#vite-title:not([data-before-reload])")).to_have_text(
        "hello from vite modules"
    )
    expect_status(vite, cell, name, "MOUNTED")


@pytest.mark.parametrize("sandbox", ["none", "snapshot"])
def test_a_local_folders_es_modules_run_in_the_pages_own_window(
    notebook: NotebookFactory, sandbox: str
) -> None:
    """In the modes that run the app in the page's window, a kernel-served app's modules go
    through the module loader too (the page cannot import its files by URL): the entry module's
    relative and import-mapped imports load, and the app renders with the CSS it imports."""
    nb = notebook([
        IMPORT,
        app_cell("vite", VITE_DIST, name=f"vite-{sandbox}", import_map=SHARED, sandbox=sandbox,
                 css="none"),
    ])  # fmt: skip
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, f"vite-{sandbox}", "MOUNTED")
    app = host(nb, 1, f"vite-{sandbox}")
    title = app.locator("#vite-title")
    expect(title).to_have_text("hello from vite modules")
    expect(title).to_have_css("color", "rgb(10, 120, 200)")
    expect(app.locator("#vite-shared")).to_have_text("SHARED FROM THE IMPORT MAP")
