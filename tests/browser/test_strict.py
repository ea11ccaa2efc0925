"""sandbox="strict": an untrusted app behind an opaque origin, reachable only by messages."""

from __future__ import annotations

import time

from playwright.sync_api import Page, expect

from .conftest import NotebookFactory
from .microapps import expect_py
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
    nb = notebook([
        "from microfrontends import GlobalState, MicroApp\nstate = GlobalState({'n': 1})\n"
        "got = []",
        "untrusted",
    ])
    nb.run_cell(0)
    lab_url = page.url.split("/lab")[0] + "/"
    nb.execute(f"untrusted = MicroApp(html={UNTRUSTED.replace('LAB', repr(lab_url))!r}, "
               "name='untrusted', sandbox='strict', state=state)\n"
               "untrusted.on('hello', got.append)")
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
    # The frame has an opaque origin: the page cannot reach into it either.
    assert page.evaluate(
        "() => { try { return document.querySelector('[data-microfrontends-app=untrusted]')"
        ".shadowRoot.querySelector('iframe').contentDocument === null; }"
        " catch (e) { return true; } }")

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
    "strict_module": (
        '<script type="module">document.body.append("never")</script>',
        "LOAD_ERROR",
        'ES modules do not run in sandbox="strict"',
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
