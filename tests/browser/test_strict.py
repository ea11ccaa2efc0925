"""sandbox="strict": an untrusted app behind an opaque origin, reachable only by messages."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import NotebookFactory
from .microapps import APPS, IMPORT, app_cell, check_vite_app, expect_py
from .servers import StaticServer
from .test_microapp_basics import expect_status, host, python

UNTRUSTED = """
<h3 id="title" style="color: rgb(9, 9, 9)">untrusted</h3>
<p id="state"></p><p id="events"></p><pre id="probe"></pre>
<button id="write">write</button>
<script>
  var mf = window.microfrontends;
  var out = {};
  function attempt(key, read) {
    try { out[key] = 'read: ' + read(); } catch (e) { out[key] = e.name; }
  }
  attempt('cookie', function () { return document.cookie; });
  attempt('parentDocument', function () { return window.parent.document.title; });
  attempt('localStorage', function () { return window.localStorage.length; });
  out.origin = window.origin;
  mf.onGlobalStateChange(function (state) {
    document.getElementById('state').textContent = JSON.stringify(state);
  }, true);
  mf.on('ping', function (payload) {
    document.getElementById('events').textContent += payload + ';';
  });
  document.getElementById('write').addEventListener('click', function () {
    mf.setGlobalState({ fromStrict: 'yes' });
    mf.emit('hello', { from: 'strict' });
  });
  Promise.all(['api/contents', 'api/kernels'].map(function (path) {
    return fetch(new URL(path, LAB).href, { credentials: 'include' })
      .then(function (r) { return path + ': HTTP ' + r.status; },
            function (e) { return path + ': ' + e.name; });
  })).then(function (results) {
    out.api = results;
    document.getElementById('probe').textContent = JSON.stringify(out);
  });
