"""The plain-page core (static/core.js): an app with lifecycles stays loaded after unmount, as
in qiankun and single-spa, so mounting it again only calls its `mount`; `unload()` frees it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import open_core_page
from .servers import StaticServer


def realms(page: Page) -> int:
    return page.locator("iframe[data-microfrontends-realm]").count()


def test_remount_reuses_the_loaded_app_and_unload_frees_it(
    page: Page, core_page_server: StaticServer
) -> None:
    open_core_page(page, core_page_server)
    entry = f"{core_page_server.url}tests/apps/umd/"
    page.evaluate(
        "async (entry) => { window.first = await mountApp('umd-app', entry, {label: 'one'});"
        " window.firstWindow = first.window; }",
        entry,
    )
    app = page.locator('[data-microfrontends-app="umd-app"]')
    expect(app.locator("#umd-label")).to_have_text("one")

    page.evaluate("first.unmount()")
    # Off the page (its container is empty), its realm still loaded.
    expect(app).to_have_count(0)
    assert page.evaluate("first.status") == "NOT_MOUNTED"
    assert page.evaluate("firstWindow.umdCalls") == {
        "bootstrap": 1, "mount": 1, "unmount": 1, "update": 0,
    }  # fmt: skip
    assert realms(page) == 1

    page.evaluate(
        "async (entry) => { window.second = await mountApp('umd-app', entry, {label: 'two'}); }",
        entry,
    )
    expect(app.locator("#umd-label")).to_have_text("two")
    assert page.evaluate("second.window === firstWindow")
    assert page.evaluate("firstWindow.umdCalls") == {
        "bootstrap": 1, "mount": 2, "unmount": 1, "update": 0,
    }  # fmt: skip
    assert realms(page) == 1

    page.evaluate("second.unload()")
    expect(app).to_have_count(0)
    assert realms(page) == 0
    page.evaluate(
        "async (entry) => { window.third = await mountApp('umd-app', entry, {}); }", entry
    )
    expect(app.locator("#umd-mounted")).to_have_text("mounted as umd-app")
    assert page.evaluate("third.window !== firstWindow")
    assert page.evaluate("third.window.umdCalls.bootstrap") == 1


def test_an_app_without_lifecycles_is_unloaded_by_unmount(
    page: Page, core_page_server: StaticServer
) -> None:
    open_core_page(page, core_page_server)
    entry = f"{core_page_server.url}tests/apps/plain/"
    page.evaluate("async (entry) => { window.plain = await mountApp('plain', entry); }", entry)
    expect(page.locator('[data-microfrontends-app="plain"] #title')).to_have_text("Plain app")
    page.evaluate("plain.unmount()")
    assert page.evaluate("plain.status") == "NOT_LOADED"
    expect(page.locator('[data-microfrontends-app="plain"]')).to_have_count(0)
    assert realms(page) == 0


def test_a_parked_app_mounted_from_another_entry_is_replaced(
    page: Page, core_page_server: StaticServer
) -> None:
    open_core_page(page, core_page_server)
    umd = f"{core_page_server.url}tests/apps/umd/"
    page.evaluate(
        "async (entry) => { const a = await mountApp('x', entry); window.umdWindow = a.window;"
        " await a.unmount(); }",
        umd,
    )
    assert realms(page) == 1
    plain = f"{core_page_server.url}tests/apps/plain/"
    page.evaluate("async (entry) => { window.other = await mountApp('x', entry); }", plain)
    expect(page.locator('[data-microfrontends-app="x"] #title')).to_have_text("Plain app")
    assert page.evaluate("other.window !== umdWindow")
    assert realms(page) == 1


TICKER = """<p id="ticks">0</p>
<script>
  var ticks = 0;
  setInterval(function () { ticks += 1; }, 10);
  function later() { setTimeout(function () { window.late = true; }, 200); }
  window.ticker = { mount: function () {}, unmount: function () {} };
</script>"""


def test_timers_pause_while_unmounted_and_resume_on_mount(
    page: Page, core_page_server: StaticServer
) -> None:
    open_core_page(page, core_page_server)
    page.evaluate("async (html) => { window.app = await mountHtml('ticker', html); }", TICKER)
    page.wait_for_function("app.window.ticks > 3")
    page.evaluate("() => { app.window.later(); return app.unmount(); }")
    assert page.evaluate("app.status") == "NOT_MOUNTED"
    stopped_at = page.evaluate("app.window.ticks")
    page.wait_for_timeout(400)
    assert page.evaluate("[app.window.ticks, app.window.late]") == [stopped_at, None]

    page.evaluate("async (html) => { window.again = await mountHtml('ticker', html); }", TICKER)
    assert page.evaluate("again.window === app.window")
    page.wait_for_function(f"again.window.ticks > {stopped_at + 3}")
    page.wait_for_function("again.window.late === true")
