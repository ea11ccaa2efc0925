"""An unmounted app that stays loaded (parked, single-spa's NOT_MOUNTED) shows nothing outside
its DOM: its hoisted fonts leave the page's document, its listeners on the page's document stop
being called, and its GlobalState listener hears nothing (qiankun drops an unmounted app's
listener). Mounting it again puts them all back, once each. The app here exports its
lifecycles from an ES module, which is how the host finds them."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import NotebookFactory
from .microapps import expect_py
from .test_microapp_basics import expect_status, host

FONT = "data:font/woff2;base64,d09GMgABAAAAAAAA"
APP = (
    "<style>@font-face { font-family: ParkedFace; src: url(" + FONT + "); }"
    " p { font-family: ParkedFace, sans-serif; }</style>"
    """<p id="seen">none</p>
<script type="module">
  // Listens on the page's document (its elements' ownerDocument), as React DOM does.
  const page = document.body.ownerDocument;
  const calls = page.documentElement.dataset;
  page.addEventListener('parking-ping', () => {
    calls.parkingCalls = String(Number(calls.parkingCalls || 0) + 1);
  });
  let container;
  export function bootstrap(props) {
    // Subscribed once, when loaded: only parking can silence it.
    props.onGlobalStateChange((state) => {
      window.heard = (window.heard || 0) + 1;
      if (container) container.querySelector('#seen').textContent = String(state.x);
    });
  }
  export function mount(props) { container = props.container; }
  export function unmount() { container = undefined; }
</script>"""
)

FONTS = "() => [...document.fonts].filter((face) => face.family.includes('ParkedFace')).length"
PING = """() => {
  delete document.documentElement.dataset.parkingCalls;
  document.dispatchEvent(new Event('parking-ping'));
  return Number(document.documentElement.dataset.parkingCalls || 0);
}"""
REALM = "document.querySelector('iframe[data-microfrontends-realm=\"parked\"]').contentWindow"


def test_parking_takes_fonts_page_listeners_and_state_listeners_off_and_mounting_puts_them_back(
    notebook: NotebookFactory, page: Page
) -> None:
    nb = notebook(
        [
            "from microfrontends import GlobalState, MicroApp\nstate = GlobalState({'x': 1})",
            f"app = MicroApp(html={APP!r}, name='parked', state=state)\napp",
        ]
    )
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "parked", "MOUNTED")
    seen = host(nb, 1, "parked").locator("#seen")
    nb.execute("state['x'] = 2")
    expect(seen).to_have_text("2")
    assert page.evaluate(FONTS) == 1
    assert page.evaluate(PING) == 1

    nb.execute("app.unmount()")
    expect_status(nb, 1, "parked", "NOT_MOUNTED")
    expect_py(nb, "app.status", "NOT_MOUNTED")
    assert page.evaluate(f"{REALM}.heard > 0")  # still loaded: the same realm
    heard = page.evaluate(f"{REALM}.heard")
    assert page.evaluate(FONTS) == 0
    assert page.evaluate(PING) == 0
    nb.execute("state['x'] = 3")
    page.wait_for_timeout(500)
    assert page.evaluate(f"{REALM}.heard") == heard

    nb.execute("app.mount()")
    expect_status(nb, 1, "parked", "MOUNTED")
    assert page.evaluate(FONTS) == 1
    assert page.evaluate(PING) == 1
    nb.execute("state['x'] = 4")
    expect(seen).to_have_text("4")
    assert page.evaluate(f"{REALM}.heard") == heard + 1

    nb.execute("app.close()")
    page.wait_for_function(f"() => ({FONTS})() === 0")
    assert page.evaluate(PING) == 0
