"""Big state values, big events and bursts between the kernel and apps, in a real JupyterLab.

The Jupyter server closes a kernel websocket that receives a message over 10 MiB; before
chunking, such a value never reached Python and nobody heard of it.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import NotebookFactory
from .microapps import expect_py, host, py
from .notebook import Notebook

MiB = 2**20
LIMIT_MIB = 128

# Shows the size of state.big and of the last "big" event; keeps them for the test to hash.
PROBE = """
<p id="size">none</p><p id="event">none</p><p id="keys"></p>
<script>
  var mf = window.microfrontends;
  mf.onGlobalStateChange(function (state) {
    document.getElementById('keys').textContent = Object.keys(state).sort().join(',');
    if (typeof state.big === 'string' && state.big !== window.big) {
      window.big = state.big;
      document.getElementById('size').textContent = String(state.big.length);
    }
  }, true);
  mf.on('big', function (payload) {
    window.bigEvent = payload;
    document.getElementById('event').textContent = String(payload.length);
  });
</script>"""

SETUP = f"""
import hashlib
from microfrontends import GlobalState, MicroApp
PROBE = {PROBE!r}
state = GlobalState({{'x': 0}})
seen = []
state.observe(lambda change: seen.append(change.origin))
got = []

def sha(text):
    return hashlib.sha256(text.encode()).hexdigest()

def text_of(size):
    # Varied, with multi-byte characters, so that chunks cut through characters and a chunk
    # out of place changes the hash.
    block = ''.join(chr(0x20 + (i * 7) % 90) for i in range(1000)) + 'é€😀'
    count = size // len(block.encode()) + 1
    return ''.join(f'{{i:08x}}{{block}}' for i in range(count))[:size]
