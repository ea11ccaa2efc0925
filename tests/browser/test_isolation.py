"""An app that pollutes everything it can, in real JupyterLab: contained, then cleaned up."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import APPS_DIR, NotebookFactory
from .test_microapp_basics import IMPORT, color, expect_status, host

FONT_LOADED = """() => [...document.fonts].some(
  (f) => f.family.replace(/['"]/g, '') === 'PolluterFont' && f.status === 'loaded')"""
PAGE_LOOK = """() => {
  const heading = document.querySelector('.jp-RenderedMarkdown h1');
  const button = [...document.querySelectorAll('button')].find((b) => !b.closest('.jp-OutputArea'));
  return {
    body: getComputedStyle(document.body).backgroundColor,
    htmlBorder: getComputedStyle(document.documentElement).borderTopWidth,
    heading: getComputedStyle(heading).color,
    button: getComputedStyle(button).backgroundColor,
  };
}"""


def test_polluter_is_contained_and_leaves_nothing(notebook: NotebookFactory, page: Page) -> None:
    entry = str(APPS_DIR / "polluter")
    nb = notebook(
        [
            "from IPython.display import Markdown\nMarkdown('# A JupyterLab heading')",
            IMPORT,
            f"pol = MicroApp({entry!r}, name='pol', height=400)\npol",
        ]
    )
    nb.run_cell(0)
    nb.run_cell(1)
    page_url = page.url
    look_before = page.evaluate(PAGE_LOOK)
    nb.run_cell(2)
    expect_status(nb, 2, "pol", "MOUNTED")
    app = host(nb, 2, "pol")

    # The app's CSS styles the app and nothing of JupyterLab's.
    assert color(app.locator("#polluter-title")) == "rgb(255, 0, 0)"
    assert (
        app.locator("#open-modal").evaluate("b => getComputedStyle(b).backgroundColor")
        == "rgb(0, 128, 0)"
    )
    assert page.evaluate(PAGE_LOOK) == look_before
    # Its globals stay in its realm.
    assert page.evaluate(
        "[typeof window.polluted, typeof window.leakyVar, typeof window.ticks]"
    ) == ["undefined", "undefined", "undefined"]
    # It renders in an open shadow root of its host (typeof null is "object" too: ask for one).
    assert app.evaluate(
        "el => [el.shadowRoot instanceof ShadowRoot, el.shadowRoot?.mode,"
        " !!el.shadowRoot?.getElementById('polluter-title')]"
    ) == [True, "open", True]

    # A modal appended to document.body lands in the app's shadow root, styled by the app.
    app.locator("#open-modal").click()
    modal = app.locator("#modal")
    expect(modal).to_have_text("Modal")
    assert color(modal) == "rgb(1, 2, 3)"
    assert page.evaluate("document.body.querySelector(':scope > .modal')") is None

    # @font-face is hoisted to the document, where fonts register.
    expect(page.locator('head style[data-microfrontends-fonts="pol"]')).to_have_count(1)
    page.wait_for_function(FONT_LOADED)

    # Hash links and pushState move the app's route, never the notebook's URL.
    app.locator("#link-a").click()
    expect(app.locator("#route")).to_have_text("#/a")
    app.locator("#push").click()
    expect(app.locator("#route")).to_have_text("#/pushed")
    assert page.url == page_url

    # Timers run; document listeners see clicks in the app; resizing the output fires resize.
    ticks = app.locator("#ticks")
    first = ticks.text_content()
    expect(ticks).not_to_have_text(first or "")
    clicks_before = int(app.locator("#click-count").text_content() or 0)
    app.locator("#polluter-title").click()
    expect(app.locator("#click-count")).to_have_text(str(clicks_before + 1))
    resizes = int(app.locator("#resize-count").text_content() or 0)
    nb.execute("pol.height = '300px'")
    expect(app.locator("#resize-count")).not_to_have_text(str(resizes))
    assert app.evaluate("el => el.clientHeight") == 300

    # A style added after mounting, to be restored on remount.
    app.locator("#add-style").click()
    expect(app.locator("#dyn-target")).to_have_count(1)
    assert color(app.locator("#dyn-target")) == "rgb(0, 200, 0)"

    nb.execute("pol.unmount()")
    expect_status(nb, 2, "pol", "NOT_LOADED")
    expect(page.locator('iframe[data-microfrontends-realm="pol"]')).to_have_count(0)
    expect(page.locator("style[data-microfrontends-fonts]")).to_have_count(0)
    expect(app.locator("#ticks")).to_have_count(0)
    expect(app.locator("#modal")).to_have_count(0)
    assert page.evaluate(FONT_LOADED) is False
    assert page.url == page_url
    assert page.evaluate(PAGE_LOOK) == look_before

    nb.execute("pol.mount()")
    expect_status(nb, 2, "pol", "MOUNTED")
    expect(app.locator("#route")).to_have_text("")
    expect(app.locator("#ticks")).not_to_have_text("0")
    # The dynamic style is back: a new #dyn-target picks it up.
    app.locator("#add-style").click()
    assert app.evaluate("el => el.shadowRoot.querySelectorAll('#dyn-style').length") == 1
    assert color(app.locator("#dyn-target")) == "rgb(0, 200, 0)"
    assert page.evaluate("typeof window.polluted") == "undefined"


def test_sandbox_none_runs_in_the_page_and_cleans_its_globals(
    notebook: NotebookFactory, page: Page
) -> None:
    html = (
        "<p id='out'></p><script>window.pageGlobal = 7; "
        "document.querySelector('[data-microfrontends-app=trusted]')"
        ".shadowRoot.getElementById('out').textContent = 'ran in page'</script>"
    )
    nb = notebook([IMPORT, f"t = MicroApp(html={html!r}, name='trusted', sandbox='none')\nt"])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "trusted", "MOUNTED")
    expect(host(nb, 1, "trusted").locator("#out")).to_have_text("ran in page")
    assert page.evaluate("window.pageGlobal") == 7
    nb.execute("t.unmount()")
    expect_status(nb, 1, "trusted", "NOT_LOADED")
    assert page.evaluate("typeof window.pageGlobal") == "undefined"


def test_css_none_renders_without_a_shadow_root(notebook: NotebookFactory) -> None:
    cell = "c = MicroApp(html='<h2 id=plainh>no shadow</h2>', name='flat', css='none')\nc"
    nb = notebook([IMPORT, cell])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "flat", "MOUNTED")
    app = host(nb, 1, "flat")
    assert app.evaluate("el => el.shadowRoot") is None
    expect(app.locator("[data-microfrontends-body] #plainh")).to_have_text("no shadow")


ESCAPES_APP = """
<p class="probe">one</p><p class="probe">two</p><input name="field">
<script>
  var realm = window;
  window.escapes = {
    functionThis: Function('return this')(),
    indirectEval: (0, eval)('this'),
    globalThis: globalThis,
    self: self,
    defaultView: document.defaultView,
    parent: parent,
  };
  window.queries = [
    document.getElementsByTagName('p').length,
    document.getElementsByClassName('probe').length,
    document.getElementsByName('field').length,
    document.querySelectorAll('.probe').length,
    document.body.contains(document.querySelector('.probe')),
  ];
</script>"""


def test_escape_expressions_reach_the_realm_never_the_page(
    notebook: NotebookFactory, page: Page
) -> None:
    nb = notebook([IMPORT, f"esc = MicroApp(html={ESCAPES_APP!r}, name='esc')\nesc"])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "esc", "MOUNTED")
    found = page.evaluate("""() => {
      const realm = document.querySelector('iframe[data-microfrontends-realm="esc"]').contentWindow;
      return {
        escapes: Object.fromEntries(Object.entries(realm.escapes).map(
          ([key, value]) => [key, value === realm ? 'realm' : value === window ? 'PAGE' : '?'])),
        queries: realm.queries,
      };
    }""")
    assert found["escapes"] == dict.fromkeys(
        ["functionThis", "indirectEval", "globalThis", "self", "defaultView", "parent"], "realm"
    )
    # The app's document answers from the app's own DOM: 2 paragraphs, not JupyterLab's.
    assert found["queries"] == [2, 2, 1, 2, True]
