"""``MicroApp.logs`` and ``on_log`` in real JupyterLab: what an app wrote to its console, what it
threw and did not catch, and the files it could not load reach Python, with nothing of another
app or of the page mixed in, in every sandbox where the app's code can be told apart; and the
error panel of a broken app shows what it logged before it broke."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import NotebookFactory
from .microapps import IMPORT, MOUNT_TIMEOUT_MS, app_cell, expect_py, expect_status, host, py
from .notebook import JS_PRELUDE, Notebook
from .servers import StaticServer

# An app that logs at every level, throws when its button is clicked, leaves a rejection
# unhandled, and asks for a script and an image that do not exist.
LOGGER = """<button id="boom-{name}">boom {name}</button>
<img alt="" src="{url}no-such-image-{name}.png">
<script>
{{
  // In a block: apps in the page's window share its top-level declarations.
  console.log("hello from %s", "{name}", {{ n: 1 }});
  console.info("info from {name}");
  console.warn("careful in {name}");
  console.error(new Error("logged error in {name}"));
  console.debug("debug from {name}");
  // sandbox="none" gives the app the page's document, where its DOM is in its shadow root.
  const button = document.getElementById("boom-{name}") ?? document
    .querySelector('[data-microfrontends-app="{name}"]').shadowRoot.getElementById("boom-{name}");
  button.addEventListener("click", function throwLater() {{
    // Once loaded (a strict app fails to load when a script it adds while loading fails).
    const script = document.createElement("script");
    script.src = "{url}no-such-script-{name}.js";
    document.head.appendChild(script);
    setTimeout(function later() {{ throw new Error("later in {name}"); }}, 0);
    throw new TypeError("thrown in {name}");
  }});
  Promise.reject(new Error("rejected in {name}"));
}}
</script>"""

# Each mode, and the mode of a second app on the same page (snapshot runs one app at a time).
MODES = {
    "iframe": "iframe",
    "proxy": "proxy",
    "strict": "strict",
    "none": "none",
    "snapshot": "none",
}

ENTRIES = "[[e.level, e.kind, e.message, e.stack or ''] for e in {var}.logs]"


def logger_html(name: str, url: str) -> str:
    return LOGGER.format(name=name, url=url)


def entries(nb: Notebook, var: str) -> list[list[str]]:
    """``[level, kind, message, stack]`` of each entry of ``var.logs`` in the kernel."""
    found = py(nb, ENTRIES.format(var=var))
    assert isinstance(found, list)
    return [[str(field) for field in entry] for entry in found]


@pytest.mark.parametrize("mode", list(MODES))
def test_an_apps_console_errors_and_missing_files_reach_python(
    notebook: NotebookFactory, static_server: StaticServer, mode: str
) -> None:
    url = static_server.url
    cells = [
        IMPORT + "\nheard = []",
        # The callback is set before the app is shown: it hears the first entry.
        f"first = MicroApp(html={logger_html('first', url)!r}, name='first', sandbox={mode!r})\n"
        "first.on_log(heard.append)\nfirst",
        app_cell("second", html=logger_html("second", url), name="second", sandbox=MODES[mode]),
    ]
    nb = notebook(cells)
    for index in range(len(cells)):
        nb.run_cell(index)
    for index, name in ((1, "first"), (2, "second")):
        expect_status(nb, index, name, "MOUNTED")
    # The page's own console and errors are nobody's app's.
    nb.page.evaluate(
        "() => { console.log('the page says hi');"
        " setTimeout(() => { throw new Error('the page throws'); }, 0); }"
    )
    for index, name in ((1, "first"), (2, "second")):
        app = host(nb, index, name)
        # A strict app's document is in its frame.
        (app.frame_locator("iframe") if mode == "strict" else app).locator(f"#boom-{name}").click()
    # Everything of both apps has arrived once the last kind of entry of each has.
    for var in ("first", "second"):
        expect_py(nb, f"any('later in {var}' in e.message for e in {var}.logs)", True)
        expect_py(nb, f"any('no-such-image-{var}' in e.message for e in {var}.logs)", True)
    expect_py(nb, "any('rejected in first' in e.message for e in first.logs)", True)

    logs = entries(nb, "first")
    seen = {(level, kind, message) for level, kind, message, _ in logs}
    assert {
        ("log", "console", 'hello from first {"n":1}'),
        ("info", "console", "info from first"),
        ("warn", "console", "careful in first"),
        ("error", "console", "Error: logged error in first"),
        ("debug", "console", "debug from first"),
        ("error", "error", "Uncaught TypeError: thrown in first"),
        ("error", "rejection", "Uncaught (in promise) Error: rejected in first"),
        ("error", "error", "Uncaught Error: later in first"),
    } <= seen, json.dumps(logs, indent=1)
    stacks = {message: stack for _, _, message, stack in logs}
    assert "throwLater" in stacks["Uncaught TypeError: thrown in first"]
    assert "later" in stacks["Uncaught Error: later in first"]
    assert "rejected in first" in stacks["Uncaught (in promise) Error: rejected in first"]
    assert "logged error in first" in stacks["Error: logged error in first"]
    missing = [message for _, kind, message, _ in logs if kind == "file"]
    assert any("no-such-image-first.png" in message for message in missing), logs
    # sandbox="none" lets the script join the page's own head, where a file is the app's only
    # below the app's own folder, which inline HTML has not (README: the app's logs).
    if mode != "none":
        expect_py(nb, "any('no-such-script-first' in e.message for e in first.logs)", True)
        logs = entries(nb, "first")
        assert any("no-such-script-first.js" in message for _, _, message, _ in logs), logs
    assert len([message for _, kind, message, _ in logs if kind == "file"]) == len(
        {message for _, kind, message, _ in logs if kind == "file"}
    ), "a missing file is logged once"
    # Nothing of the other app or of the page.
    text = json.dumps(logs)
    assert "second" not in text and "the page" not in text, text
    assert "first" not in json.dumps(entries(nb, "second"))
    # The callback heard every entry, in order, as it arrived.
    assert py(nb, "[e.message for e in heard] == [e.message for e in first.logs]") is True
    # The app's console still writes to the browser's console, as before.
    console = nb.page.console_log  # type: ignore[attr-defined]
    assert any("info from first" in line for line in console), console


def test_a_broken_apps_panel_shows_its_last_log_entries(
    notebook: NotebookFactory,
) -> None:
    broken = """<script>
  console.log("starting broken");
  window.broken = {
    bootstrap: async () => {},
    mount: async () => {
      console.warn("about to fail");
      throw new Error("mount failed on purpose");
    },
    unmount: async () => {},
  };