"""

REALM = "document.querySelector('iframe[data-microfrontends-realm=\"{}\"]').contentWindow"

# Builds a varied text of about `mib` MiB in app `name`'s realm; returns [its UTF-8 size, sha256].
MAKE_TEXT_JS = """async ([name, mib]) => {
  const realm = document.querySelector(`iframe[data-microfrontends-realm="${name}"]`).contentWindow;
  let block = '';
  for (let i = 0; i < 1000; i++) block += String.fromCharCode(0x20 + (i * 7) % 90);
  block += 'é€😀';
  const parts = [];
  const count = Math.ceil((mib * 1048576) / (block.length + 8));
  for (let i = 0; i < count; i++) parts.push(i.toString(16).padStart(8, '0') + block);
  realm.bigText = parts.join('');
  const bytes = new TextEncoder().encode(realm.bigText);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [bytes.length, [...digest].map((b) => b.toString(16).padStart(2, '0')).join('')];
}"""

# [UTF-8 size, sha256] of `expression` evaluated in app `name`'s realm.
DIGEST_JS = """async ([name, expression]) => {
  const realm = document.querySelector(`iframe[data-microfrontends-realm="${name}"]`).contentWindow;
  const bytes = new TextEncoder().encode(realm.eval(expression));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [bytes.length, [...digest].map((b) => b.toString(16).padStart(2, '0')).join('')];
}"""


@pytest.fixture
def two_apps(notebook: NotebookFactory) -> Notebook:
    nb = notebook(
        [
            SETUP,
            "a = MicroApp(html=PROBE, name='a', state=state)\na",
            "b = MicroApp(html=PROBE, name='b', state=state)\nb",
        ]
    )
    for index in range(3):
        nb.run_cell(index)
    for index, name in enumerate("ab", start=1):
        expect(host(nb, index, name)).to_have_attribute(
            "data-microfrontends-status", "MOUNTED", timeout=30_000
        )
    return nb


def in_app(page: Page, name: str, code: str) -> object:
    return page.evaluate(f"() => {REALM.format(name)}.eval({code!r})")


def app_sets_big_value(nb: Notebook, page: Page, mib: int, timeout: float) -> None:
    size, digest = page.evaluate(MAKE_TEXT_JS, ["a", mib])
    assert size > mib * MiB
    in_app(page, "a", "microfrontends.setGlobalState({ big: bigText }), 0")
    # The other app sees it at once; Python gets it whole, as one change by app a.
    expect(host(nb, 2, "b").locator("#size")).to_have_text(
        str(in_app(page, "a", "bigText.length")), timeout=timeout * 1000
    )
    expect_py(nb, "len(state.get('big', '').encode())", size, timeout=timeout)
    assert py(nb, "sha(state['big'])") == digest
    assert py(nb, "seen") == ["a"]
    assert page.evaluate(DIGEST_JS, ["b", "microfrontends.getGlobalState().big"]) == [size, digest]


def test_an_apps_16_mib_value_reaches_python_and_other_apps(two_apps: Notebook, page: Page) -> None:
    app_sets_big_value(two_apps, page, 16, timeout=60)


def test_an_apps_64_mib_value_reaches_python(two_apps: Notebook, page: Page) -> None:
    app_sets_big_value(two_apps, page, 64, timeout=120)


def test_a_16_mib_value_from_python_reaches_the_apps(two_apps: Notebook, page: Page) -> None:
    nb = two_apps
    nb.execute("state['big'] = text_of(16 * 2**20 + 5)")
    length = py(nb, "len(state['big'].encode('utf-16-le')) // 2")  # JavaScript's length
    for index, name in enumerate("ab", start=1):
        expect(host(nb, index, name).locator("#size")).to_have_text(str(length), timeout=60_000)
        assert page.evaluate(DIGEST_JS, [name, "window.big"]) == py(
            nb, "[len(state['big'].encode()), sha(state['big'])]"
        )


def test_16_mib_events_both_ways(two_apps: Notebook, page: Page) -> None:
    nb = two_apps
    nb.execute("a.on('big', got.append)")
    size, digest = page.evaluate(MAKE_TEXT_JS, ["a", 16])
    in_app(page, "a", "microfrontends.emit('big', bigText), 0")
    expect_py(nb, "len(got)", 1, timeout=60)
    assert py(nb, "[len(got[0].encode()), sha(got[0])]") == [size, digest]

    nb.execute("b.emit('big', text_of(16 * 2**20 + 3))")
    length = py(nb, "len(text_of(16 * 2**20 + 3).encode('utf-16-le')) // 2")
    expect(host(nb, 2, "b").locator("#event")).to_have_text(str(length), timeout=60_000)
    assert page.evaluate(DIGEST_JS, ["b", "window.bigEvent"]) == py(
        nb, "[len(text_of(16 * 2**20 + 3).encode()), sha(text_of(16 * 2**20 + 3))]"
    )


def test_values_past_the_limit_are_refused_at_the_writer(two_apps: Notebook, page: Page) -> None:
    nb = two_apps
    errors = page.evaluate(f"""() => {{
      const mf = {REALM.format("a")}.microfrontends;
      const big = 'x'.repeat({LIMIT_MIB} * 1048576);
      const errors = [];
      const record = (e) => errors.push(e.constructor.name + ': ' + e.message);
      try {{ mf.setGlobalState({{ big }}); }} catch (e) {{ record(e); }}
      try {{ mf.emit('big', big); }} catch (e) {{ record(e); }}
      return errors;
    }}""")
    assert len(errors) == 2
    for error in errors:
        assert error.startswith("RangeError: ") and f"limit of {LIMIT_MIB} MiB" in error
    assert "setGlobalState(patch)" in errors[0]
    assert 'the payload of event "big"' in errors[1]
    # Nothing was applied: not in the writer, not in the other app, not in Python.
    for index, name in enumerate("ab", start=1):
        expect(host(nb, index, name).locator("#keys")).to_have_text("x")
    assert py(nb, "sorted(state)") == ["x"]

    result = nb.execute(
        "too_big = 'y' * (128 * 2**20)\n"
        "messages = []\n"
        "for write in (lambda: state.__setitem__('big', too_big),\n"
        "              lambda: state.update(big=too_big), lambda: a.emit('big', too_big)):\n"
        "    try:\n"
        "        write()\n"
        "    except ValueError as error:\n"
        "        messages.append(str(error))\n"
        "del too_big",
        {"messages": "messages", "keys": "sorted(state)"},
    )
    assert result["keys"] == ["x"]
    messages = result["messages"]
    assert len(messages) == 3
    assert all(f"limit of {LIMIT_MIB} MiB" in message for message in messages)
    assert messages[0].startswith("state['big'] is ")
    assert messages[2].startswith("the payload of event 'big' is ")
    nb.execute("state['after'] = 1")
    for index, name in enumerate("ab", start=1):
        expect(host(nb, index, name).locator("#keys")).to_have_text("after,x")
        expect(host(nb, index, name).locator("#size")).to_have_text("none")
    expect(host(nb, 1, "a").locator("#event")).to_have_text("none")


def test_a_million_emits_in_one_tick_reach_python_in_order(two_apps: Notebook, page: Page) -> None:
    nb = two_apps
    nb.execute("a.on('n', got.append)")
    in_app(page, "a", "for (let i = 0; i < 1000000; i++) microfrontends.emit('n', { i }); 0")
    expect_py(nb, "len(got)", 1_000_000, timeout=180)
    assert py(nb, "[got[0], got[-1]]") == [{"i": 0}, {"i": 999_999}]
    assert py(nb, "all(event['i'] == i for i, event in enumerate(got))") is True


# A strict app (opaque origin) keeps its own copy of the state: it must refuse at the call too.
STRICT_PROBE = """<p id="keys"></p><p id="error"></p><button id="big">big</button>
<script>
  var mf = window.microfrontends;
  mf.onGlobalStateChange(function (state) {
    document.getElementById('keys').textContent = Object.keys(state).sort().join(',');
  }, true);
  document.getElementById('big').addEventListener('click', function () {
    try { mf.setGlobalState({ big: 'x'.repeat(128 * 1048576) }); }
    catch (e) { document.getElementById('error').textContent = e.name + ': ' + e.message; }
    document.getElementById('keys').textContent = Object.keys(mf.getGlobalState()).sort().join(',');
  });
</script>"""


def test_a_strict_apps_value_past_the_limit_is_refused_in_its_frame(
    notebook: NotebookFactory, page: Page
) -> None:
    nb = notebook(
        [
            SETUP,
            f"s = MicroApp(html={STRICT_PROBE!r}, name='s', sandbox='strict', state=state)\ns",
        ]
    )
    nb.run_cell(0)
    nb.run_cell(1)
    app = page.frame_locator('iframe[data-microfrontends-strict="s"]')
    expect(app.locator("#keys")).to_have_text("x", timeout=30_000)
    app.locator("#big").click()
    expect(app.locator("#error")).to_contain_text(
        "RangeError: setGlobalState(patch) is ", timeout=30_000
    )
    expect(app.locator("#error")).to_contain_text(f"limit of {LIMIT_MIB} MiB")
    expect(app.locator("#keys")).to_have_text("x")
    assert py(nb, "sorted(state)") == ["x"]
