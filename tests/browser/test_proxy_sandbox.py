"""`sandbox="proxy"` in Chromium: on a plain page through core.js, and in JupyterLab."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import APPS_DIR, REPO_ROOT, NotebookFactory
from .microapps import check_vue_todo, expect_py
from .servers import StaticServer
from .test_microapp_basics import IMPORT, color, expect_status, host

VUE_TODO = REPO_ROOT / "examples" / "apps" / "vue-todo"
PAGE = "proxy-sandbox-page.html"

# Mounts with core.js; resolves to what the caller reads off the app (or the error text).
MOUNT = """async ([options, read]) => {
  const { mount } = await import('/src/microfrontends/static/core.js');
  const slot = document.createElement('div');
  document.body.append(slot);
  try {
    const app = await mount(slot, { sandbox: 'proxy', ...options });
    (window.apps ??= {})[app.name] = app;
    return new Function('app', 'return ' + read)(app);
  } catch (error) {
    return { error: String(error.message ?? error) };
  }
}"""


@pytest.fixture
def core_page(page: Page, repo_server: StaticServer) -> Page:
    """An empty page of the repository's origin, where core.js can be imported."""
    page.route(
        f"{repo_server.url}{PAGE}",
        lambda route: route.fulfill(
            body="<!doctype html><title>host page</title><body></body>", content_type="text/html"
        ),
    )
    page.goto(f"{repo_server.url}{PAGE}")
    return page


def mount(page: Page, read: str, **options: object) -> object:
    found = page.evaluate(MOUNT, [options, read])
    assert not (isinstance(found, dict) and "error" in found), found
    return found


def mount_failing(page: Page, **options: object) -> str:
    found = page.evaluate(MOUNT, [options, "0"])
    assert isinstance(found, dict) and "error" in found, found
    return str(found["error"])


def test_plain_app_shares_top_level_var_and_function_between_scripts(
    core_page: Page, repo_server: StaticServer
) -> None:
    found = mount(
        core_page,
        "[app.window.sharedVar, app.window.sharedFn(), app.status]",
        entry=f"{repo_server.url}tests/apps/plain/",
        name="plain",
    )
    assert found == [41, "fn", "MOUNTED"]
    app = core_page.locator('[data-microfrontends-app="plain"]')
    # The second script saw the first one's `var` and function by bare name and as window.x.
    expect(app.locator("#classic")).to_have_text("42 true fn")
    expect(app.locator("#powered")).to_have_text("true")
    assert color(app.locator("#title")) == "rgb(10, 20, 30)"
    assert core_page.evaluate("[typeof sharedVar, typeof sharedFn]") == ["undefined", "undefined"]


CLASSIC = """
<p id="out"></p>
<script>
  var counter = 1;
  function bump() { counter += 1; return counter; }
  let shared = 'lexical';
  const fixed = 'constant';
  class Widget { kind() { return 'widget'; } }
  window.early = 'set on window';
  if (true) { var inBlock = 'block'; }
  for (var key in { only: 1 }) {}
  var whatThis = this;
  var current = document.currentScript.localName;
</script>
<script>
  var counter;                 // redeclared, not reset
  var early;                   // declared after window.early = ...
  var report = [counter, bump(), counter, window.counter, early, shared, fixed,
                new Widget().kind(), inBlock, key, whatThis === window];
  window.counter = 10;         // one live binding: the first script's functions see it
  report.push(bump(), counter);
  counter = 20;
  report.push(window.counter, bump());
</script>
<script>
  'use strict';
  var strictVar = (function () { return this; })() === undefined;
  function strictFn() { return 'strict fn'; }
</script>
<script>
  window.result = report.concat([strictVar, strictFn(), typeof undeclaredName, current]);
</script>
<script>
  // Globals of earlier scripts, read and written from this one (and from its functions).
  function readBack(counter) { return counter; }
  var viaShorthand = { counter };
  ({ early } = { early: 'destructured' });
  var Shape = class Widget { who() { return Widget === Shape; } };
  function later() { counter = 100; return bump(); }
  window.result2 = [readBack(5), viaShorthand.counter, window.early, typeof shared,
                    new Shape().who(), later(), window.counter, counter];
</script>
<script>
  with ({ counter: 'with object' }) { var fromWith = counter; }
  window.result2.push(fromWith, counter);
</script>"""


