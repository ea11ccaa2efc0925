"""Apps embedded in the widget state (``embed=True``) render with no kernel: in a page exported
with ``ipywidgets.embed.embed_minimal_html`` and served by a static HTTP server only."""

from __future__ import annotations

import json
import re
import secrets
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from ipywidgets.embed import dependency_state, embed_minimal_html
from playwright.sync_api import BrowserContext, Locator, Page, expect

from microfrontends import GlobalState, MicroApp

from .conftest import ARTIFACTS_DIR, NotebookFactory
from .microapps import (
    APPS,
    IMPORT,
    MOUNT_TIMEOUT_MS,
    VUE_TODO,
    app_cell,
    check_vite_app,
    check_vue_todo,
    expect_status,
    host,
)
from .notebook import OPEN_JS, Notebook
from .servers import LabServer, StaticServer, start_static
from .test_modules import SHARED

NODE_MODULES = APPS / "node_modules"
# The widget manager of exported pages and the AMD loader it needs, from the npm registry
# (tests/apps/package.json); the default template loads them from CDNs, unreachable here.
LOADER_FILES = {
    "require.js": NODE_MODULES / "requirejs" / "require.js",
    "embed-amd.js": NODE_MODULES / "@jupyter-widgets" / "html-manager" / "dist" / "embed-amd.js",
    "anywidget.js": NODE_MODULES / "anywidget" / "dist" / "index.js",
}
TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<title>{title}</title>
<script src="vendor/require.js"></script>
<script>require.config({{paths: {{anywidget: "vendor/anywidget"}}}});</script>
</head>
<body>
{snippet}
</body>
</html>
"""
STATE_APP = """
<p id="greeting"></p><p id="region"></p><button id="move">Move</button>
<script>
  var mf = window.microfrontends;
  document.getElementById('greeting').textContent = mf.props.greeting;
  document.getElementById('region').textContent = mf.getGlobalState().region;
  document.getElementById('move').onclick = function () {
    mf.setGlobalState({ region: 'APAC' });
    mf.emit('moved', 'APAC');  // no Python hears it, and nothing breaks
    document.getElementById('region').textContent = mf.getGlobalState().region;
  };
</script>
"""


def export_page(folder: Path, apps: list[MicroApp]) -> Path:
    """Write ``index.html`` showing ``apps`` into ``folder``, with its loader beside it."""
    vendor = folder / "vendor"
    vendor.mkdir(parents=True)
    for name, source in LOADER_FILES.items():
        if not source.is_file():
            pytest.fail(
                f"{source} is missing: run ./scripts/setup.sh (npm ci in tests/apps)", pytrace=False
            )
        shutil.copyfile(source, vendor / name)
    page = folder / "index.html"
    embed_minimal_html(
        page,
        views=apps,
        state=dependency_state(apps),
        title="Embedded apps",
        template=TEMPLATE,
        requirejs=False,
        embed_url="vendor/embed-amd.js",
    )
    return page


# Runs in the page itself (sandbox="none"), whose realm is a part of the runtime of its own.
PAGE_APP = """<p id="in-page">not run</p>
<script>
  var inPageGlobal = 'page realm';
  document.getElementById('in-page').textContent = inPageGlobal;
</script>"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticServer]:
    """A page of embedded apps (and one that is not), served by a static server only."""
    state = GlobalState({"region": "EU"})
    # An http(s) entry, from a server that is gone by the time the page opens.
    app_server = start_static(APPS, cors=True)
    http_app = MicroApp(app_server.url + "plain/", name="httpPlain", embed=True)
    app_server.stop()
    apps = [
        http_app,
        MicroApp(APPS / "plain", name="plain", embed=True),
        MicroApp(VUE_TODO, name="vueTodo", embed=True),
        MicroApp(
            html=STATE_APP, name="stateful", state=state, props={"greeting": "hi"}, embed=True
        ),
        MicroApp(APPS / "vite-app" / "dist", name="viteApp", import_map=SHARED, embed=True),
        MicroApp(APPS / "plain", name="strictPlain", sandbox="strict", embed=True),
        MicroApp(
            APPS / "vite-app" / "dist",
            name="strictVite",
            sandbox="strict",
            import_map=SHARED,
            embed=True,
        ),
        MicroApp(html=PAGE_APP, name="inPage", sandbox="none", css="none", embed=True),
        MicroApp(APPS / "plain", name="notEmbedded"),
    ]
    state["region"] = "US"  # the last value is what the page shows
    folder = tmp_path_factory.mktemp("exported")
    export_page(folder, apps)
    server = start_static(folder, cors=False)
    yield server
    server.stop()
    for app in apps:
        app.close()
    state.close()


