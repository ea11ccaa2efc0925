"""One app's throwing listener or handler stays that app's bug, in a real JupyterLab.

Python's changes, the other apps' writes and events, and props all keep reaching everyone
else; the error goes to the console naming the app and what failed.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import NotebookFactory
from .microapps import expect_py, expect_status, host
from .notebook import Notebook

# Every callback it registers throws; a second event handler and props listener record.
BROKEN = """
<p id="calls">0</p><p id="later"></p><p id="props"></p>
<script>
  var mf = window.microfrontends;
  var calls = 0;
  mf.onGlobalStateChange(function (state) {
    calls += 1;
    document.getElementById('calls').textContent = String(calls);
    throw new Error('broken state listener saw ' + JSON.stringify(state));
  });
  mf.on('ping', function () { throw new Error('broken ping handler'); });
  mf.on('ping', function (payload) {
    document.getElementById('later').textContent += JSON.stringify(payload) + ';';
  });
  mf.onProps(function () { throw new Error('broken props listener'); });
  mf.onProps(function (props) {
    document.getElementById('props').textContent = JSON.stringify(props);
  });
</script>"""

# A healthy app: shows the state and the events it hears; its buttons write and emit, and
# it shows whether its own setGlobalState call returned or threw.
HEALTHY = """
<p id="state"></p><p id="events"></p><p id="result"></p>
<button id="write">write</button><button id="ping">ping</button>
<script>
  var mf = window.microfrontends;
  mf.onGlobalStateChange(function (state) {
    document.getElementById('state').textContent = JSON.stringify(state);
  }, true);
  mf.on('ping', function (payload) {
    document.getElementById('events').textContent += JSON.stringify(payload) + ';';
  });
  document.getElementById('write').addEventListener('click', function () {
    var result = document.getElementById('result');
    try {
      mf.setGlobalState({ written: 'click' });
      result.textContent = 'returned';
    } catch (error) {
      result.textContent = 'threw: ' + error.message;
    }
  });
  document.getElementById('ping').addEventListener('click', function () {
    mf.emit('ping', 'from a');
  });
</script>"""

# A qiankun-style app that writes the state while it mounts.
WRITES_ON_MOUNT = """
<div id="root"></div>
<script>
  window['writer'] = {
    mount: async function (props) {
      props.setGlobalState({ writer: 'mounted' });
      props.container.querySelector('#root').textContent = 'writer mounted';
    },
    unmount: async function () {},
  };
</script>"""


@pytest.fixture
def apps(notebook: NotebookFactory) -> Notebook:
    nb = notebook(
        [
            f"from microfrontends import GlobalState, MicroApp\nBROKEN = {BROKEN!r}\n"
            f"HEALTHY = {HEALTHY!r}\nWRITES_ON_MOUNT = {WRITES_ON_MOUNT!r}\n"
            "state = GlobalState({'x': 0})\nseen = []\n"
            "state.observe(lambda change: seen.append((change.origin, change.new)))",
            "broken = MicroApp(html=BROKEN, name='broken', state=state)\nbroken",
            "a = MicroApp(html=HEALTHY, name='a', state=state)\na",
            "b = MicroApp(html=HEALTHY, name='b', state=state)\nb",
            "writer = MicroApp(html=WRITES_ON_MOUNT, name='writer', state=state)\nwriter",
        ]
    )
    nb.run_cell(0)
    # The broken app subscribes first, so that it is the first listener every change meets.
    for index, name in enumerate(["broken", "a", "b"], start=1):
        nb.run_cell(index)
        expect_status(nb, index, name, "MOUNTED")
    return nb


def console_errors(page: Page, app: str, what: str) -> list[str]:
    """The console errors that name ``app`` and what of it failed."""
    prefix = f'error: microfrontends: app "{app}" failed in {what}:'
    return [line for line in page.console_log if line.startswith(prefix)]  # type: ignore[attr-defined]


def test_pythons_changes_reach_the_other_apps(apps: Notebook, page: Page) -> None:
    nb = apps
    broken = host(nb, 1, "broken")
    apps.execute("state['x'] = 1")
    expect(host(nb, 2, "a").locator("#state")).to_have_text('{"x":1}')
    expect(host(nb, 3, "b").locator("#state")).to_have_text('{"x":1}')
    expect(broken.locator("#calls")).to_have_text("1")

    # The throwing listener stays subscribed: it is called again, and everyone else too.
    apps.execute("state['x'] = 2")
    expect(host(nb, 3, "b").locator("#state")).to_have_text('{"x":2}')
    expect(broken.locator("#calls")).to_have_text("2")
    errors = console_errors(page, "broken", "its onGlobalStateChange listener")
    assert len(errors) == 2
    assert 'broken state listener saw {"x":2}' in errors[1]


def test_a_healthy_apps_write_returns_and_reaches_python_and_the_others(
    apps: Notebook, page: Page
) -> None:
    nb = apps
    a = host(nb, 2, "a")
    a.locator("#write").click()
    expect(a.locator("#result")).to_have_text("returned")
    expect(host(nb, 3, "b").locator("#state")).to_have_text('{"x":0,"written":"click"}')
    expect_py(nb, "seen[-1]", ("a", {"x": 0, "written": "click"}))
    expect(host(nb, 1, "broken").locator("#calls")).to_have_text("1")
    assert len(console_errors(page, "broken", "its onGlobalStateChange listener")) == 1


def test_events_reach_the_other_apps_and_later_handlers(apps: Notebook, page: Page) -> None:
    nb = apps
    a, b, broken = host(nb, 2, "a"), host(nb, 3, "b"), host(nb, 1, "broken")
    # A burst of changes and then an event: the event travels in one message with the last
    # changes, which the broken state listener also hears.
    apps.execute("for i in range(50):\n    state['x'] = i\nstate.emit('ping', 'from python')")
    expect(a.locator("#events")).to_have_text('"from python";')
    expect(b.locator("#events")).to_have_text('"from python";')
    expect(broken.locator("#later")).to_have_text('"from python";')
    expect(b.locator("#state")).to_have_text('{"x":49}')

    a.locator("#ping").click()
    expect(b.locator("#events")).to_have_text('"from python";"from a";')
    expect(broken.locator("#later")).to_have_text('"from python";"from a";')
    assert len(console_errors(page, "broken", 'its handler of event "ping"')) == 2


def test_a_throwing_props_listener_leaves_the_apps_other_listeners(
    apps: Notebook, page: Page
) -> None:
    nb = apps
    nb.execute("broken.set_props(label='new')")
    expect(host(nb, 1, "broken").locator("#props")).to_contain_text('"label":"new"')
    assert len(console_errors(page, "broken", "its onProps listener")) == 1
    expect_py(nb, "(broken.status, broken.error)", ("MOUNTED", ""))


def test_an_app_writing_on_mount_beside_a_broken_listener_stays_mounted(
    apps: Notebook, page: Page
) -> None:
    nb = apps
    nb.run_cell(4)
    expect_status(nb, 4, "writer", "MOUNTED")
    expect(host(nb, 4, "writer")).to_contain_text("writer mounted")
    expect(host(nb, 2, "a").locator("#state")).to_have_text('{"x":0,"writer":"mounted"}')
    expect_py(nb, "seen[-1]", ("writer", {"x": 0, "writer": "mounted"}))
    expect_py(
        nb, "[(app.status, app.error) for app in (writer, a, b, broken)]", [("MOUNTED", "")] * 4
    )
    assert len(console_errors(page, "broken", "its onGlobalStateChange listener")) == 1
