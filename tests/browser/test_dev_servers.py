"""Dev servers as entries, in a real JupyterLab: a running Vite dev server (with React fast
refresh) or webpack-dev-server mounts unchanged, and saving a source file updates the app in
the notebook as the dev server's client does in a plain tab: a hot update where the module
accepts it, else a reload of that app alone (not of the page, nor of another app).
``sandbox="strict"`` says at once that it cannot follow a dev server, and what to do."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, expect

from .conftest import NotebookFactory
from .dev_servers import DevServer, start_dev_server
from .microapps import expect_status, host
from .notebook import Notebook

# Another app on the page, with state of its own that a reload of the dev app must not touch.
OTHER_HTML = (
    '<button id="other">other 0</button><script>var n = 0;'
    'document.getElementById("other").onclick = function () { this.textContent = "other " + ++n; };'
    "</script>"
)
OTHER = f"other = MicroApp(html={OTHER_HTML!r}, name='other')\nother"


@pytest.fixture
def vite(tmp_path: Path) -> Iterator[DevServer]:
    server = start_dev_server("vite", tmp_path)
    yield server
    server.stop()


@pytest.fixture
def webpack(tmp_path: Path) -> Iterator[DevServer]:
    server = start_dev_server("webpack", tmp_path)
    yield server
    server.stop()


def mount_dev_app(nb: Notebook) -> tuple[Locator, Locator]:
    """Runs the cells of :func:`dev_cells`; the dev app and the other app, each clicked once,
    and the page marked, so that a reload of the page would show."""
    for index in range(3):
        nb.run_cell(index)
    expect_status(nb, 1, "dev", "MOUNTED")
    expect_status(nb, 2, "other", "MOUNTED")
    app, other = host(nb, 1, "dev"), host(nb, 2, "other")
    expect(app.locator("#message")).to_have_text("message 1")
    app.locator("#count").click()
    expect(app.locator("#count")).to_have_text("count 1")
    other.locator("#other").click()
    expect(other.locator("#other")).to_have_text("other 1")
    nb.page.evaluate("window.notReloaded = true")
    return app, other


def dev_cells(server: DevServer, sandbox: str) -> list[str]:
    return [
        "from microfrontends import GlobalState, MicroApp\nstate = GlobalState({'n': 1})",
        f"app = MicroApp({server.url!r}, name='dev', state=state, sandbox={sandbox!r})\napp",
        OTHER,
    ]


def expect_reloaded_alone(nb: Notebook, app: Locator, other: Locator) -> None:
    """The dev app was loaded again (its counter is back to 0) with its GlobalState; the page
    and the other app were not."""
    expect(app.locator("#count")).to_have_text("count 0")
    expect_status(nb, 1, "dev", "MOUNTED")
    assert nb.page.evaluate("window.notReloaded") is True
    expect(other.locator("#other")).to_have_text("other 1")


@pytest.mark.parametrize("sandbox", ["iframe", "proxy"])
def test_vite_hot_updates_and_reloads_only_the_app(
    notebook: NotebookFactory, vite: DevServer, sandbox: str
) -> None:
    nb = notebook(dev_cells(vite, sandbox))
    app, other = mount_dev_app(nb)
    # Vite's client, the CSS a module injects, the React component: all as in a tab.
    expect(app.locator("#count")).to_have_css("color", "rgb(200, 0, 0)")
    expect(app.locator("#shared")).to_have_text("n=1")
    app.locator("#clicks").click()
    expect(app.locator("#clicks")).to_have_text("clicks 1")

    # A CSS file: a hot update, the app's state untouched.
    vite.edit("src/style.css", "rgb(200, 0, 0)", "rgb(0, 0, 200)")
    expect(app.locator("#count")).to_have_css("color", "rgb(0, 0, 200)")
    expect(app.locator("#count")).to_have_text("count 1")
    # A React component: fast refresh keeps its state.
    vite.edit("src/Clicks.tsx", "clicks {clicks}", "taps {clicks}")
    expect(app.locator("#clicks")).to_have_text("taps 1")
    expect(app.locator("#count")).to_have_text("count 1")

    # A module no one accepts: Vite's client reloads the page; here, the app alone.
    nb.execute("state['n'] = 2")
    expect(app.locator("#shared")).to_have_text("n=2")
    vite.edit("src/message.ts", "message 1", "message 2")
    expect(app.locator("#message")).to_have_text("message 2")
    expect_reloaded_alone(nb, app, other)
    expect(app.locator("#shared")).to_have_text("n=2")
    expect(app.locator("#count")).to_have_css("color", "rgb(0, 0, 200)")
    # The reloaded app is live: the next edit is a hot update again.
    vite.edit("src/style.css", "rgb(0, 0, 200)", "rgb(0, 150, 0)")
    expect(app.locator("#count")).to_have_css("color", "rgb(0, 150, 0)")


def test_webpack_dev_server_live_reload_reloads_only_the_app(
    notebook: NotebookFactory, webpack: DevServer
) -> None:
    nb = notebook(dev_cells(webpack, "iframe"))
    app, other = mount_dev_app(nb)
    webpack.edit("src/message.js", "message 1", "message 2")
    expect(app.locator("#message")).to_have_text("message 2")
    expect_reloaded_alone(nb, app, other)


def test_strict_says_it_cannot_follow_a_dev_server(
    notebook: NotebookFactory, vite: DevServer, webpack: DevServer
) -> None:
    nb = notebook([
        "from microfrontends import MicroApp",
        f"vite = MicroApp({vite.url!r}, name='vite', sandbox='strict')\nvite",
        f"webpack = MicroApp({webpack.url!r}, name='webpack', sandbox='strict')\nwebpack",
    ])  # fmt: skip
    for index in range(3):
        nb.run_cell(index)
    for index, name, client in [(1, "vite", "Vite's dev server client"),
                                (2, "webpack", "webpack-dev-server's client")]:  # fmt: skip
        expect_status(nb, index, name, "LOAD_ERROR")
        panel = host(nb, index, name).locator(".microfrontends-error")
        expect(panel).to_contain_text(client)
        expect(panel).to_contain_text('cannot work in sandbox="strict"')
        expect(panel).to_contain_text('Use sandbox="iframe" (the default)')
        error = nb.execute("", {"e": f"{name}.error"})["e"]
        assert client in str(error) and "while developing" in str(error)
