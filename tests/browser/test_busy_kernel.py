"""A busy kernel: files reach apps while a cell runs, and a dead kernel says so (JupyterLab).

JupyterLab runs the microfrontends server extension (enabled by ``pip install``), which serves
the folders the kernel published; a folder the server does not know goes through the kernel,
which answers between cells.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .microapps import (
    APPS,
    IMPORT,
    MOUNT_TIMEOUT_MS,
    UNPUBLISHED,
    app_cell,
    expect_status,
    host,
    realm_frames,
)
from .notebook import JS_PRELUDE, OPEN_JS, Notebook

# Long enough that nothing a test waits for could come after the cell: each test interrupts it.
LONG_CELL = "import time\ntime.sleep(600)"

INTERRUPT_JS = (
    "async (path) => {"
    + JS_PRELUDE
    + """
  const panel = findPanel(path);
  await panel.sessionContext.session.kernel.interrupt();
  await until('an idle kernel', () => kernelIdle(panel));
}"""
)
RESTART_JS = (
    "async (path) => {"
    + JS_PRELUDE
    + """
  const panel = findPanel(path);
  await panel.sessionContext.session.kernel.restart();
  await until('the restarted kernel', () => kernelIdle(panel));
}"""
)
# A file the app's code asks for at run time, through the page's realm patches.
REALM_FETCH_JS = """async (frame, url) => {
  const response = await frame.contentWindow.fetch(url);
  return [response.status, await response.text()];
}"""


def shown_then(name: str, code: str, folder: Path = APPS / "plain") -> str:
    """A cell that displays the plain app (from ``folder``) as ``name``, then runs ``code``."""
    return f"app = MicroApp({str(folder)!r}, name={name!r})\ndisplay(app)\n{code}"


def unpublished_copy(tmp_path: Path) -> Path:
    """A copy of the plain app that no kernel has published yet (once published, a folder stays
    known to the server)."""
    return Path(shutil.copytree(APPS / "plain", tmp_path / "plain"))


@pytest.fixture
def interrupt_at_end() -> Iterator[Callable[[Notebook], None]]:
    """Registers a notebook whose long cell is interrupted when the test ends."""
    notebooks: list[Notebook] = []
    yield notebooks.append
    for nb in notebooks:
        if not nb.page.is_closed():
            nb.page.evaluate(INTERRUPT_JS, nb.path)


def test_an_app_shows_while_the_cell_that_displayed_it_still_runs(notebook, interrupt_at_end):
    nb = notebook([IMPORT, shown_then("busy-plain", LONG_CELL)])
    nb.run_cell(0)
    nb.start_cell(1)
    interrupt_at_end(nb)
    app = host(nb, 1, "busy-plain")
    expect_status(nb, 1, "busy-plain", "MOUNTED")
    expect(app.locator("#title")).to_have_text("Plain app")
    expect(app.locator("#logo")).to_have_js_property("naturalWidth", 24)
    assert nb.cell_running(1), "the cell ended before the app showed: nothing was tested"


def test_a_file_an_app_asks_for_at_run_time_arrives_while_another_cell_runs(
    notebook, interrupt_at_end
):
    nb = notebook([IMPORT, app_cell("app", APPS / "plain", name="busy-fetch"), LONG_CELL])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "busy-fetch", "MOUNTED")
    nb.start_cell(2)
    interrupt_at_end(nb)
    realm = realm_frames(nb.page, "busy-fetch").first
    status, text = realm.evaluate(REALM_FETCH_JS, "css/style.css")
    assert status == 200
    assert "#title" in text
    assert nb.cell_running(2)


def test_a_folder_the_server_does_not_serve_waits_for_the_kernel_and_says_so(
    notebook, interrupt_at_end, tmp_path
):
    nb = notebook(
        [
            IMPORT + "\n" + UNPUBLISHED,
            shown_then("busy-wait", "import time\ntime.sleep(8)", unpublished_copy(tmp_path)),
        ]
    )
    nb.run_cell(0)
    nb.start_cell(1)
    interrupt_at_end(nb)
    loading = host(nb, 1, "busy-wait").locator(".microfrontends-loading")
    expect(loading).to_contain_text("waiting for the kernel", timeout=MOUNT_TIMEOUT_MS)
    assert nb.cell_running(1)
    # When the cell ends, the app carries on: no error, whatever the wait.
    expect_status(nb, 1, "busy-wait", "MOUNTED")
    expect(host(nb, 1, "busy-wait").locator("#title")).to_have_text("Plain app")
    expect(loading).to_have_count(0)


def test_a_restarted_kernel_shows_on_its_apps_and_running_the_cell_again_works(notebook):
    nb = notebook([IMPORT, app_cell("app", APPS / "plain", name="restarted")])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "restarted", "MOUNTED")
    nb.page.evaluate(RESTART_JS, nb.path)
    notice = host(nb, 1, "restarted").locator(".microfrontends-kernel-lost")
    expect(notice).to_contain_text("Run the cell again")
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "restarted", "MOUNTED")
    expect(host(nb, 1, "restarted").locator(".microfrontends-kernel-lost")).to_have_count(0)


def test_an_app_waiting_for_a_kernel_that_restarts_fails_with_retry(notebook, tmp_path):
    nb = notebook(
        [
            IMPORT + "\n" + UNPUBLISHED,
            shown_then("lost-wait", LONG_CELL, unpublished_copy(tmp_path)),
        ]
    )
    nb.run_cell(0)
    nb.start_cell(1)
    app = host(nb, 1, "lost-wait")
    expect(app.locator(".microfrontends-loading")).to_contain_text(
        "waiting for the kernel", timeout=MOUNT_TIMEOUT_MS
    )
    nb.page.evaluate(RESTART_JS, nb.path)
    expect(app).to_have_attribute("data-microfrontends-status", "LOAD_ERROR")
    expect(app.locator(".microfrontends-error-message")).to_contain_text("the kernel stopped")
    expect(app.get_by_role("button", name="Retry")).to_be_visible()


def test_reloading_the_page_shows_the_apps_of_the_live_kernel_again(notebook):
    nb = notebook([IMPORT, app_cell("app", APPS / "plain", name="reloaded")])
    nb.run_all()
    expect_status(nb, 1, "reloaded", "MOUNTED")
    nb.save()
    nb.page.reload()
    nb.page.wait_for_function("() => window.jupyterapp !== undefined")
    nb.panel_id = nb.page.evaluate(OPEN_JS, [nb.path, False])["panelId"]
    expect_status(nb, 1, "reloaded", "MOUNTED")
    expect(host(nb, 1, "reloaded").locator("#title")).to_have_text("Plain app")
    # The reloaded page's app still talks to the kernel.
    nb.execute("app.unmount()")
    expect_status(nb, 1, "reloaded", "NOT_LOADED")


# Shows the state it hears; `window.write()` sets it and emits, and shows how that went.
STATE_APP = """
<p id="state"></p><p id="result"></p>
<script>
  var mf = window.microfrontends;
  mf.onGlobalStateChange(function (state) {
    document.getElementById('state').textContent = JSON.stringify(state);
  }, true);
  window.write = function (n) {
    try {
      mf.setGlobalState({ n: n });
      mf.emit('wrote', n);
      document.getElementById('result').textContent = 'returned ' + n;
    } catch (error) {
      document.getElementById('result').textContent = 'threw: ' + error.message;
    }
  };