def test_classic_script_semantics_across_scripts(core_page: Page) -> None:
    found = mount(core_page, "app.window.result", html=CLASSIC, name="classic")
    assert found == [
        1,
        2,
        2,
        2,
        "set on window",
        "lexical",
        "constant",
        "widget",
        "block",
        "only",
        True,
        11,
        11,
        20,
        21,
        True,
        "strict fn",
        "undefined",
        "script",
    ]
    assert core_page.evaluate("apps.classic.window.result2") == [
        5,
        21,
        "destructured",
        "string",
        True,
        101,
        101,
        101,
        "with object",
        101,
    ]
    assert core_page.evaluate("[typeof counter, typeof bump, typeof result]") == ["undefined"] * 3


RUNTIME_CODE = """
<script>
  var appSecret = 'app global';
  window.viaWindow = 'window prop';
  window.out = {
    newFunction: new Function('suffix', 'return appSecret + suffix')('!'),
    functionCall: Function('return viaWindow')(),
    constructorProp: (function () {}).constructor('return appSecret')(),
    directEval: eval('appSecret'),
    indirectEval: (0, eval)('viaWindow'),
    completion: eval('var fromEval = 2; fromEval * 21'),
    evalFunction: (eval('function madeByEval() { return appSecret; }'), madeByEval()),
    evalLocalScope: (function () { var local = 'local'; return eval('local'); })(),
  };
  window.out.fromEval = fromEval;
  window.out.windowFromEval = window.fromEval;
  setTimeout("window.out.timerString = appSecret + ' in timer'", 0);
  window.ticks = 0;
  window.interval = setInterval("ticks += 1; if (ticks === 3) clearInterval(interval)", 5);
</script>"""


def test_code_made_at_run_time_sees_the_app_globals(core_page: Page) -> None:
    mount(core_page, "0", html=RUNTIME_CODE, name="runtime")
    core_page.wait_for_function(
        "apps.runtime.window.ticks === 3 && apps.runtime.window.out.timerString"
    )
    out = core_page.evaluate("apps.runtime.window.out")
    assert out == {
        "newFunction": "app global!",
        "functionCall": "window prop",
        "constructorProp": "app global",
        "directEval": "app global",
        "indirectEval": "window prop",
        "completion": 42,
        "evalFunction": "app global",
        # A direct eval keeps its caller's scope.
        "evalLocalScope": "local",
        "fromEval": 2,
        "windowFromEval": 2,
        "timerString": "app global in timer",
    }
    assert (
        core_page.evaluate("[typeof appSecret, typeof viaWindow, typeof fromEval]")
        == ["undefined"] * 3
    )


ESCAPES = """
<script>
  window.escapes = {
    window: window,
    self: self,
    globalThis: globalThis,
    defaultView: document.defaultView,
    top: top,
    parent: parent,
    windowTop: window.top,
    functionThis: Function('return this')(),
    newFunctionThis: new Function('return this')(),
    indirectEval: (0, eval)('this'),
    directEval: eval('this'),
    aliasedEval: (function () { var e = eval; return e('this'); })(),
    evalInFunction: Function('return (0, eval)("this")')(),
    topLevelThis: this,
    constructorThis: (function () {}).constructor('return this')(),
    timerThis: null,
  };
  setTimeout('escapes.timerThis = this', 0);
</script>"""


def test_escape_expressions_return_the_fake_window_never_the_page(core_page: Page) -> None:
    mount(core_page, "0", html=ESCAPES, name="escapes")
    core_page.wait_for_function("apps.escapes.window.escapes.timerThis !== null")
    found = core_page.evaluate("""() => {
      const fake = apps.escapes.window;
      return Object.fromEntries(Object.entries(fake.escapes).map(([key, value]) =>
        [key, value === fake ? 'app' : value === window ? 'PAGE' : typeof value]));
    }""")
    assert found == dict.fromkeys(found, "app")
    assert len(found) == 16
    # The fake window is not the page's, and it is not the realm iframe's window either.
    assert core_page.evaluate("""() => {
      const fake = apps.escapes.window;
      const realm = document.querySelector('iframe[data-microfrontends-realm="escapes"]')
        .contentWindow;
      return [fake !== window, fake !== realm, fake.document === realm.document,
              fake.document.body.isConnected, fake instanceof realm.Window];
    }""") == [True, True, True, True, True]


TWIN = """
<p id="who"></p>
<script>
  var label = '{name}';
  window.count = {count};
  function describe() {{ return label + ':' + count; }}
  document.getElementById('who').textContent = describe();
</script>"""