@pytest.fixture
def exported_page(page: Page, exported: StaticServer) -> Page:
    """The exported page; ``page.outside_requests`` lists requests to anything but its server."""
    outside: list[str] = []
    page.outside_requests = outside  # type: ignore[attr-defined]
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((exported.url, "blob:", "data:"))
            else outside.append(request.url)
        ),
    )
    page.goto(exported.url + "index.html")
    return page


def mounted(page: Page, name: str) -> Locator:
    """The host of app ``name``, once it is mounted."""
    app = page.locator(f'[data-microfrontends-app="{name}"]')
    expect(app).to_have_attribute("data-microfrontends-status", "MOUNTED", timeout=MOUNT_TIMEOUT_MS)
    return app


def test_plain_app_renders_with_its_styles_image_and_scripts(exported_page: Page) -> None:
    app = mounted(exported_page, "plain")
    title = app.locator("#title")
    expect(title).to_have_css("color", "rgb(10, 20, 30)")
    # The stylesheet's url(../img/dot.svg) and the <img> both load from the embedded copy.
    expect(title).to_have_css("background-image", re.compile(r"^url\(\"blob:"))
    expect(app.locator("#logo")).to_have_js_property("naturalWidth", 24)
    expect(app.locator("#classic")).to_have_text("42 true fn")
    expect(app.locator("#powered")).to_have_text("true")
    assert exported_page.outside_requests == []  # type: ignore[attr-defined]


def test_http_entry_renders_from_its_embedded_copy(exported_page: Page) -> None:
    app = mounted(exported_page, "httpPlain")
    expect(app.locator("#title")).to_have_css("color", "rgb(10, 20, 30)")
    expect(app.locator("#logo")).to_have_js_property("naturalWidth", 24)
    expect(app.locator("#classic")).to_have_text("42 true fn")
    assert exported_page.outside_requests == []  # type: ignore[attr-defined]


def test_app_built_from_npm_libraries_runs(exported_page: Page) -> None:
    app = mounted(exported_page, "vueTodo")
    # Vue's in-browser template compiler and lodash ran: the list is rendered and sorted.
    check_vue_todo(app, "Work offline")
    expect(app.locator("#add-todo")).to_have_css("background-color", "rgb(66, 184, 131)")


def test_props_and_last_state_render_and_changes_stay_in_the_page(exported_page: Page) -> None:
    app = mounted(exported_page, "stateful")
    expect(app.locator("#greeting")).to_have_text("hi")
    expect(app.locator("#region")).to_have_text("US")
    # State changes made offline stay in the page.
    app.locator("#move").click()
    expect(app.locator("#region")).to_have_text("APAC")
    assert not [
        line
        for line in exported_page.console_log  # type: ignore[attr-defined]
        if line.startswith("pageerror")
    ]


def test_an_app_in_the_page_realm_runs_from_the_embedded_part(exported_page: Page) -> None:
    app = mounted(exported_page, "inPage")
    expect(app.locator("#in-page")).to_have_text("page realm")
    assert exported_page.evaluate("window.inPageGlobal") == "page realm"
    assert exported_page.outside_requests == []  # type: ignore[attr-defined]


def test_es_modules_and_a_lazy_chunk_load_from_the_embedded_copy(exported_page: Page) -> None:
    check_vite_app(mounted(exported_page, "viteApp"))
    assert exported_page.outside_requests == []  # type: ignore[attr-defined]


def test_strict_sandbox_loads_its_runtime_part_from_the_embedded_copy(exported_page: Page) -> None:
    mounted(exported_page, "strictPlain")
    app = exported_page.frame_locator('iframe[data-microfrontends-strict="strictPlain"]')
    expect(app.locator("#title")).to_have_css("color", "rgb(10, 20, 30)")
    expect(app.locator("#classic")).to_have_text("42 true fn")
    # Its image, and the one its CSS names, from the embedded copy into the opaque frame.
    expect(app.locator("#logo")).to_have_js_property("naturalWidth", 24)
    background = app.locator("#title").evaluate("el => getComputedStyle(el).backgroundImage")
    assert background.startswith('url("data:image/svg+xml'), background