</script>"""


def test_after_a_restart_changes_stay_in_the_page_and_say_so_once(notebook):
    nb = notebook(
        [
            "from microfrontends import GlobalState, MicroApp\nstate = GlobalState({'n': 0})",
            f"a = MicroApp(html={STATE_APP!r}, name='gone-a', state=state)\na",
            f"b = MicroApp(html={STATE_APP!r}, name='gone-b', state=state)\nb",
        ]
    )
    nb.run_all()
    expect_status(nb, 1, "gone-a", "MOUNTED")
    expect_status(nb, 2, "gone-b", "MOUNTED")
    nb.page.evaluate(RESTART_JS, nb.path)
    expect(host(nb, 1, "gone-a").locator(".microfrontends-kernel-lost")).to_be_visible()
    realm = realm_frames(nb.page, "gone-a").first
    log: list[str] = nb.page.console_log  # type: ignore[attr-defined]

    def warnings() -> int:
        return sum("no longer reach Python" in line for line in log)

    for n in (1, 2, 3):
        realm.evaluate("(frame, n) => frame.contentWindow.write(n)", n)
        expect(host(nb, 1, "gone-a").locator("#result")).to_have_text(f"returned {n}")
        # The other app on the page still hears it.
        expect(host(nb, 2, "gone-b").locator("#state")).to_have_text(f'{{"n":{n}}}')
        nb.page.wait_for_timeout(300)  # the batched sends have run by now
        if n == 1:
            # Once for the state's messages and once for the app's events: not once a change.
            first = warnings()
            assert first == 2, log
    assert warnings() == first, log
    assert not [line for line in log if line.startswith("pageerror")], log
