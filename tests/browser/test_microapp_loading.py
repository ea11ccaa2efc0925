"""Loading apps in real JupyterLab: over http, from a local folder through the kernel, inline;
the transports and their fallback; qiankun-style UMD lifecycles; a Vue app from npm."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from microfrontends.protocol import VIRTUAL_ORIGIN

from .conftest import NotebookFactory
from .microapps import (
    APPS,
    IMPORT,
    MOUNT_TIMEOUT_MS,
    VUE_TODO,
    app_cell,
    expect_py,
    expect_status,
    host,
    in_realm,
    py,
    realm_frames,
    style,
)
from .notebook import Notebook
from .servers import StaticServer

INLINE_HTML = """<style>#greet { color: rgb(5, 6, 7); }</style>
<h2 id="greet">not run</h2>
<script>
  var inlineGlobal = 'inline';
  document.getElementById('greet').textContent = 'hello from ' + inlineGlobal + ' ' + (6 * 7);
</script>"""

# (cell, app name) of each app in the shared notebook.
PLAIN = {"http": (1, "plain-http"), "local": (2, "plain-local")}
PLAIN_VAR = {"http": "http_plain", "local": "local_plain"}
BASE = {"http": (3, "based-http"), "local": (4, "based-local")}
INLINE = (5, "inline")
BLOCKED = (6, "blocked")
FALLBACK = (7, "fallback")
UMD = (8, "orders")
TODO = (9, "todo")


@pytest.fixture(scope="module")
def loading(
    module_notebook: NotebookFactory,
    static_server: StaticServer,
    static_server_nocors: StaticServer,
) -> Notebook:
    nocors_plain = f"{static_server_nocors.url}plain/"
    nb = module_notebook(
        [
            IMPORT,
            app_cell("http_plain", f"{static_server.url}plain/", name="plain-http"),
            app_cell("local_plain", APPS / "plain", name="plain-local"),
            app_cell("http_based", f"{static_server.url}base-href/", name="based-http"),
            app_cell("local_based", APPS / "base-href" / "index.html", name="based-local"),
            app_cell("inline", html=INLINE_HTML, name="inline"),
            app_cell("blocked", nocors_plain, name="blocked", transport="browser"),
            app_cell("fallback", nocors_plain, name="fallback"),
            app_cell("umd", f"{static_server.url}umd/", name="orders", props={"label": "first"}),
            app_cell("todo", VUE_TODO, name="todo"),
        ]
    )
    for index in range(10):
        nb.run_cell(index)
        # The browser-only app fails before `auto` fetches the same URL through the kernel.
        if index == BLOCKED[0]:
            expect_status(nb, *BLOCKED, "LOAD_ERROR")
    return nb


def logo_loaded(page: Page, url: str) -> bool:
    """Whether ``url`` (as the app's CSS resolved it) loads as an image in the page."""
    return bool(
        page.evaluate(
            """(url) => new Promise((resolve) => {
          const img = new Image();
          img.onload = () => resolve(img.naturalWidth > 0);
          img.onerror = () => resolve(false);
          img.src = url;
        })""",
            url,
        )
    )


@pytest.mark.parametrize("transport", ["http", "local"])
def test_plain_app_renders_with_its_css_image_and_classic_scripts(
    loading: Notebook, transport: str
) -> None:
    cell, name = PLAIN[transport]
    expect_status(loading, cell, name, "MOUNTED")
    app = host(loading, cell, name)
    title = app.locator("#title")
    expect(title).to_have_text("Plain app")
    expect(title).to_have_attribute("data-ready", "yes")
    assert style(title, "color") == "rgb(10, 20, 30)"
    # The stylesheet's url(../img/dot.svg) was rewritten to something the page can load.
    background = style(title, "backgroundImage")
    assert background.startswith('url("'), background
    assert logo_loaded(loading.page, background[5:-2])
    expect(app.locator("#logo")).to_have_js_property("complete", True)
    assert app.locator("#logo").evaluate("img => img.naturalWidth") > 0
    # A top-level var and function of one script are globals of the next one.
    expect(app.locator("#classic")).to_have_text("42 true fn")
    expect(app.locator("#powered")).to_have_text("true")
    expect_py(loading, f"{PLAIN_VAR[transport]}.status", "MOUNTED")
    assert loading.page.evaluate("[typeof window.sharedVar, typeof window.sharedFn]") == [
        "undefined",
        "undefined",
    ]


def test_local_folder_is_served_by_the_kernel_under_the_virtual_origin(loading: Notebook) -> None:
    cell, name = PLAIN["local"]
    expect_status(loading, cell, name, "MOUNTED")
    entry_url = str(py(loading, "local_plain.entry_url"))
    assert entry_url.startswith(VIRTUAL_ORIGIN + "/"), entry_url
    assert entry_url.endswith("/index.html")
    # The app's markup image came through the kernel: the page never asked the network for it.
    expect(host(loading, cell, name).locator("#logo")).not_to_have_js_property("naturalWidth", 0)
    asked = [url for url in loading.page.request_log if url.startswith(VIRTUAL_ORIGIN)]
    assert not asked, asked
    # The page itself cannot reach that origin: only the kernel transport serves it.
    reachable = loading.page.evaluate(
        "(url) => fetch(url).then(() => true, () => false)", entry_url
    )
    assert reachable is False
    public_path = in_realm(loading.page, name, "window.__MICROFRONTENDS_PUBLIC_PATH__")
    assert public_path == entry_url.removesuffix("index.html")


@pytest.mark.parametrize("transport", ["http", "local"])
def test_base_href_app_resolves_its_assets_against_the_base(
    loading: Notebook, transport: str
) -> None:
    cell, name = BASE[transport]
    expect_status(loading, cell, name, "MOUNTED")
    out = host(loading, cell, name).locator("#out")
    expect(out).to_have_text("base ok")
    assert style(out, "color") == "rgb(0, 0, 255)"
    # srcset candidates, of an <img> and of a <picture>'s <source>: from sub/, over http as
    # is, from the kernel as blob URLs.
    # And an <img> the app's script makes with setAttribute("src", ...).
    for image in ("#set", "#pictured", "#made"):
        found = host(loading, cell, name).locator(image)
        expect(found).not_to_have_js_property("naturalWidth", 0)
        source = str(found.evaluate("img => img.currentSrc"))
        if transport == "http":
            assert source.endswith("/base-href/sub/dot.svg"), source
        else:
            assert source.startswith("blob:"), source
    inline = host(loading, cell, name).locator("#inline")
    expect(inline).to_have_js_property("naturalWidth", 8)
    assert str(inline.evaluate("img => img.currentSrc")).startswith("data:image/svg+xml,")


def test_inline_html_runs_its_script_and_style(loading: Notebook) -> None:
    expect_status(loading, *INLINE, "MOUNTED")
    greet = host(loading, *INLINE).locator("#greet")
    expect(greet).to_have_text("hello from inline 42")
    assert style(greet, "color") == "rgb(5, 6, 7)"
    assert py(loading, "inline.entry_url") == ""
    assert loading.page.evaluate("typeof window.inlineGlobal") == "undefined"


def test_browser_transport_fails_without_cors(
    loading: Notebook, static_server_nocors: StaticServer
) -> None:
    url = f"{static_server_nocors.url}plain/"
    expect_status(loading, *BLOCKED, "LOAD_ERROR")
    app = host(loading, *BLOCKED)
    expect(app.locator(".microfrontends-error")).to_be_visible()
    expect(app.locator(".microfrontends-error-source")).to_contain_text(url)
    expect(app.locator("#title")).to_have_count(0)
    expect_py(loading, "blocked.status", "LOAD_ERROR")
    assert url in str(py(loading, "blocked.error"))


def test_auto_transport_falls_back_to_the_kernel_without_cors(loading: Notebook) -> None:
    expect_status(loading, *FALLBACK, "MOUNTED")
    app = host(loading, *FALLBACK)
    expect(app.locator("#title")).to_have_text("Plain app")
    assert style(app.locator("#title"), "color") == "rgb(10, 20, 30)"
    expect(app.locator("#classic")).to_have_text("42 true fn")
    expect(app.locator("#logo")).to_have_js_property("complete", True)
    assert app.locator("#logo").evaluate("img => img.naturalWidth") > 0
    expect_py(loading, "fallback.status", "MOUNTED")
    expect_py(loading, "fallback.error", "")


def test_umd_app_gets_lifecycles_props_public_path_and_updates(
    loading: Notebook, static_server: StaticServer
) -> None:
    cell, name = UMD
    page = loading.page
    expect_status(loading, cell, name, "MOUNTED")
    app = host(loading, cell, name)
    # Found as the last global its bundle added ('umd-app'), not as window[name].
    expect(app.locator("#umd-mounted")).to_have_text("mounted as orders")
    expect(app.locator("#umd-label")).to_have_text("first")
    expect(app.locator("#umd-public-path")).to_have_text(f"{static_server.url}umd/")
    assert in_realm(page, name, "window.__POWERED_BY_QIANKUN__") is True
    assert (
        in_realm(page, name, "JSON.stringify(window.umdCalls)")
        == '{"bootstrap":1,"mount":1,"unmount":0,"update":0}'
    )

    loading.execute("umd.props = {'label': 'second'}")
    expect(app.locator("#umd-label")).to_have_text("second")
    assert in_realm(page, name, "window.umdCalls.update") == 1
    expect_status(loading, cell, name, "MOUNTED")

    # unmount() calls the app's own unmount lifecycle and keeps the app loaded, off the page:
    # mount() again calls only its mount lifecycle, in the same realm.
    loading.execute("umd.unmount()")
    expect_status(loading, cell, name, "NOT_MOUNTED")
    expect(app.locator("#umd-mounted")).to_have_count(0)
    assert in_realm(page, name, "window.umdCalls.unmount") == 1
    loading.execute("umd.mount()")
    expect_status(loading, cell, name, "MOUNTED")
    expect(app.locator("#umd-mounted")).to_have_text("mounted as orders")
    assert in_realm(page, name, "[window.umdCalls.bootstrap, window.umdCalls.mount]") == [1, 2]
    # The props set while it ran are the ones it mounts with again.
    expect(app.locator("#umd-label")).to_have_text("second")


def test_vue_app_from_npm_mounts_and_reacts_to_the_user(loading: Notebook) -> None:
    cell, name = TODO
    expect_status(loading, cell, name, "MOUNTED")
    app = host(loading, cell, name)
    expect(app.locator("#todo-title")).to_have_text("Todo list", timeout=MOUNT_TIMEOUT_MS)
    count = app.locator("#todo-count")
    expect(count).to_have_text("3 of 3 left")
    items = app.locator("li.todo-item")
    expect(items).to_have_count(3)

    app.locator("#new-todo").fill("Ship it")
    app.locator("#add-todo").click()
    expect(items).to_have_count(4)
    expect(count).to_have_text("4 of 4 left")
    expect(app.locator(".todo-text", has_text="Ship it")).to_have_count(1)
    expect(app.locator("#new-todo")).to_have_value("")

    items.filter(has_text="Ship it").locator("input[type=checkbox]").check()
    expect(count).to_have_text("3 of 4 left")
    # Vue and lodash are globals of the app's realm only. (JupyterLab extensions installed with
    # other hosts' packages, ipyvue's among them, may give the page a Vue of its own.)
    assert in_realm(loading.page, name, "typeof Vue.createApp") == "function"
    realm_globals_in_page = realm_frames(loading.page, name).evaluate(
        "(frame) => [window.Vue === frame.contentWindow.Vue, window._ === frame.contentWindow._]"
    )
    assert realm_globals_in_page == [False, False]
