"""Lifecycles are found by one rule in every sandbox, the strict frame included: the ES
module's exports, then ``window[<app name>]``, then the last global the entry added."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import FrameLocator, Locator, expect

from .conftest import NotebookFactory
from .microapps import APPS, IMPORT, app_cell, expect_py, expect_status, host
from .notebook import Notebook


def app_view(nb: Notebook, index: int, name: str, sandbox: str) -> Locator | FrameLocator:
    """What the user sees of app ``name``: its strict frame, or its host element."""
    if sandbox == "strict":
        return nb.output(index).frame_locator(f'iframe[data-microfrontends-strict="{name}"]')
    return host(nb, index, name)


@pytest.mark.parametrize("sandbox", ["strict", "iframe"])
def test_a_umd_app_whose_global_is_not_its_name_is_mounted_by_the_host(
    notebook: NotebookFactory, sandbox: str
) -> None:
    """tests/apps/umd puts its lifecycles on window['umd-app']; shown under another name,
    the host finds them as the last global the entry added, calls its mount with the app's
    props, and later its update."""
    nb = notebook([
        IMPORT,
        app_cell("renamed", APPS / "umd", name="renamed", sandbox=sandbox,
                 props={"label": "from python"}),
        "renamed.props = {'label': 'updated from python'}",
    ])  # fmt: skip
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "renamed", "MOUNTED")
    app = app_view(nb, 1, "renamed", sandbox)
    expect(app.locator("#umd-mounted")).to_have_text("mounted as renamed")
    expect(app.locator("#umd-label")).to_have_text("from python")
    # It sees the host's globals, its public path among them (so it does not also mount
    # itself as a standalone page).
    expect(app.locator("#umd-public-path")).to_have_text(re.compile(r"^https?://.+/$"))

    nb.run_cell(2)
    expect(app.locator("#umd-label")).to_have_text("updated from python")


def test_a_strict_app_with_no_lifecycles_still_renders(notebook: NotebookFactory) -> None:
    """tests/apps/polluter adds globals, none of them lifecycles: its body and scripts run."""
    nb = notebook([IMPORT, app_cell("plain", APPS / "polluter", name="plain", sandbox="strict")])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "plain", "MOUNTED")
    app = app_view(nb, 1, "plain", "strict")
    expect(app.locator("#polluter-title")).to_have_text("Polluter app")
    expect(app.locator("#ticks")).not_to_have_text("0")  # its timer runs


# Records each lifecycle the host has the frame call, with the props it was given, in the
# GlobalState: the only way out of an opaque frame.
RECORDER = """<p>recorder</p><script>
  function record(props, what) {
    window.calls = (window.calls || []).concat([what + ':' + props.color]);
    props.setGlobalState({ calls: window.calls });
  }
  window.rec = {
    bootstrap: function (props) { record(props, 'bootstrap'); },
    mount: function (props) { record(props, 'mount'); },
    update: function (props) { record(props, 'update'); },
    unmount: function (props) { record(props, 'unmount'); },
  };
</script>"""


def test_the_host_calls_a_strict_apps_lifecycles_through_unmount(
    notebook: NotebookFactory,
) -> None:
    """A strict app's lifecycles are called by the host, by message, as any other app's:
    bootstrap and mount, update with new props, and unmount before its frame goes."""
    nb = notebook([
        "from microfrontends import GlobalState, MicroApp\nstate = GlobalState({'calls': []})",
        f"rec = MicroApp(html={RECORDER!r}, name='rec', sandbox='strict', state=state,"
        " props={'color': 'red'})\nrec",
    ])  # fmt: skip
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "rec", "MOUNTED")
    expect_py(nb, "state['calls']", ["bootstrap:red", "mount:red"])

    nb.execute("rec.props = {'color': 'blue'}")
    expect_py(nb, "state['calls']", ["bootstrap:red", "mount:red", "update:blue"])

    nb.execute("rec.unmount()")
    expect_status(nb, 1, "rec", "NOT_LOADED")
    expect_py(nb, "state['calls'][-1]", "unmount:blue")
    expect(nb.output(1).locator('iframe[data-microfrontends-strict="rec"]')).to_have_count(0)


# Subscribes only when asked, as React does in an effect that runs after mount has returned.
LATE_SUBSCRIBER = """<p id="seen">none</p><p id="read">none</p>
<button id="subscribe">subscribe</button><button id="read-now">read</button>
<script>
  window.late = {
    mount: function (props) {
      document.getElementById('subscribe').onclick = function () {
        props.onGlobalStateChange(function (state) {
          document.getElementById('seen').textContent = 'count ' + state.count;
        }, true);
      };
      document.getElementById('read-now').onclick = function () {
        var state = window.microfrontends.getGlobalState();
        document.getElementById('read').textContent = 'count ' + state.count;
      };
    },
  };
</script>"""


# An app in the default sandbox on the same state: when it shows a change, the page has it.
WITNESS = """<p id="count"></p><script>
  microfrontends.onGlobalStateChange(function (state) {
    document.getElementById('count').textContent = state.count;
  }, true);
</script>"""


def test_a_strict_app_that_subscribes_after_a_change_from_python_sees_it(
    notebook: NotebookFactory,
) -> None:
    """Python changes the state after the frame was written and before the app listens: the
    app's first listener call and its getGlobalState show Python's value, not the frame's
    first copy (the React apps in sandbox="strict" subscribe in an effect, after mount)."""
    nb = notebook([
        "from microfrontends import GlobalState, MicroApp\nstate = GlobalState({'count': 0})",
        f"late = MicroApp(html={LATE_SUBSCRIBER!r}, name='late', sandbox='strict',"
        " state=state)\nlate",
        f"witness = MicroApp(html={WITNESS!r}, name='witness', state=state)\nwitness",
    ])  # fmt: skip
    for index in range(3):
        nb.run_cell(index)
    expect_status(nb, 1, "late", "MOUNTED")
    expect_status(nb, 2, "witness", "MOUNTED")
    nb.execute("state['count'] = 3")
    # The change has reached the page: the other app shows it.
    expect(host(nb, 2, "witness").locator("#count")).to_have_text("3")

    late = app_view(nb, 1, "late", "strict")
    late.locator("#read-now").click()
    expect(late.locator("#read")).to_have_text("count 3")
    late.locator("#subscribe").click()
    expect(late.locator("#seen")).to_have_text("count 3")


def test_a_strict_app_knows_whether_it_has_a_global_state(notebook: NotebookFactory) -> None:
    """window.microfrontends.hasGlobalState, as in every other sandbox (the app SDK reads it)."""
    html = (
        "<p id='has'></p><script>has.textContent = String(microfrontends.hasGlobalState)</script>"
    )
    nb = notebook([
        "from microfrontends import GlobalState, MicroApp",
        f"MicroApp(html={html!r}, name='with-state', sandbox='strict', state=GlobalState())",
        f"MicroApp(html={html!r}, name='no-state', sandbox='strict')",
    ])  # fmt: skip
    for index in range(3):
        nb.run_cell(index)
    for index, name, has in ((1, "with-state", "true"), (2, "no-state", "false")):
        expect_status(nb, index, name, "MOUNTED")
        expect(app_view(nb, index, name, "strict").locator("#has")).to_have_text(has)