</script>"""
    cells = [IMPORT, app_cell("broken", html=broken, name="broken")]
    nb = notebook(cells)
    for index in range(len(cells)):
        nb.run_cell(index)
    expect_status(nb, 1, "broken", "SKIP_BECAUSE_BROKEN")
    panel = host(nb, 1, "broken").locator(".microfrontends-error")
    logs = panel.locator(".microfrontends-error-logs li")
    expect(logs).to_have_text(
        ["[log] starting broken", "[warn] about to fail"], timeout=MOUNT_TIMEOUT_MS
    )
    expect(panel).to_contain_text("The app's last 2 log entries")
    expect_py(nb, "broken.logs and broken.logs[-1].kind", "failure")
    assert py(nb, "[f'{e.level} {e.message}' for e in broken.logs[:2]]") == [
        "log starting broken",
        "warn about to fail",
    ]
    assert "mount failed on purpose" in str(py(nb, "broken.logs[-1].message"))


def test_what_an_apps_event_handler_throws_is_in_its_log(notebook: NotebookFactory) -> None:
    # The runtime calls the handler and keeps the error from reaching Python's delivery.
    listener = """<script>
  window.microfrontends.on("ping", function onPing(payload) {
    throw new RangeError("handler failed on " + payload);
  });
</script>"""
    cells = [IMPORT, app_cell("listener", html=listener, name="listener")]
    nb = notebook(cells)
    for index in range(len(cells)):
        nb.run_cell(index)
    expect_status(nb, 1, "listener", "MOUNTED")
    nb.execute("listener.emit('ping', 'purpose')")
    expect_py(nb, "bool(listener.logs) and listener.logs[-1].level", "error")
    last = py(nb, "[listener.logs[-1].kind, listener.logs[-1].message, listener.logs[-1].stack]")
    assert isinstance(last, list)
    kind, message, stack = last
    assert kind == "error"
    assert (
        message == 'Uncaught RangeError: handler failed on purpose in its handler of event "ping"'
    )
    assert "onPing" in stack


def test_a_rejection_chained_on_a_kernel_served_fetch_is_the_apps(
    notebook: NotebookFactory, tmp_path: Path
) -> None:
    # fetch() of a local folder's file goes through the kernel's transport; the app's chain on
    # it must still be the app's, as on a native fetch, and so must what it leaves unhandled.
    folder = tmp_path / "fetcher"
    folder.mkdir()
    (folder / "data.json").write_text('{"rows": 3}')
    (folder / "index.html").write_text(
        """<p>fetcher</p><script>
  fetch("data.json").then((response) => response.json()).then(function useRows(data) {
    throw new Error("no use for " + data.rows + " rows");
  });
