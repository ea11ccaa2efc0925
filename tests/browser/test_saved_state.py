"""A saved notebook holds the last value of a GlobalState, not its first: when nbconvert runs it,
and when JupyterLab saves widget state; a reopened notebook shows that value to its apps."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .conftest import ARTIFACTS_DIR, NotebookFactory
from .microapps import expect_py, expect_status, host, py
from .notebook import write_notebook
from .servers import BIN_DIR, LabServer, jupyter_env
from .test_embed import put_widget_settings, reopen

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
NBCONVERT_TIMEOUT = 300
# Shows the state it starts with and every change it hears; its button writes the state.
APP = """
<p id="state"></p><p id="calls">0</p><button id="write">write</button>
<script>
  var mf = window.microfrontends;
  var calls = 0;
  var show = function (state) {
    document.getElementById('state').textContent = 'n=' + state.n + ' by=' + state.by;
  };
  mf.onGlobalStateChange(function (state) {
    calls += 1;
    document.getElementById('calls').textContent = String(calls);
    show(state);
  }, true);
  document.getElementById('write').addEventListener('click', function () {
    mf.setGlobalState({ by: 'app' });
    show(mf.getGlobalState());
  });
</script>"""
SETUP = (
    f"from microfrontends import GlobalState, MicroApp\nAPP = {APP!r}\n"
    "state = GlobalState({'n': 0, 'by': 'start'})"
)
SHOW = "app = MicroApp(html=APP, name='saver', state=state)\napp"


def saved_value(notebook: dict[str, Any], model_id: str) -> object:
    """The ``_value`` of model ``model_id`` in a notebook's saved widget state."""
    models = notebook["metadata"]["widgets"][WIDGET_STATE]["state"]
    return models[model_id]["state"]["_value"]


def test_nbconvert_execute_saves_the_last_value(tmp_path: Path) -> None:
    path = tmp_path / "executed.ipynb"
    write_notebook(path, [SETUP + "\nprint(state.model_id)", SHOW, "state['n'] = 5"])
    subprocess.run(
        [
            str(BIN_DIR / "jupyter"),
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--inplace",
            str(path),
        ],
        cwd=tmp_path,
        env=jupyter_env(tmp_path / "jupyter"),
        check=True,
        capture_output=True,
        timeout=NBCONVERT_TIMEOUT,
    )
    executed = json.loads(path.read_text())
    model_id = executed["cells"][0]["outputs"][0]["text"][0].strip()
    assert saved_value(executed, model_id) == {"n": 5, "by": "start"}


@pytest.fixture
def widget_state_saved(lab: LabServer) -> Iterator[None]:
    """JupyterLab saves widget state into notebooks (off by default) during the test."""
    put_widget_settings(lab, {"saveState": True})
    yield
    put_widget_settings(lab, {})


def test_jupyterlab_saves_the_last_value_and_a_reopened_app_shows_it(
    widget_state_saved: None,
    notebook: NotebookFactory,
    lab: LabServer,
    page: Page,
    browser_context: BrowserContext,
) -> None:
    nb = notebook([SETUP, SHOW, "state['n'] = 5"])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "saver", "MOUNTED")
    app = host(nb, 1, "saver")
    expect(app.locator("#state")).to_have_text("n=0 by=start")
    nb.run_cell(2)
    expect(app.locator("#state")).to_have_text("n=5 by=start")
    # The whole value Python sends after the cell is no second change for the app.
    page.wait_for_timeout(300)
    expect(app.locator("#calls")).to_have_text("2")

    # The app's change is saved as the page shows it, before Python has it (no cell runs).
    app.locator("#write").click()
    expect(app.locator("#state")).to_have_text("n=5 by=app")
    nb.save()
    saved = json.loads((lab.root / nb.path).read_text())
    model_id = str(py(nb, "state.model_id"))
    assert saved_value(saved, model_id) == {"n": 5, "by": "app"}
    expect_py(nb, "state.value", {"n": 5, "by": "app"})
    expect(app.locator("#calls")).to_have_text("2")

    copy = f"saved-{nb.path}"
    shutil.copyfile(lab.root / nb.path, lab.root / copy)
    second_page = browser_context.new_page()
    try:
        # A fresh kernel that never ran the cells: the app starts from the saved state.
        reopened = reopen(second_page, lab, copy)
        expect_status(reopened, 1, "saver", "MOUNTED")
        expect(host(reopened, 1, "saver").locator("#state")).to_have_text("n=5 by=app")
        assert reopened.execute("", {"cells": "len(In)"})["cells"] == 1
        reopened.close()
    except Exception:
        # The failure hook photographs the test's first page; this one is the one that matters.
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        second_page.screenshot(path=ARTIFACTS_DIR / "saved-state-reopened.png")
        raise
