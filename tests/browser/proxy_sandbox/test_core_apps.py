"""`sandbox="proxy"` on a plain page through core.js: real apps in it, what unmount takes away,
and a script that fails."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from ..servers import StaticServer
from ..test_microapp_basics import color
from .conftest import check_todo_in_proxy, mount, mount_failing

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