</script>"""


def frame(page: Page):
    return page.frame_locator('iframe[data-microfrontends-strict="untrusted"]')


def test_strict_app_works_through_messages_only(notebook: NotebookFactory, page: Page) -> None:
    nb = notebook(
        [
            "from microfrontends import GlobalState, MicroApp\nstate = GlobalState({'n': 1})\n"
            "got = []",
            "untrusted",
        ]
    )
    nb.run_cell(0)
    lab_url = page.url.split("/lab")[0] + "/"
    nb.execute(
        f"untrusted = MicroApp(html={UNTRUSTED.replace('LAB', repr(lab_url))!r}, "
        "name='untrusted', sandbox='strict', state=state)\n"
        "untrusted.on('hello', got.append)"
    )
    nb.run_cell(1)
    expect_status(nb, 1, "untrusted", "MOUNTED")
    app = frame(page)
    expect(app.locator("#title")).to_have_text("untrusted")
    expect(app.locator("#state")).to_have_text('{"n":1}')

    nb.execute("state['n'] = 2")
    expect(app.locator("#state")).to_have_text('{"n":2}')
    app.locator("#write").click()
    deadline = time.monotonic() + 10
    while python(nb, "got") != [{"from": "strict"}]:
        assert time.monotonic() < deadline, "the strict app's event never reached Python"
        time.sleep(0.05)
    assert python(nb, "state['fromStrict']") == "yes"
    nb.execute("untrusted.emit('ping', 'pong')")
    expect(app.locator("#events")).to_have_text("pong;")

    # What the app could reach of the page and the server: nothing.
    expect(app.locator("#probe")).not_to_be_empty()
    probe = app.locator("#probe").text_content() or ""
    assert '"cookie":"SecurityError"' in probe
    assert '"parentDocument":"SecurityError"' in probe
    assert '"localStorage":"SecurityError"' in probe
    assert '"origin":"null"' in probe
    assert "api/contents: HTTP 200" not in probe and "api/kernels: HTTP 200" not in probe
    # The frame has an opaque origin: the page cannot reach into it either. A cross-origin
    # frame's contentDocument is null and reading its window's document throws SecurityError.
    assert page.evaluate("""() => {
      const strict = document.querySelector('[data-microfrontends-app=untrusted]')
        .shadowRoot.querySelector('iframe');
      let read = 'no error';
      try { read = typeof strict.contentWindow.document; } catch (e) { read = e.name; }
      return [strict.contentDocument, read, strict.sandbox.contains('allow-same-origin')];
    }""") == [None, "SecurityError", False]

    # Forged messages: from the page itself and from another frame, with the right shape
    # and even the right token, are ignored.
    page.evaluate("""() => {
      const strict = document.querySelector('[data-microfrontends-app=untrusted]')
        .shadowRoot.querySelector('iframe');
      const token = strict.srcdoc.match(/"channel":"([^"]+)"/)[1];
      const forged = { mf: 'microfrontends-strict', channel: token, type: 'setState',
                       patch: { forged: true } };
      window.postMessage(forged, '*');
      const other = document.createElement('iframe');
      other.setAttribute('sandbox', 'allow-scripts');
      other.srcdoc = '<script>parent.postMessage(' + JSON.stringify(forged) + ', "*")</script>';
      document.body.append(other);
    }""")
    page.wait_for_timeout(1000)
    assert python(nb, "'forged' in state") is False
    expect(app.locator("#state")).not_to_contain_text("forged")


BROKEN_STRICT_APPS = {
    "strict_missing_module": (
        '<script type="module">import "./no-such-module.js";</script>',
        "LOAD_ERROR",
        "an inline module or a module it imports could not be loaded",
    ),
    "strict_throws": (
        "<script>throw new Error('broken on purpose')</script>",
        "LOAD_ERROR",
        "broken on purpose",
    ),
    "strict_mount_fails": (
        "<script>window.strict_mount_fails = {"
        " bootstrap: function () { return Promise.resolve(); },"
        " mount: function () { return Promise.reject(new Error('mount failed on purpose')); },"
        " unmount: function () { return Promise.resolve(); } };</script>",
        "SKIP_BECAUSE_BROKEN",
        "mount failed on purpose",
    ),
}


def test_a_broken_strict_app_shows_why_and_the_others_go_on(
    notebook: NotebookFactory, page: Page
) -> None:
    names = list(BROKEN_STRICT_APPS)
    nb = notebook(["from microfrontends import MicroApp", *names, "fine"])
    nb.run_cell(0)
    for index, name in enumerate(names, start=1):
        html = BROKEN_STRICT_APPS[name][0]
        nb.execute(f"{name} = MicroApp(html={html!r}, name={name!r}, sandbox='strict')")
        nb.run_cell(index)
    nb.execute("fine = MicroApp(html='<p id=\"ok\">fine</p>', name='fine', sandbox='strict')")
    nb.run_cell(len(names) + 1)
    expect_status(nb, len(names) + 1, "fine", "MOUNTED")
    for index, (name, (_, status, message)) in enumerate(BROKEN_STRICT_APPS.items(), start=1):
        expect_status(nb, index, name, status)
        expect_py(nb, f"{message!r} in {name}.error", True)
        expect(host(nb, index, name).locator(".microfrontends-error-message")).to_contain_text(
            message
        )


# An untrusted app from a local folder that reads its frame's channel token from the page
# source and asks the host for files outside its folder, and for one of its own.
FOLDER_PROBE = """<link rel="stylesheet" href="style.css">
<img id="logo" src="dot.svg" width="24" height="24"><img id="set" srcset="dot.svg 2x" alt="">
<div id="box"></div><div id="late"></div>
<pre id="asked"></pre><p id="lazy"></p><p id="lazy-module"></p><div id="attr"></div>
<script>
  // Run-time scripts, as webpack loads its chunks, and a stylesheet linked by setAttribute.
  var script = document.createElement('script');
  script.src = 'lazy.js';
  script.onload = function () { document.getElementById('lazy').dataset.loaded = 'yes'; };
  document.head.appendChild(script);
  // Before a script that is still on its way (as loaders that keep their order do).
  var marker = document.createElement('meta');
  document.head.insertBefore(marker, script);
  document.getElementById('lazy').dataset.before = String(marker.nextSibling !== null);
  var missing = document.createElement('script');
  missing.src = 'no-such-chunk.js';
  missing.onerror = function () { document.getElementById('lazy').dataset.missing = 'error'; };
  document.head.appendChild(missing);
  var module = document.createElement('script');
  module.type = 'module';
  module.setAttribute('src', 'lazy-module.js');
  document.body.append(module);
  var byAttribute = document.createElement('link');
  byAttribute.setAttribute('rel', 'stylesheet');
  byAttribute.setAttribute('href', 'attr.css');
  document.head.appendChild(byAttribute);
  var link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = 'late.css';
  link.onload = function () { document.getElementById('late').dataset.loaded = 'yes'; };
  document.head.appendChild(link);
  var token = /"channel":"([^"]+)"/.exec(document.documentElement.innerHTML)[1];
  var own = new URL('dot.svg', document.baseURI).href;
  var asked = {
    runtime: new URL('/_runtime/strict.js', own).href,
    up: own.replace('dot.svg', '../x/index.html'),
    own: own,
  };
  var answers = {};
  window.addEventListener('message', function (event) {
    var m = event.data;
    if (!m || m.type !== 'file' || typeof m.id !== 'string') return;
    answers[m.id] = m.error || ('bytes ' + m.bytes.length);
    document.getElementById('asked').textContent = JSON.stringify(answers);
  });
  Object.keys(asked).forEach(function (id) {
    parent.postMessage({ mf: 'microfrontends-strict', channel: token, type: 'fetch', id: id,
                         url: asked[id] }, '*');
  });
