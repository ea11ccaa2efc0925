"""`sandbox="proxy"` on a plain page through core.js: how an app's scripts see its globals (the
fake window): top-level declarations across classic scripts, code made at run time, the
expressions that could reach the page's window, two instances side by side."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from ..servers import StaticServer
from ..test_microapp_basics import color
from .conftest import mount


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
