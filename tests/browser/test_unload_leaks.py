"""What an unloaded app leaves on a plain page (core.js): nothing of its own that the page still
calls. A React app's elements live in the page's shadow root, so their `ownerDocument` is the
page's document: React DOM puts its `selectionchange` listener there, and so does the test app
(tests/apps/react-app), with one for `react-app-ping`. Unloading must take them off."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import open_core_page
from .servers import StaticServer
from .test_core_remount import realms

APP = "tests/apps/react-app/dist/"


def page_listeners(page: Page, event: str) -> int:
    """How many `event` listeners the page's document holds, as the browser counts them."""
    cdp = page.context.new_cdp_session(page)
    try:
        document = cdp.send("Runtime.evaluate", {"expression": "document"})["result"]
        found = cdp.send("DOMDebugger.getEventListeners", {"objectId": document["objectId"]})
        return sum(1 for listener in found["listeners"] if listener["type"] == event)
    finally:
        cdp.detach()


def calls_on_page_events(page: Page) -> int:
    """Fires `selectionchange` and `react-app-ping` on the page's document: the app's calls."""
    return page.evaluate(
        """() => {
          delete document.documentElement.dataset.reactAppCalls;
          document.dispatchEvent(new Event('selectionchange'));
          document.dispatchEvent(new Event('react-app-ping'));
          return Number(document.documentElement.dataset.reactAppCalls || 0);
        }"""
    )


def test_unload_removes_the_listeners_an_app_added_to_the_page_document(
    page: Page, core_page_server: StaticServer
) -> None:
    open_core_page(page, core_page_server)
    idle = page_listeners(page, "selectionchange")
    button = page.locator('[data-microfrontends-app="react"] #react-button')
    for _ in range(2):
        page.evaluate(
            "async (entry) => { window.app = await mountApp('react', entry); }",
            f"{core_page_server.url}{APP}",
        )
        button.click()
        expect(button).to_have_text("clicked 1")
        # React's listener and the app's own, each called once per event.
        assert page_listeners(page, "selectionchange") == idle + 2
        assert calls_on_page_events(page) == 2

        page.evaluate("app.unload()")
        expect(button).to_have_count(0)
        assert realms(page) == 0
        assert calls_on_page_events(page) == 0
        assert page_listeners(page, "selectionchange") == idle


COUNTER = """<p id="runs"></p>
<script>
  var runs = (window.runs || 0) + 1;
  document.getElementById('runs').textContent = 'runs: ' + runs;
</script>"""


def test_unmount_unloads_an_app_without_lifecycles_and_a_remount_runs_it_afresh(
    page: Page, core_page_server: StaticServer
) -> None:
    open_core_page(page, core_page_server)
    runs = page.locator('[data-microfrontends-app="counter"] #runs')
    for _ in range(2):
        page.evaluate("async (html) => { window.app = await mountHtml('counter', html); }", COUNTER)
        expect(runs).to_have_text("runs: 1")
        assert realms(page) == 1
        page.evaluate("app.unmount()")
        expect(runs).to_have_count(0)
        assert page.evaluate("app.status") == "NOT_LOADED"
        assert realms(page) == 0


ANGULAR = "examples/frameworks/angular/dist/"

# The app's `mount` needs the qiankun-style state functions (examples/frameworks/shared/host.js).
MOUNT_ANGULAR = """async (entry) => {
  const props = { onGlobalStateChange() {}, setGlobalState() {}, offGlobalStateChange() {} };
  window.app = await mountApp('angular', entry, props);
}"""

# The names on the page's `HTMLElement.prototype` and `Element.prototype` whose functions are
# not the browser's own, but for the runtime's own `attachShadow` (a custom element's shadow
# root stays in the app's registry: js/patches/custom-elements.ts).
PATCHED_ON_PAGE = """() => [HTMLElement, Element].flatMap((type) =>
  Object.entries(Object.getOwnPropertyDescriptors(type.prototype))
    .filter(([, d]) => [d.get, d.set, d.value].some((f) => typeof f === 'function'
      && !Function.prototype.toString.call(f).includes('[native code]')))
    .map(([name]) => `${type.name}.${name}`))
  .filter((name) => name !== 'Element.attachShadow')"""


def test_an_app_that_patches_html_element_leaves_the_pages_prototype_alone(
    page: Page, core_page_server: StaticServer
) -> None:
    """zone.js (Angular) wraps the `on*` properties of `HTMLElement.prototype`. The realm's
    `HTMLElement` is the page's (custom elements extend it); its prototype must not be, or the
    app wraps every element of the page, and once unloaded, its realm stays alive through them."""
    open_core_page(page, core_page_server)
    button = page.locator('[data-microfrontends-app="angular"] [data-testid="counter"]')
    page.evaluate(MOUNT_ANGULAR, f"{core_page_server.url}{ANGULAR}")
    button.click()
    expect(button).to_have_text("clicks: 1")
    assert page.evaluate(PATCHED_ON_PAGE) == []
    page.evaluate("app.unload()")
    expect(button).to_have_count(0)
    assert page.evaluate(PATCHED_ON_PAGE) == []