def test_strict_vite_app_runs_its_modules_from_the_embedded_copy(exported_page: Page) -> None:
    mounted(exported_page, "strictVite")
    check_vite_app(exported_page.frame_locator('iframe[data-microfrontends-strict="strictVite"]'))
    assert exported_page.outside_requests == []  # type: ignore[attr-defined]


def test_an_app_not_embedded_says_so_and_the_others_run(exported_page: Page) -> None:
    app = exported_page.locator('[data-microfrontends-app="notEmbedded"]')
    message = app.locator(".microfrontends-error-message")
    expect(message).to_contain_text("no kernel is connected", timeout=MOUNT_TIMEOUT_MS)
    expect(message).to_contain_text("embed=True")
    expect(app).to_have_attribute("data-microfrontends-status", "LOAD_ERROR")
    mounted(exported_page, "plain")


# --------------------------------------------------------------- a notebook saved with state

WIDGET_SETTINGS = "lab/api/settings/@jupyter-widgets/jupyterlab-manager:plugin"


def put_widget_settings(lab: LabServer, settings: dict[str, object]) -> None:
    """Change the Jupyter widgets settings of the server; pages read them when they load."""
    request = urllib.request.Request(
        f"{lab.url}{WIDGET_SETTINGS}?token={lab.token}",
        method="PUT",
        data=json.dumps({"raw": json.dumps(settings)}).encode(),
        headers={"Content-Type": "application/json"},
    )
    urllib.request.urlopen(request, timeout=30).close()


@pytest.fixture
def widget_state_saved(lab: LabServer) -> Iterator[None]:
    """JupyterLab saves widget state into notebooks (off by default) during the test."""
    put_widget_settings(lab, {"saveState": True})
    yield
    put_widget_settings(lab, {})


def reopen(page: Page, lab: LabServer, name: str) -> Notebook:
    """Open the notebook file ``name`` as it is on disk; its cells do not run."""
    # A workspace of its own: a second page on the first page's workspace would be reloaded.
    workspace = f"reopened-{secrets.token_hex(4)}"
    page.goto(f"{lab.url}lab/workspaces/{workspace}/tree/{name}?reset&token={lab.token}")
    page.wait_for_function("() => window.jupyterapp !== undefined")
    ids = page.evaluate(OPEN_JS, [name, False])
    return Notebook(page, lab, name, ids["panelId"], ids["kernelId"])


def test_a_notebook_saved_with_widget_state_renders_without_running(
    widget_state_saved: None,
    notebook: NotebookFactory,
    lab: LabServer,
    browser_context: BrowserContext,
) -> None:
    nb = notebook(
        [
            IMPORT,
            app_cell("vue", VUE_TODO, name="savedVue", embed=True),
            app_cell("plain", APPS / "plain", name="savedPlain"),
        ]
    )
    nb.run_all()
    expect_status(nb, 1, "savedVue", "MOUNTED")
    expect_status(nb, 2, "savedPlain", "MOUNTED")
    nb.save()
    saved = json.loads((lab.root / nb.path).read_text())
    assert "application/vnd.jupyter.widget-state+json" in saved["metadata"]["widgets"]
    copy = f"saved-{nb.path}"
    shutil.copyfile(lab.root / nb.path, lab.root / copy)

    second_page = browser_context.new_page()
    try:
        reopened = reopen(second_page, lab, copy)
        # A new kernel that never ran the cells: the saved output shows the embedded app.
        expect_status(reopened, 1, "savedVue", "MOUNTED")
        vue = host(reopened, 1, "savedVue")
        expect(vue.get_by_test_id("todo-count")).to_have_text("3 of 3 left")
        expect(vue.locator("#add-todo")).to_have_css("background-color", "rgb(66, 184, 131)")
        # The app that was not embedded has no kernel any more, but the Jupyter server still
        # serves the folder its kernel published (the server extension): it shows too.
        plain = host(reopened, 2, "savedPlain")
        expect(plain).to_have_attribute(
            "data-microfrontends-status", "MOUNTED", timeout=MOUNT_TIMEOUT_MS
        )
        expect(plain.locator("#title")).to_have_text("Plain app")
        assert reopened.execute("", {"cells": "len(In)"})["cells"] == 1
        reopened.close()
    except Exception:
        # The failure hook photographs the test's first page; this one is the one that matters.
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        second_page.screenshot(path=ARTIFACTS_DIR / "embed-reopened-notebook.png")
        raise
