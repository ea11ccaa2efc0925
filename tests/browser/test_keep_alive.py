"""keep_alive=True: unmount hides the app and keeps it running; mount shows it again."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import APPS_DIR, NotebookFactory
from .microapps import expect_py
from .test_microapp_basics import IMPORT, expect_status, host

REALM = "document.querySelector('iframe[data-microfrontends-realm=\"alive\"]')"


def test_keep_alive_hides_and_shows_the_same_running_app(
    notebook: NotebookFactory, page: Page
) -> None:
    entry = str(APPS_DIR / "polluter")
    nb = notebook([IMPORT, f"app = MicroApp({entry!r}, name='alive', keep_alive=True)\napp"])
    nb.run_cell(0)
    nb.run_cell(1)
    app = host(nb, 1, "alive")
    expect_status(nb, 1, "alive", "MOUNTED")
    app.locator("#open-modal").click()
    app.locator("#link-b").click()
    expect(app.locator("#route")).to_have_text("#/b")
    page.evaluate(f"{REALM}.contentWindow.marker = 'same realm'")

    nb.execute("app.unmount()")
    expect_status(nb, 1, "alive", "NOT_MOUNTED")
    expect(app).to_be_hidden()
    expect_py(nb, "app.status", "NOT_MOUNTED")
    ticks = int(page.evaluate(f"{REALM}.contentWindow.ticks"))
    page.wait_for_function(f"() => {REALM}.contentWindow.ticks > {ticks}")  # timers keep running

    nb.execute("app.mount()")
    expect_status(nb, 1, "alive", "MOUNTED")
    expect(app).to_be_visible()
    expect(app.locator("#modal")).to_have_text("Modal")
    expect(app.locator("#route")).to_have_text("#/b")
    assert page.evaluate(f"{REALM}.contentWindow.marker") == "same realm"

    # Switched off, unmount destroys again.
    nb.execute("app.keep_alive = False")
    nb.execute("app.unmount()")
    expect_status(nb, 1, "alive", "NOT_LOADED")
    expect(page.locator('iframe[data-microfrontends-realm="alive"]')).to_have_count(0)


TICKER = """<p id="ticks">0</p>
<script>
  var ticks = 0;
  setInterval(function () { ticks += 1; }, 10);
  window.ticker = {
    mount: function (props) { props.container.querySelector('#ticks').textContent = 'mounted'; },
    unmount: function (props) { props.container.querySelector('#ticks').textContent = 'off'; },
  };
</script>"""


def test_an_app_with_lifecycles_stays_loaded_with_its_timers_paused(
    notebook: NotebookFactory, page: Page
) -> None:
    nb = notebook([IMPORT, f"t = MicroApp(html={TICKER!r}, name='ticker')\nt"])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "ticker", "MOUNTED")
    realm = "document.querySelector('iframe[data-microfrontends-realm=\"ticker\"]').contentWindow"
    page.wait_for_function(f"{realm}.ticks > 3")

    nb.execute("t.unmount()")
    expect_status(nb, 1, "ticker", "NOT_MOUNTED")
    expect_py(nb, "t.status", "NOT_MOUNTED")
    expect(host(nb, 1, "ticker").locator("#ticks")).to_have_count(0)
    stopped_at = page.evaluate(f"{realm}.ticks")
    page.wait_for_timeout(300)
    assert page.evaluate(f"{realm}.ticks") == stopped_at

    nb.execute("t.mount()")
    expect_status(nb, 1, "ticker", "MOUNTED")
    expect(host(nb, 1, "ticker").locator("#ticks")).to_have_text("mounted")
    page.wait_for_function(f"{realm}.ticks > {stopped_at + 3}")
