"""sandbox="snapshot": the app writes to the page's window, which is put back on unmount.

The conformance suite (test_conformance.py) checks the polluter in this mode; these tests
check what is particular to it: the page's own state, timers and listeners survive, the app's
state does not, one snapshot app at a time, and dynamic styles come back on remount.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from .conftest import APPS_DIR, REPO_ROOT, NotebookFactory
from .microapps import IMPORT, expect_py, expect_status, host, py
from .servers import StaticServer, start_static

APP = """<p id="out"></p>
<script>
  window.shared = 'changed by the app';
  window.appOnly = 1;
  setInterval(function () { window.appTicks = (window.appTicks || 0) + 1; }, 20);
  window.addEventListener('app-ping', function () {
    window.appPings = (window.appPings || 0) + 1;
  });
  var script = document.createElement('script');
  script.text = 'window.dynamicRan = true';
  document.head.appendChild(script);
  document.getElementById('out').textContent = 'ran';
</script>"""


@pytest.fixture
def core_page(page: Page) -> Iterator[Page]:
    server: StaticServer = start_static(REPO_ROOT, cors=True)
    page.goto(f"{server.url}tests/browser/pages/conformance.html")
    page.wait_for_function("window.pageReady === true")
    yield page
    server.stop()


def test_page_state_comes_back_and_the_pages_own_timers_and_listeners_survive(
    core_page: Page,
) -> None:
    page = core_page
    page.evaluate("() => { window.shared = 'the page value'; window.pageTicks = 0; }")
    page.evaluate(
        """async (html) => {
      window.app = await window.microfrontends.mount(document.getElementById('slot'),
        { html, name: 'snap', sandbox: 'snapshot' });
    }""",
        APP,
    )
    app = page.locator('[data-microfrontends-app="snap"]')
    expect(app.locator("#out")).to_have_text("ran")
    # It really writes to the page's window.
    seen = "[window.shared, window.appOnly, window.dynamicRan, app.window === window]"
    assert page.evaluate(seen) == ["changed by the app", 1, True, True]
    page.wait_for_function("window.appTicks > 2")
    # The app's dynamic script ran once, through the realm, without an error.
    scripts = "document.querySelectorAll('script[data-microfrontends-script]').length"
    assert page.evaluate(scripts) == 2
    log: list[str] = page.console_log  # type: ignore[attr-defined]
    assert [line for line in log if "error" in line] == []
    # The page's own timer and listener, made while the app is mounted, are not the app's.
    page.evaluate("""() => {
      window.addedByThePage = true;
      setInterval(() => { window.pageTicks += 1; }, 20);
      window.addEventListener('page-ping', () => {
        window.pagePings = (window.pagePings || 0) + 1;
      });
    }""")

    page.evaluate("app.unmount()")
    assert page.evaluate("[window.shared, 'appOnly' in window, 'appTicks' in window]") == [
        "the page value",
        False,
        False,
    ]
    assert page.evaluate("'dynamicRan' in window") is False
    # Which code set a global cannot be told: one the page added meanwhile goes too (documented).
    assert page.evaluate("'addedByThePage' in window") is False
    ticks = page.evaluate("window.pageTicks")
    page.wait_for_function(f"window.pageTicks > {ticks} + 2")  # the page's timer still runs
    assert page.evaluate("'appTicks' in window") is False  # the app's has stopped
    page.evaluate("() => ['app-ping', 'page-ping'].forEach((t) => dispatchEvent(new Event(t)))")
    assert page.evaluate("['appPings' in window, window.pagePings]") == [False, 1]
    # The page's window and document are themselves again.
    assert page.evaluate("Object.getOwnPropertyNames(document)") == ["location"]
    assert page.evaluate("document.body.contains(document.querySelector('#slot'))") is True


def test_one_snapshot_app_at_a_time_and_styles_come_back_on_remount(
    notebook: NotebookFactory, page: Page
) -> None:
    entry = str(APPS_DIR / "polluter")
    nb = notebook(
        [
            IMPORT,
            f"first = MicroApp({entry!r}, name='first', sandbox='snapshot', height=300)\nfirst",
            f"second = MicroApp({entry!r}, name='second', sandbox='snapshot', height=300)\nsecond",
        ]
    )
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "first", "MOUNTED")
    first = host(nb, 1, "first")
    expect(first.locator("#ticks")).not_to_have_text("0")
    assert page.evaluate("typeof window.ticks") == "number"

    # A second snapshot app is refused with an error naming the first, which keeps running.
    nb.run_cell(2)
    expect_status(nb, 2, "second", "LOAD_ERROR")
    second = host(nb, 2, "second")
    expect(second.get_by_text('"first" is mounted')).to_be_visible()
    expect_py(nb, "'SnapshotBusyError' in second.error", True)
    assert '"first" is mounted' in str(py(nb, "second.error"))
    expect_status(nb, 1, "first", "MOUNTED")

    # A style the app adds at run time is put back when it mounts again.
    first.locator("#add-style").click()
    expect(first.locator("#dyn-target")).to_have_css("color", "rgb(0, 200, 0)")
    nb.execute("first.unmount()")
    expect_status(nb, 1, "first", "NOT_LOADED")
    assert page.evaluate("['polluted', 'ticks', 'clickCount'].filter((k) => k in window)") == []
    nb.execute("first.mount()")
    expect_status(nb, 1, "first", "MOUNTED")
    assert first.evaluate("el => el.shadowRoot.querySelectorAll('#dyn-style').length") == 1
    first.locator("#add-style").click()
    expect(first.locator("#dyn-target")).to_have_css("color", "rgb(0, 200, 0)")

    # Once the first is unmounted, the second mounts.
    nb.execute("first.unmount()")
    expect_status(nb, 1, "first", "NOT_LOADED")
    nb.execute("second.mount()")
    expect_status(nb, 2, "second", "MOUNTED")
    expect(second.locator("#ticks")).not_to_have_text("0")
