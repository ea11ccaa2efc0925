"""GlobalState, props and events between the kernel and apps, in a real JupyterLab."""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import Page, expect

from .conftest import NotebookFactory
from .notebook import Notebook
from .test_microapp_basics import expect_status, host, python

# An app without lifecycles: it uses window.microfrontends.
PROBE = """
<p id="state"></p><p id="calls">0</p><p id="events"></p><p id="props"></p><p id="error"></p>
<button id="bump">bump</button>
<script>
  var mf = window.microfrontends;
  var calls = 0;
  mf.onGlobalStateChange(function (state) {
    calls += 1;
    document.getElementById('state').textContent = JSON.stringify(state);
    document.getElementById('calls').textContent = String(calls);
  }, true);
  mf.on('ping', function (payload) {
    document.getElementById('events').textContent += JSON.stringify(payload) + ';';
  });
  mf.onProps(function (props) {
    document.getElementById('props').textContent = JSON.stringify(props);
  });
  document.getElementById('props').textContent = JSON.stringify(mf.props);
  document.getElementById('bump').addEventListener('click', function () {
    mf.setGlobalState({ clicked: document.title || 'probe' });
    mf.emit('clicked', { by: 'probe' });
  });
</script>"""

# A qiankun-style app: lifecycles on window[name] that get the state functions as props.
LIFECYCLE_APP = """
<div id="root"></div>
<script>
  window['life'] = {
    mount: async function (props) {
      var root = props.container.querySelector('#root');
      root.innerHTML = '<p id="seen"></p><p id="count">0</p><p id="label"></p>';
      var count = 0;
      props.onGlobalStateChange(function (state, previous) {
        count += 1;
        root.querySelector('#seen').textContent = JSON.stringify([state.x, previous.x]);
        root.querySelector('#count').textContent = String(count);
      });
      root.querySelector('#label').textContent = props.label;
      window.lifeProps = props;
    },
    update: async function (props) {
      document.getElementById('label').textContent = props.label + ' (updated)';
    },
    unmount: async function () {},
  };
</script>"""


def probe_cell(name: str, state: str = "state", props: str = "{}") -> str:
    return f"{name} = MicroApp(html=PROBE, name={name!r}, state={state}, props={props})\n{name}"


@pytest.fixture
def three_apps(notebook: NotebookFactory) -> Notebook:
    nb = notebook(
        [
            f"from microfrontends import GlobalState, MicroApp\nPROBE = {PROBE!r}\n"
            "state = GlobalState({'x': 0})\nseen = []\n"
            "state.observe(lambda change: seen.append((change.origin, change.new)))",
            probe_cell("a"),
            probe_cell("b"),
            probe_cell("c"),
        ]
    )
    for index in range(4):
        nb.run_cell(index)
    for index, name in enumerate("abc", start=1):
        expect_status(nb, index, name, "MOUNTED")
    return nb


def realm(page: Page, name: str) -> str:
    return f"document.querySelector('iframe[data-microfrontends-realm=\"{name}\"]').contentWindow"


def test_python_and_apps_share_state_without_echo(three_apps: Notebook, page: Page) -> None:
    nb = three_apps
    a, b = host(nb, 1, "a"), host(nb, 2, "b")
    expect(a.locator("#state")).to_have_text('{"x":0}')
    nb.execute("state['x'] = 1")
    for index, name in enumerate("abc", start=1):
        expect(host(nb, index, name).locator("#state")).to_have_text('{"x":1}')

    # App a writes: b and c hear it at once; a's own listener is not called; Python sees a.
    calls_a = a.locator("#calls").text_content()
    a.locator("#bump").click()
    expect(b.locator("#state")).to_have_text('{"x":1,"clicked":"probe"}')
    expect(host(nb, 3, "c").locator("#state")).to_have_text('{"x":1,"clicked":"probe"}')
    deadline = time.monotonic() + 10
    while python(nb, "state.get('clicked')") != "probe":
        assert time.monotonic() < deadline, "the app's change never reached Python"
        time.sleep(0.05)
    assert python(nb, "seen[-1][0]") == "a"
    assert python(nb, "[origin for origin, _ in seen]") == ["python", "a"]
    page.wait_for_timeout(300)  # the kernel's confirmation has come back by now
    assert a.locator("#calls").text_content() == calls_a