def test_two_instances_side_by_side_do_not_see_each_other(core_page: Page) -> None:
    for name, count in (("left", 1), ("right", 2)):
        mount(core_page, "0", html=TWIN.format(name=name, count=count), name=name)
    left = core_page.locator('[data-microfrontends-app="left"]')
    right = core_page.locator('[data-microfrontends-app="right"]')
    expect(left.locator("#who")).to_have_text("left:1")
    expect(right.locator("#who")).to_have_text("right:2")
    core_page.evaluate("apps.left.window.count = 5")
    assert core_page.evaluate("[apps.left.window.describe(), apps.right.window.describe()]") == [
        "left:5",
        "right:2",
    ]
    assert core_page.evaluate("[typeof label, typeof count, typeof describe]") == ["undefined"] * 3


POLLUTER_GLOBALS = "[typeof polluted, typeof leakyVar, typeof ticks]"


# Fires what the polluter's window and document listeners listen to, at every target they could
# be on: the app's window (a resize, as when its box changes), the app's title (a click that
# bubbles through its shadow root, where the app's document click listeners are moved), that
# shadow root itself (unmount empties it) and the page's own window and document. The targets
# were kept from while the app was mounted.
FIRE_EVENTS = """() => {
  try { fake.dispatchEvent(new Event('resize')); } catch (e) { /* a removed realm's window */ }
  for (const target of [polTitle, polRoot]) {
    target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  }
  window.dispatchEvent(new Event('resize'));
  document.body.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
}"""
COUNTS = "[fake.resizeCount, fake.clickCount, pageSide.resize, pageSide.click]"
# Listeners added through the app's window and document as the app's are, but made in the page's
# realm: the realm's removal cannot silence them, only the host's own cleanup on unmount can.
PAGE_SIDE_LISTENERS = """() => {
  window.pageSide = { resize: 0, click: 0 };
  fake.addEventListener('resize', () => { pageSide.resize += 1; });
  fake.document.addEventListener('click', () => { pageSide.click += 1; });
}"""


def test_unmount_stops_timers_and_removes_listeners_and_styles(
    core_page: Page, repo_server: StaticServer
) -> None:
    mount(core_page, "0", entry=f"{repo_server.url}tests/apps/polluter/", name="pol")
    app = core_page.locator('[data-microfrontends-app="pol"]')
    ticks = app.locator("#ticks")
    expect(ticks).not_to_have_text("0")
    app.locator("#polluter-title").click()
    expect(app.locator("#click-count")).to_have_text("1")
    app.locator("#add-style").click()
    assert color(app.locator("#dyn-target")) == "rgb(0, 200, 0)"
    assert core_page.evaluate(POLLUTER_GLOBALS) == ["undefined"] * 3
    core_page.evaluate("""() => {
      window.fake = apps.pol.window;
      window.polRoot = document.querySelector('[data-microfrontends-app="pol"]').shadowRoot;
      window.polTitle = polRoot.getElementById('polluter-title');
    }""")
    core_page.evaluate(PAGE_SIDE_LISTENERS)
    # While mounted, these events run each of those listeners (the click ones twice: the title's
    # click bubbles to the shadow root, and the root gets one of its own).
    before = core_page.evaluate(COUNTS)
    core_page.evaluate(FIRE_EVENTS)
    mounted = core_page.evaluate(COUNTS)
    expected = [before[0] + 1, before[1] + 2, before[2] + 1, before[3] + 2]
    assert mounted == expected, before
    core_page.evaluate("apps.pol.unmount()")
    expect(app).to_have_count(0)
    expect(core_page.locator('iframe[data-microfrontends-realm="pol"]')).to_have_count(0)
    expect(core_page.locator("style[data-microfrontends-fonts]")).to_have_count(0)
    # After unmount the same events run none of them: no listener was left behind.
    core_page.evaluate(FIRE_EVENTS)
    assert core_page.evaluate(COUNTS) == mounted
    # The interval died with the realm: the app's counter stays where it was.
    stopped = core_page.evaluate("fake.ticks")
    core_page.wait_for_timeout(300)
    assert core_page.evaluate("fake.ticks") == stopped
    assert core_page.evaluate(COUNTS) == mounted
    assert core_page.evaluate(POLLUTER_GLOBALS) == ["undefined"] * 3


def test_vue_global_build_with_lodash_renders_and_adds_a_todo(
    core_page: Page, repo_server: StaticServer
) -> None:
    found = mount(
        core_page,
        "[app.status, typeof app.window.Vue, typeof app.window._]",
        entry=f"{repo_server.url}examples/apps/vue-todo/",
        name="todo",
    )
    assert found == ["MOUNTED", "object", "function"]
    check_todo_in_proxy(core_page.locator('[data-microfrontends-app="todo"]'))
    assert core_page.evaluate("[typeof Vue, typeof _]") == ["undefined", "undefined"]