</script>"""


@pytest.mark.parametrize("source", ["http", "folder"])
def test_vite_app_runs_its_es_modules_in_the_strict_frame(
    notebook: NotebookFactory, page: Page, static_server: StaticServer, source: str
) -> None:
    """Over http, the frame loads the app's ES modules itself, as a page would (with CORS,
    from its opaque origin), with the host's import map as its own. From a local folder,
    which only the page can get from the kernel, the frame asks the host for each file and
    runs the modules through es-module-lexer and blob URLs of its own."""
    entry = (f"{static_server.url}vite-app/dist/" if source == "http"
             else APPS / "vite-app" / "dist")  # fmt: skip
    nb = notebook([
        IMPORT,
        app_cell("strict_vite", entry, name="vite-strict", sandbox="strict", height=320,
                 import_map={"imports": {"shared-lib": "./shared-lib.js"}}),
    ])  # fmt: skip
    for index in range(2):
        nb.run_cell(index)
    expect_status(nb, 1, "vite-strict", "MOUNTED")
    app = page.frame_locator('iframe[data-microfrontends-strict="vite-strict"]')
    check_vite_app(app)
    expect(app.locator("#vite-id")).to_have_text("id length 21")  # nanoid, from npm
    # import() of a specifier computed at run time, whose modules import each other.
    expect(app.locator("#vite-late")).to_have_text("LATE MODULE FROM THE IMPORT MAP aA")
    # The modules ran behind the opaque origin, once, and wrote nothing to the page.
    assert app.locator("html").evaluate("() => [window.origin, window.viteEntryRuns]") == [
        "null",
        1,
    ]
    assert page.evaluate("() => typeof window.viteAppGlobal") == "undefined"


def test_a_strict_app_from_a_folder_gets_its_own_files_only(
    notebook: NotebookFactory, page: Page, tmp_path: Path
) -> None:
    folder = tmp_path / "probe"
    folder.mkdir()
    (folder / "index.html").write_text(FOLDER_PROBE)
    (folder / "style.css").write_text("#box { height: 24px; background-image: url(dot.svg) }")
    (folder / "late.css").write_text("#late { height: 24px; background-image: url(dot.svg) }")
    (folder / "attr.css").write_text("#attr { height: 12px; background-color: rgb(1, 2, 3) }")
    (folder / "lazy.js").write_text(
        "document.getElementById('lazy').textContent = 'lazy ' + typeof window.microfrontends;"
    )
    (folder / "lazy-module.js").write_text(
        "import { word } from './word.js';\n"
        "document.getElementById('lazy-module').textContent = 'module ' + word;\n"
    )
    (folder / "word.js").write_text("export const word = 'imported';\n")
    shutil.copy(APPS / "plain" / "img" / "dot.svg", folder / "dot.svg")
    broken = tmp_path / "broken-modules"
    broken.mkdir()
    (broken / "index.html").write_text('<p>x</p><script type="module" src="main.js"></script>')
    (broken / "main.js").write_text('import "./no-such-module.js";\n')
    nb = notebook([
        IMPORT,
        app_cell("probe", folder, name="folder-probe", sandbox="strict"),
        app_cell("broken", broken, name="broken-modules", sandbox="strict"),
    ])  # fmt: skip
    for index in range(3):
        nb.run_cell(index)
    # A module the folder lacks: the app fails to load, naming it.
    expect_status(nb, 2, "broken-modules", "LOAD_ERROR")
    panel = host(nb, 2, "broken-modules").locator(".microfrontends-error-message")
    expect(panel).to_contain_text("no-such-module.js")
    expect_py(nb, "'no-such-module.js' in broken.error", True)
    expect_status(nb, 1, "folder-probe", "MOUNTED")
    app = page.frame_locator('iframe[data-microfrontends-strict="folder-probe"]')
    # The image in its markup, a file the kernel serves, loads in the frame, and the frame
    # never asked the network for the kernel's URL, which no network resolves.
    expect(app.locator("#logo")).to_have_js_property("naturalWidth", 24)
    # Its srcset candidate too, with its descriptor: a 24px image at 2x is 12px wide.
    expect(app.locator("#set")).to_have_js_property("naturalWidth", 12)
    assert app.locator("#set").evaluate("img => img.currentSrc").startswith("blob:null/")
    assert not [line for line in page.console_log if "ERR_NAME_NOT_RESOLVED" in line]
    # Scripts its code adds run (a classic one, a module with its import), or fail as scripts do.
    expect(app.locator("#lazy[data-loaded=yes]")).to_have_text("lazy object")
    expect(app.locator("#lazy")).to_have_attribute("data-before", "true")
    expect(app.locator("#lazy[data-missing=error]")).to_be_attached()
    expect(app.locator("#lazy-module")).to_have_text("module imported")
    expect(app.locator("#attr")).to_have_css("background-color", "rgb(1, 2, 3)")
    # An image its CSS names reaches the frame as a data URL of the file.
    background = app.locator("#box").evaluate("el => getComputedStyle(el).backgroundImage")
    assert background.startswith('url("data:image/svg+xml;base64,'), background
    # A stylesheet its code links later, and the image that one names: blob URLs of the frame.
    late = app.locator("#late[data-loaded=yes]")
    expect(late).to_have_css("height", "24px")
    background = late.evaluate("el => getComputedStyle(el).backgroundImage")
    assert background.startswith('url("blob:null/'), background
    asked = app.locator("#asked")
    expect(asked).to_contain_text('"own":"bytes')
    answers = json.loads(asked.text_content() or "{}")
    assert answers["runtime"].endswith("is not a file of this app"), answers
    assert answers["up"].endswith("is not a file of this app"), answers