def test_events_both_ways(three_apps: Notebook) -> None:
    nb = three_apps
    nb.execute("got = []\na.on('clicked', got.append)")
    host(nb, 1, "a").locator("#bump").click()
    deadline = time.monotonic() + 10
    while python(nb, "got") != [{"by": "probe"}]:
        assert time.monotonic() < deadline, "the app's event never reached Python"
        time.sleep(0.05)
    nb.execute("b.emit('ping', {'to': 'b'})")
    expect(host(nb, 2, "b").locator("#events")).to_have_text('{"to":"b"};')
    expect(host(nb, 1, "a").locator("#events")).to_have_text("")
    nb.execute("state.emit('ping', 'all')")
    expect(host(nb, 1, "a").locator("#events")).to_have_text('"all";')
    expect(host(nb, 2, "b").locator("#events")).to_have_text('{"to":"b"};"all";')
    expect(host(nb, 3, "c").locator("#events")).to_have_text('"all";')


def test_lifecycle_props_update_and_fresh_subscription(notebook: NotebookFactory) -> None:
    nb = notebook(
        [
            f"from microfrontends import GlobalState, MicroApp\nAPP = {LIFECYCLE_APP!r}\n"
            "state = GlobalState({'x': 'a'})",
            "life = MicroApp(html=APP, name='life', state=state, props={'label': 'one'})\nlife",
        ]
    )
    nb.run_cell(0)
    nb.run_cell(1)
    app = host(nb, 1, "life")
    expect_status(nb, 1, "life", "MOUNTED")
    expect(app.locator("#label")).to_have_text("one")
    nb.execute("state['x'] = 'b'")
    expect(app.locator("#seen")).to_have_text('["b","a"]')
    nb.execute("life.set_props(label='two')")
    expect(app.locator("#label")).to_have_text("two (updated)")

    nb.execute("life.unmount()")
    expect_status(nb, 1, "life", "NOT_MOUNTED")
    nb.execute("state['x'] = 'c'")
    nb.execute("life.mount()")
    expect_status(nb, 1, "life", "MOUNTED")
    nb.execute("state['x'] = 'd'")
    expect(app.locator("#seen")).to_have_text('["d","c"]')
    # One listener after remounting, not one per mount.
    expect(app.locator("#count")).to_have_text("1")


def test_bad_values_are_refused_on_both_sides(three_apps: Notebook, page: Page) -> None:
    nb = three_apps
    error = page.evaluate(f"""() => {{
      const mf = {realm(page, "a")}.microfrontends;
      const errors = [];
      for (const bad of [{{ f: () => 1 }}, {{ node: document.body }}, {{ n: NaN }}]) {{
        try {{ mf.setGlobalState(bad); }}
        catch (e) {{ errors.push(e.constructor.name + ': ' + e.message); }}
      }}
      try {{ mf.emit('x', {{ when: new Date() }}); }} catch (e) {{ errors.push(e.message); }}
      return errors;
    }}""")
    assert len(error) == 4
    assert "TypeError: setGlobalState(patch).f is a function, which is not JSON" in error[0]
    assert "is a HTMLBodyElement" in error[1]
    assert "NaN" in error[2]
    assert "Date" in error[3]
    expect(host(nb, 2, "b").locator("#state")).to_have_text('{"x":0}')
    result = nb.execute(
        "try:\n    state['bad'] = {1, 2}\nexcept TypeError as e:\n    message = str(e)",
        {"message": "message", "keys": "sorted(state)"},
    )
    assert result == {"message": "state['bad'] is a set, which is not JSON", "keys": ["x"]}


def test_concurrent_writers_converge(three_apps: Notebook, page: Page) -> None:
    nb = three_apps
    # Python writes from a thread, so its writes interleave with the apps' in the kernel.
    nb.execute(
        "import threading, time\n"
        "def python_writes():\n"
        "    for i in range(1, 1001):\n"
        "        state.update({'py': i, 'shared': f'py{i}'})\n"
        "        if i % 50 == 0:\n"
        "            time.sleep(0.01)\n"
        "writer = threading.Thread(target=python_writes)\nwriter.start()"
    )
    page.evaluate("""async () => {
      const api = (name) => document.querySelector(`iframe[data-microfrontends-realm="${name}"]`)
        .contentWindow.microfrontends;
      for (let i = 1; i <= 1000; i++) {
        for (const name of ['a', 'b', 'c']) {
          api(name).setGlobalState({ [name]: i, shared: name + i });
        }
        if (i % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }""")
    nb.execute("writer.join()")
    expected_own = {"a": 1000, "b": 1000, "c": 1000, "py": 1000}
    deadline = time.monotonic() + 30
    while True:
        py_state = json.loads(str(nb.execute("import json", {"v": "json.dumps(state.value)"})["v"]))
        in_apps = page.evaluate("""() => ['a', 'b', 'c'].map((name) =>
          document.querySelector(`iframe[data-microfrontends-realm="${name}"]`)
            .contentWindow.microfrontends.getGlobalState())""")
        settled = all(py_state.get(k) == v for k, v in expected_own.items()) and all(
            state == py_state for state in in_apps
        )
        if settled:
            break
        assert time.monotonic() < deadline, f"no convergence: python={py_state} apps={in_apps}"
        time.sleep(0.2)
    assert py_state["shared"] in {"py1000", "a1000", "b1000", "c1000"}


