"""An app that pollutes everything it can, in real JupyterLab: its globals, CSS, modal, fonts,
routes, timers and listeners stay in the app, and unmounting it leaves nothing behind."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from .conftest import NotebookFactory
from .microapps import (
    APPS,
    IMPORT,
    app_cell,
    expect_py,
    expect_status,
    host,
    in_realm,
    realm_frames,
    style,
)
from .notebook import Notebook

HEADING, POL, SECOND = 0, 2, 3

# What JupyterLab looks like: the page, a rendered markdown heading, its buttons.
PAGE_LOOK_JS = """() => {
  const heading = document.querySelector('.jp-RenderedMarkdown h1');
  const button = document.querySelector('button.jp-Notebook-footer');
  const toolbarButton = document.querySelector('.jp-NotebookPanel-toolbar jp-button');
  const look = (el) => {
    const s = getComputedStyle(el);
    return [s.color, s.backgroundColor, s.borderTopWidth, s.fontFamily].join(' | ');
  };
  return {
    html: look(document.documentElement),
    body: look(document.body),
    heading: look(heading),
    button: look(button),
    toolbarButton: look(toolbarButton),
    markdownCell: look(heading.closest('.jp-Cell')),
  };
}"""

# Width of the app's font probe text against the same text in plain monospace, its fallback.
FONT_WIDTHS_JS = """(host) => {
  const probe = host.shadowRoot.getElementById('font-probe');
  const range = document.createRange();
  range.selectNodeContents(probe);
  const reference = document.createElement('span');
  reference.style.cssText = `font: ${getComputedStyle(probe).fontSize} monospace;` +
    'position: absolute; white-space: nowrap';
  reference.textContent = probe.textContent;
  document.body.append(reference);
  const widths = [range.getBoundingClientRect().width, reference.getBoundingClientRect().width];
  reference.remove();
  return widths;
}"""

# Whether a page element asking for PolluterFont gets it (else it falls back to monospace).
PAGE_HAS_FONT_JS = """() => {
  const make = (family) => {
    const span = document.createElement('span');
    span.style.cssText = `font: 20px ${family}; position: absolute; white-space: nowrap`;
    span.textContent = 'Font probe: PolluterFont';
    document.body.append(span);
    return span;
  };
  const [withFont, mono] = [make("'PolluterFont', monospace"), make('monospace')];
  const differs = withFont.getBoundingClientRect().width !== mono.getBoundingClientRect().width;
  withFont.remove();
  mono.remove();
  return differs;
}"""


@dataclass
class Polluted:
    nb: Notebook
    look_before: dict[str, str]
    url_before: str


@pytest.fixture(scope="module")
def polluted(module_notebook: NotebookFactory) -> Polluted:
    nb = module_notebook(
        [
            "from IPython.display import Markdown\nMarkdown('# A JupyterLab heading')",
            IMPORT,
            app_cell("pol", APPS / "polluter", name="pol", height=400),
            app_cell("second", APPS / "second", name="second"),
        ]
    )
    nb.run_cell(HEADING)
    nb.run_cell(1)
    nb.output(HEADING).locator("h1").wait_for()
    look_before = nb.page.evaluate(PAGE_LOOK_JS)
    url_before = nb.page.url
    nb.run_cell(POL)
    nb.run_cell(SECOND)
    expect_status(nb, POL, "pol", "MOUNTED")
    expect_status(nb, SECOND, "second", "MOUNTED")
    return Polluted(nb, look_before, url_before)


def test_app_globals_stay_in_its_realm(polluted: Polluted) -> None:
    page = polluted.nb.page
    # The scripts did run, in the app's realm...
    assert in_realm(page, "pol", "[window.polluted, leakyVar, typeof ticks]") == [
        "yes",
        1,
        "number",
    ]
    assert in_realm(page, "second", "window.secondGlobal") == 2
    # ...and none of their globals reached the page or the other app.
    names = ["polluted", "leakyVar", "ticks", "resizeCount", "clickCount", "secondGlobal"]
    assert page.evaluate("(names) => names.map((n) => typeof window[n])", names) == [
        "undefined"
    ] * len(names)
    assert in_realm(page, "pol", "typeof window.secondGlobal") == "undefined"
    assert in_realm(page, "second", "typeof window.polluted") == "undefined"
    expect(realm_frames(page, "pol")).to_be_hidden()


def test_app_css_styles_the_app_and_never_jupyterlab(polluted: Polluted) -> None:
    nb = polluted.nb
    app = host(nb, POL, "pol")
    # The app's rules on html, body, h1 and button apply inside the app...
    assert style(app.locator("#polluter-title"), "color") == "rgb(255, 0, 0)"
    assert style(app.locator("#open-modal"), "backgroundColor") == "rgb(0, 128, 0)"
    assert style(app.locator("body"), "backgroundColor") == "rgb(255, 200, 200)"
    assert style(app.locator("html"), "borderTopWidth") == "4px"
    # ...not to JupyterLab, nor to the other app, whose own h1 rule stays its own.
    assert nb.page.evaluate(PAGE_LOOK_JS) == polluted.look_before
    assert style(host(nb, SECOND, "second").locator("#second-title"), "color") == "rgb(0, 0, 200)"
    heading = nb.output(HEADING).locator("h1")
    assert style(heading, "color") != "rgb(255, 0, 0)"


def test_modal_appended_to_body_stays_in_the_app_with_its_styles(polluted: Polluted) -> None:
    nb = polluted.nb
    app = host(nb, POL, "pol")
    app.locator("#open-modal").click()
    modal = app.locator("#modal")
    expect(modal).to_be_visible()
    expect(modal).to_have_text("Modal")
    assert style(modal, "color") == "rgb(1, 2, 3)"
    where = app.evaluate("""(host) => {
      const modal = host.shadowRoot.getElementById('modal');
      return [modal.getRootNode() === host.shadowRoot, modal.parentElement.localName];
    }""")
    assert where == [True, "body"]
    assert nb.page.evaluate("document.querySelectorAll('.modal, #modal').length") == 0


def test_font_face_is_hoisted_to_the_document_and_used_by_the_app(polluted: Polluted) -> None:
    nb = polluted.nb
    page = nb.page
    fonts = page.locator('head > style[data-microfrontends-fonts="pol"]')
    expect(fonts).to_have_count(1)
    assert "PolluterFont" in (fonts.text_content() or "")
    # The probe text renders in the web font, not in its monospace fallback.
    page.wait_for_function(
        f"(host) => {{ const [app, mono] = ({FONT_WIDTHS_JS})(host); return app !== mono; }}",
        arg=host(nb, POL, "pol").element_handle(),
    )


def test_hash_links_and_push_state_route_the_app_not_the_page(polluted: Polluted) -> None:
    nb = polluted.nb
    page = nb.page
    app = host(nb, POL, "pol")
    route = app.locator("#route")
    app.locator("#link-a").click()
    expect(route).to_have_text("#/a")
    app.locator("#link-b").click()
    expect(route).to_have_text("#/b")
    app.locator("#push").click()
    expect(route).to_have_text("#/pushed")
    assert in_realm(page, "pol", "location.hash") == "#/pushed"
    assert page.url == polluted.url_before
    assert page.evaluate("location.hash") == ""


def test_interval_ticks_while_mounted(polluted: Polluted) -> None:
    ticks = host(polluted.nb, POL, "pol").locator("#ticks")
    first = int(ticks.text_content() or "0")
    expect(ticks).not_to_have_text(str(first))
    assert int(ticks.text_content() or "0") > first


def test_window_resize_listener_follows_the_output(polluted: Polluted) -> None:
    nb = polluted.nb
    page = nb.page
    app = host(nb, POL, "pol")
    count = app.locator("#resize-count")

    before = int(count.text_content() or "0")
    nb.execute("pol.height = '300px'")
    expect(count).not_to_have_text(str(before))
    assert app.evaluate("el => el.clientHeight") == 300
    assert in_realm(page, "pol", "innerHeight") == 300

    before = int(count.text_content() or "0")
    viewport = page.viewport_size
    assert viewport is not None
    page.set_viewport_size({"width": viewport["width"] - 200, "height": viewport["height"]})
    try:
        expect(count).not_to_have_text(str(before))
        assert in_realm(page, "pol", "innerWidth") == app.evaluate("el => el.clientWidth")
    finally:
        page.set_viewport_size(viewport)
    expect_py(nb, "pol.status", "MOUNTED")


def test_document_click_listener_sees_clicks_in_the_app_only(polluted: Polluted) -> None:
    nb = polluted.nb
    app = host(nb, POL, "pol")
    count = app.locator("#click-count")
    before = int(count.text_content() or "0")
    app.locator("#polluter-title").click()
    expect(count).to_have_text(str(before + 1))
    # A click on JupyterLab, outside the app, is not the app's document's click.
    nb.output(HEADING).locator("h1").click()
    app.locator("#ticks").click()
    expect(count).to_have_text(str(before + 2))


def test_unmount_leaves_nothing_and_remount_restores_dynamic_styles(polluted: Polluted) -> None:
    nb = polluted.nb
    page = nb.page
    app = host(nb, POL, "pol")
    app.locator("#add-style").click()
    expect(app.locator("#dyn-target")).to_have_count(1)
    assert style(app.locator("#dyn-target"), "color") == "rgb(0, 200, 0)"
    app.locator("#open-modal").click()
    expect(app.locator("#modal")).to_have_count(1)
    # Keep the app's counters and elements reachable after its realm is gone.
    page.evaluate(
        """(host) => {
      const realm = document.querySelector('iframe[data-microfrontends-realm="pol"]').contentWindow;
      window.__polKept = { realm, ticks: host.shadowRoot.getElementById('ticks') };
    }""",
        app.element_handle(),
    )

    nb.execute("pol.unmount()")
    expect_status(nb, POL, "pol", "NOT_LOADED")
    expect_py(nb, "pol.status", "NOT_LOADED")
    expect(realm_frames(page, "pol")).to_have_count(0)
    expect(page.locator("style[data-microfrontends-fonts]")).to_have_count(0)
    assert app.evaluate(
        "h => [h.shadowRoot.querySelector('head').children.length,"
        " h.shadowRoot.querySelector('body').children.length]"
    ) == [0, 0]
    expect(app.locator("#modal")).to_have_count(0)
    expect(app.locator("#ticks")).to_have_count(0)
    # Its interval and its listeners are dead: nothing moves after a while, a click or a resize.
    frozen = "() => [window.__polKept.ticks.textContent, window.__polKept.realm.ticks]"
    ticks_then = page.evaluate(frozen)
    app.click(force=True)
    nb.execute("pol.height = '350px'")
    page.wait_for_timeout(400)
    assert page.evaluate(frozen) == ticks_then
    assert page.evaluate(PAGE_HAS_FONT_JS) is False
    assert (
        page.evaluate("[...document.fonts].filter((f) => f.family.includes('PolluterFont')).length")
        == 0
    )
    assert page.url == polluted.url_before
    assert page.evaluate(PAGE_LOOK_JS) == polluted.look_before
    assert page.evaluate("[typeof window.polluted, typeof window.leakyVar]") == [
        "undefined",
        "undefined",
    ]
    # The other app did not notice.
    expect_status(nb, SECOND, "second", "MOUNTED")

    nb.execute("pol.mount()")
    expect_status(nb, POL, "pol", "MOUNTED")
    expect_py(nb, "pol.status", "MOUNTED")
    expect(app.locator("#polluter-title")).to_have_text("Polluter app")
    expect(app.locator("#route")).to_have_text("")
    expect(app.locator("#ticks")).not_to_have_text("0")
    expect(app.locator("#modal")).to_have_count(0)
    # The style the app added while mounted is back before the app adds anything.
    assert app.evaluate("h => h.shadowRoot.querySelectorAll('#dyn-style').length") == 1
    app.locator("#add-style").click()
    assert app.evaluate("h => h.shadowRoot.querySelectorAll('#dyn-style').length") == 1
    assert style(app.locator("#dyn-target"), "color") == "rgb(0, 200, 0)"
    # Fonts, listeners and routing work again in the new realm.
    expect(page.locator('head > style[data-microfrontends-fonts="pol"]')).to_have_count(1)
    clicks = int(app.locator("#click-count").text_content() or "0")
    app.locator("#polluter-title").click()
    expect(app.locator("#click-count")).to_have_text(str(clicks + 1))
    app.locator("#link-a").click()
    expect(app.locator("#route")).to_have_text("#/a")
    assert page.url == polluted.url_before
