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