</script>"""
    )
    cells = [IMPORT, app_cell("fetcher", folder, name="fetcher")]
    nb = notebook(cells)
    for index in range(len(cells)):
        nb.run_cell(index)
    expect_status(nb, 1, "fetcher", "MOUNTED")
    expect_py(
        nb, "[e.message for e in fetcher.logs]", ["Uncaught (in promise) Error: no use for 3 rows"]
    )
    assert "useRows" in str(py(nb, "fetcher.logs[0].stack"))


# Counts, in window.mfLogMessages, the mf:logs messages the page sends to the kernel.
COUNT_LOG_MESSAGES = (
    "async ([path]) => {"
    + JS_PRELUDE
    + """
  const kernel = findPanel(path).sessionContext.session.kernel;
  window.mfLogMessages = 0;
  kernel.anyMessage.connect((_, { msg, direction }) => {
    const data = msg.content?.data?.content;
    if (direction === 'send' && msg.header.msg_type === 'comm_msg' && data?.kind === 'mf:logs') {
      window.mfLogMessages += 1;
    }
  });
}"""
)


def test_a_chatty_app_does_not_flood_the_kernel(notebook: NotebookFactory) -> None:
    chatty = """<script>
  for (let i = 0; i < 5000; i++) console.log("line " + i);
  let more = 0;
  const timer = setInterval(() => {
    console.log("tick " + more);
    if (++more === 300) clearInterval(timer);
  }, 1);
</script>"""
    cells = [IMPORT, app_cell("chatty", html=chatty, name="chatty")]
    nb = notebook(cells)
    nb.page.evaluate(COUNT_LOG_MESSAGES, [nb.path])
    for index in range(len(cells)):
        nb.run_cell(index)
    expect_status(nb, 1, "chatty", "MOUNTED")
    expect_py(nb, "bool(chatty.logs) and chatty.logs[-1].message", "tick 299")
    logs = py(nb, "[e.message for e in chatty.logs]")
    assert isinstance(logs, list) and len(logs) <= 500
    # The first batch took the burst of 5000 (and the first ticks): its last 100 entries
    # arrived, after a note of how many did not; every tick after it arrived.
    note, *rest = logs
    assert note.endswith(
        "earlier log entries of this app were dropped: it logged more than 100 in 100 ms"
    )
    dropped = int(note.split()[0])
    assert dropped >= 4900 and len(rest) == 5000 + 300 - dropped, note
    assert rest[0].startswith(("line 49", "tick ")) and rest[-1] == "tick 299", rest
    # 5300 entries in a few batches, each 100 ms at least apart: nothing like one per entry.
    sent = nb.page.evaluate("() => window.mfLogMessages")
    assert 2 <= sent <= 40, sent