def test_python_burst_leaves_every_app_with_the_final_value(three_apps: Notebook) -> None:
    nb = three_apps
    nb.execute("for i in range(10_000):\n    state['burst'] = i")
    for index, name in enumerate("abc", start=1):
        expect(host(nb, index, name).locator("#state")).to_contain_text('"burst":9999')


def test_five_thousand_app_events_arrive_in_order(three_apps: Notebook, page: Page) -> None:
    nb = three_apps
    nb.execute("numbers = []\nc.on('n', numbers.append)")
    page.evaluate(f"""() => {{
      const mf = {realm(page, "c")}.microfrontends;
      for (let i = 0; i < 5000; i++) mf.emit('n', i);
    }}""")
    deadline = time.monotonic() + 30
    while python(nb, "len(numbers)") != 5000:
        assert time.monotonic() < deadline, f"only {python(nb, 'len(numbers)')} of 5000 arrived"
        time.sleep(0.1)
    assert python(nb, "numbers == list(range(5000))") is True


def test_separate_states_and_off(notebook: NotebookFactory) -> None:
    nb = notebook(
        [
            f"from microfrontends import GlobalState, MicroApp\nPROBE = {PROBE!r}\n"
            "one, two = GlobalState({'x': 1}), GlobalState({'x': 2})",
            probe_cell("p1", "one"),
            probe_cell("p2", "two"),
        ]
    )
    for index in range(3):
        nb.run_cell(index)
    first, second = host(nb, 1, "p1"), host(nb, 2, "p2")
    expect(first.locator("#state")).to_have_text('{"x":1}')
    expect(second.locator("#state")).to_have_text('{"x":2}')
    first.locator("#bump").click()
    nb.execute("two['y'] = 'only two'")
    expect(second.locator("#state")).to_have_text('{"x":2,"y":"only two"}')
    expect(first.locator("#state")).to_have_text('{"x":1}')  # its own change: no echo
    assert python(nb, "one.value") == {"x": 1, "clicked": "probe"}
    assert python(nb, "two.value") == {"x": 2, "y": "only two"}

    first.evaluate(
        "el => el.ownerDocument.querySelector("
        "'iframe[data-microfrontends-realm=\"p1\"]').contentWindow"
        ".microfrontends.offGlobalStateChange()"
    )
    nb.execute("one['x'] = 100")
    nb.execute("two['x'] = 200")
    expect(second.locator("#state")).to_contain_text('"x":200')
    assert first.locator("#state").text_content() == '{"x":1}'


def test_apps_are_told_the_theme_and_follow_a_switch(three_apps: Notebook, page: Page) -> None:
    probe = host(three_apps, 1, "a")
    expect(probe.locator("#props")).to_contain_text('"theme":{"name":"JupyterLab Light"')
    expect(probe.locator("#props")).to_contain_text('"light":true')
    page.evaluate(
        "window.jupyterapp.commands.execute('apputils:change-theme', { theme: 'JupyterLab Dark' })"
    )
    expect(probe.locator("#props")).to_contain_text('"light":false', timeout=15_000)
    # The theme's variables reach into the app's shadow root.
    background = probe.evaluate(
        "el => getComputedStyle(el.shadowRoot.querySelector('body'))"
        ".getPropertyValue('--jp-layout-color1').trim()"
    )
    assert background and background.lower() not in ("white", "#fff", "#ffffff")
    page.evaluate(
        "window.jupyterapp.commands.execute('apputils:change-theme', { theme: 'JupyterLab Light' })"
    )
    expect(probe.locator("#props")).to_contain_text('"light":true', timeout=15_000)