def check_todo_in_proxy(app: Locator) -> None:
    """The in-DOM template was compiled (by `new Function`) against the app's `Vue`."""
    check_vue_todo(app, "Check the proxy sandbox")
    # lodash's sortBy put it in alphabetical order among the open items.
    expect(app.get_by_test_id("todo-item").nth(2)).to_have_text("Check the proxy sandbox")


def test_umd_app_exports_lifecycles_from_the_fake_window(
    core_page: Page, repo_server: StaticServer
) -> None:
    found = mount(
        core_page,
        "app.window.umdCalls",
        entry=f"{repo_server.url}tests/apps/umd/",
        name="orders",
        props={"label": "first"},
    )
    assert found == {"bootstrap": 1, "mount": 1, "unmount": 0, "update": 0}
    app = core_page.locator('[data-microfrontends-app="orders"]')
    expect(app.locator("#umd-mounted")).to_have_text("mounted as orders")
    expect(app.locator("#umd-label")).to_have_text("first")
    expect(app.locator("#umd-public-path")).to_have_text(f"{repo_server.url}tests/apps/umd/")
    core_page.evaluate("apps.orders.update({label: 'second'})")
    expect(app.locator("#umd-label")).to_have_text("second")
    assert core_page.evaluate("window['umd-app']") is None
    after = core_page.evaluate(
        "fake = apps.orders.window; apps.orders.unmount().then(() => fake.umdCalls)"
    )
    assert after == {"bootstrap": 1, "mount": 1, "unmount": 1, "update": 1}


def test_a_script_with_a_syntax_error_is_reported_by_name(core_page: Page) -> None:
    html = "<script>var ok = 1;</script><script>var = broken;</script>"
    error = mount_failing(core_page, html=html, name="broken")
    assert "inline script" in error and "SyntaxError" in error
    app = core_page.locator('[data-microfrontends-app="broken"]')
    expect(app).to_have_attribute("data-microfrontends-status", "LOAD_ERROR")
    expect(app.get_by_role("alert")).to_contain_text("SyntaxError")


# In JupyterLab: the widget fetches the proxy sandbox part from the kernel.


def test_polluter_in_jupyterlab_is_contained_and_cleaned_up(
    notebook: NotebookFactory, page: Page
) -> None:
    entry = str(APPS_DIR / "polluter")
    cell = f"pol = MicroApp({entry!r}, name='pol', sandbox='proxy', height=400)\npol"
    nb = notebook([IMPORT, cell])
    nb.run_cell(0)
    page_url = page.url
    nb.run_cell(1)
    expect_status(nb, 1, "pol", "MOUNTED")
    expect_py(nb, "pol.status", "MOUNTED")
    app = host(nb, 1, "pol")
    assert color(app.locator("#polluter-title")) == "rgb(255, 0, 0)"
    assert (
        page.evaluate("[typeof window.polluted, typeof window.leakyVar, typeof window.ticks]")
        == ["undefined"] * 3
    )
    expect(app.locator("#ticks")).not_to_have_text("0")
    app.locator("#open-modal").click()
    expect(app.locator("#modal")).to_have_text("Modal")
    assert color(app.locator("#modal")) == "rgb(1, 2, 3)"
    app.locator("#link-a").click()
    expect(app.locator("#route")).to_have_text("#/a")
    assert page.url == page_url
    app.locator("#add-style").click()
    assert color(app.locator("#dyn-target")) == "rgb(0, 200, 0)"

    nb.execute("pol.unmount()")
    expect_status(nb, 1, "pol", "NOT_LOADED")
    expect(page.locator('iframe[data-microfrontends-realm="pol"]')).to_have_count(0)
    expect(app.locator("#ticks")).to_have_count(0)
    expect(app.locator("#modal")).to_have_count(0)
    assert page.evaluate("typeof window.polluted") == "undefined"

    nb.execute("pol.mount()")
    expect_status(nb, 1, "pol", "MOUNTED")
    expect(app.locator("#ticks")).not_to_have_text("0")
    expect(app.locator("#route")).to_have_text("")
    # The style the app added at run time is back, once.
    app.locator("#add-style").click()
    assert app.evaluate("el => el.shadowRoot.querySelectorAll('#dyn-style').length") == 1
    assert color(app.locator("#dyn-target")) == "rgb(0, 200, 0)"


def test_vue_todo_in_jupyterlab(notebook: NotebookFactory, page: Page) -> None:
    cell = f"todo = MicroApp({str(VUE_TODO)!r}, name='todo', sandbox='proxy')\ntodo"
    nb = notebook([IMPORT, cell])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "todo", "MOUNTED")
    check_todo_in_proxy(host(nb, 1, "todo"))
    assert page.evaluate("[typeof window.Vue, typeof window._]") == ["undefined", "undefined"]
