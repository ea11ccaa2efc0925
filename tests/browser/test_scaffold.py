"""``python -m microfrontends new``: each template's app mounts at once with ``MicroApp("NAME")``
in a real JupyterLab and talks to a GlobalState through the app SDK; on its own (a plain tab),
it runs on the SDK's stand-in. The vite templates are installed from the npm registry and built."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from microfrontends.scaffold import create_app

from .conftest import NotebookFactory
from .microapps import MOUNT_TIMEOUT_MS, expect_py, expect_status, host
from .servers import LabServer, StaticServer, _http_ok, _spawn, _wait_ready, free_port, start_static

# App name -> template; made in the lab's root, where notebooks (and their kernels) run.
APPS = {"sdk-vanilla": "vanilla", "sdk-react": "vite-react", "sdk-vue": "vite-vue"}
# The page a plain tab opens: a vanilla app's folder, a vite app's build.
STANDALONE_PAGE = {"vanilla": "", "vite-react": "dist/", "vite-vue": "dist/"}


@pytest.fixture(scope="module")
def scaffolded(lab: LabServer) -> dict[str, Path]:
    """The three apps, made (and the vite ones built) once for the module."""
    return {name: create_app(name, template, directory=lab.root) for name, template in APPS.items()}


@pytest.fixture(scope="module")
def apps_server(lab: LabServer, scaffolded: dict[str, Path]) -> Iterator[StaticServer]:
    server = start_static(lab.root, cors=False)
    yield server
    server.stop()


@pytest.mark.parametrize("name", list(APPS))
def test_a_new_app_mounts_and_talks_to_a_global_state(
    notebook: NotebookFactory, scaffolded: dict[str, Path], name: str
) -> None:
    nb = notebook(
        [
            "from microfrontends import GlobalState, MicroApp\n"
            "state = GlobalState({'count': 1})\nclicks = []",
            f"app = MicroApp({name!r}, state=state, props={{'greeting': 'Hello from Python'}})\n"
            "app.on('clicked', clicks.append)\napp",
        ]
    )
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, name, "MOUNTED")
    app = host(nb, 1, name)
    count = app.locator(".count")
    expect(count).to_have_text("1", timeout=MOUNT_TIMEOUT_MS)
    expect(app.locator("h2")).to_have_text("Hello from Python")
    expect(app.locator(".note")).to_contain_text(f'hosted as "{name}"')
    # Python -> app, through the SDK's subscribe.
    nb.execute("state['count'] = 5")
    expect(count).to_have_text("5")
    # App -> Python: the click writes the state and emits an event.
    app.locator(".increment").click()
    expect(count).to_have_text("6")
    expect_py(nb, "state['count']", 6)
    expect_py(nb, "clicks", [{"count": 6}])
    # New props reach the app's update lifecycle.
    nb.execute("app.set_props(greeting='Props updated')")
    expect(app.locator("h2")).to_have_text("Props updated")
    # Unmounted, the app hears nothing (its unmount disconnected it); mounted again, it shows
    # the state as it is now, and one click is one write and one event.
    nb.execute("app.unmount()")
    expect_status(nb, 1, name, "NOT_MOUNTED")
    nb.execute("state['count'] = 20")
    nb.execute("app.mount()")
    expect_status(nb, 1, name, "MOUNTED")
    expect(count).to_have_text("20")
    app.locator(".increment").click()
    expect(count).to_have_text("21")
    expect_py(nb, "state['count']", 21)
    expect_py(nb, "clicks", [{"count": 6}, {"count": 21}])
    expect_py(nb, "app.error", "")


@pytest.mark.parametrize("name", list(APPS))
def test_a_new_app_runs_on_its_own_with_the_stand_in(
    page: Page, apps_server: StaticServer, name: str
) -> None:
    page.goto(f"{apps_server.url}{name}/{STANDALONE_PAGE[APPS[name]]}")
    expect(page.locator(".note")).to_contain_text("on its own, with a stand-in for the host")
    expect(page.locator("h2")).to_have_text(name)
    expect(page.locator(".count")).to_have_text("0")
    page.locator(".increment").click()
    page.locator(".increment").click()
    expect(page.locator(".count")).to_have_text("2")
    # The stand-in plays Python's part, and keeps the state in localStorage across reloads.
    page.evaluate("microfrontendsStandIn.setState({count: 40})")
    expect(page.locator(".count")).to_have_text("40")
    assert page.evaluate("microfrontendsStandIn.emitted") == [
        ["clicked", {"count": 1}],
        ["clicked", {"count": 2}],
    ]
    page.reload()
    expect(page.locator(".count")).to_have_text("40")


@pytest.mark.parametrize("sandbox", ["proxy", "strict"])
def test_the_vanilla_app_talks_to_its_state_in_other_sandboxes(
    notebook: NotebookFactory, scaffolded: dict[str, Path], sandbox: str
) -> None:
    nb = notebook(
        [
            "from microfrontends import GlobalState, MicroApp\nstate = GlobalState({'count': 3})",
            f"app = MicroApp('sdk-vanilla', state=state, sandbox={sandbox!r})\napp",
        ]
    )
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "sdk-vanilla", "MOUNTED")
    app = host(nb, 1, "sdk-vanilla")
    root = app.frame_locator("iframe") if sandbox == "strict" else app
    expect(root.locator(".count")).to_have_text("3", timeout=MOUNT_TIMEOUT_MS)
    nb.execute("state['count'] = 7")
    expect(root.locator(".count")).to_have_text("7")
    root.locator(".increment").click()
    expect_py(nb, "state['count']", 8)


@pytest.mark.parametrize("name", ["sdk-react", "sdk-vue"])
def test_the_dev_server_command_of_the_readme_serves_the_app_on_its_own(
    page: Page, scaffolded: dict[str, Path], tmp_path: Path, name: str
) -> None:
    folder = scaffolded[name]
    assert "npm run dev" in (folder / "README.md").read_text()
    port = free_port()
    command = [
        "npm",
        "run",
        "dev",
        "--",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--strictPort",
    ]
    server = _spawn(command, folder, dict(os.environ), tmp_path / "vite.log")
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_ready(server, "vite dev server", lambda: _http_ok(url))
        page.goto(url)
        expect(page.locator(".note")).to_contain_text("on its own, with a stand-in for the host")
        page.locator(".increment").click()
        expect(page.locator(".count")).to_have_text("1")
    finally:
        server.stop()
