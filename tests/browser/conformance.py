"""The isolation conformance checks: one run of an app through every check, for one mode.

`observe(driver)` mounts the unchanged test apps (tests/apps/polluter twice, then
tests/apps/plain) the way a user would and reports, for each check, what it saw as a short
sentence. The suite (test_conformance.py) compares those sentences with what each mode is
documented to do, and the docs table (docs/isolation.md) is rendered from them.
A driver mounts and unmounts apps: on a plain page through core.js, or in JupyterLab.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Frame, FrameLocator, Locator, Page

REPO_ROOT = Path(__file__).resolve().parents[2]
APPS = REPO_ROOT / "tests" / "apps"


@dataclass(frozen=True)
class Mode:
    """One configuration the suite runs: a sandbox and a CSS mode."""

    sandbox: str
    css: str
    #: Not built yet: listed in the table as pending, its tests skipped.
    pending: str = ""

    @property
    def key(self) -> str:
        return f"{self.sandbox}/{self.css}"


# What a row checks, in table order.
ROWS = {
    "runs": "tests/apps/polluter runs unchanged",
    "classic_scripts": "tests/apps/plain unchanged: classic scripts share top-level var/function",
    "globals": "the app's globals stay off the page window",
    "two_instances": "two instances of the app side by side",
    "css_out": "the app's CSS does not reach the page",
    "css_in": "the page's CSS does not reach the app",
    "modal": "a modal the app appends to document.body",
    "dynamic_style": "a `<style>` the app adds to `document.head` at run time",
    "font": "the app's @font-face font loads",
    "relative_url": "relative url() in the app's CSS",
    "routers": "hash link + pushState in the app",
    "escape_window": "`window`",
    "escape_self": "`self`",
    "escape_globalThis": "`globalThis`",
    "escape_defaultView": "`document.defaultView`",
    "escape_top": "`top`",
    "escape_parent": "`parent`",
    "escape_functionThis": "`Function('return this')()`",
    "escape_indirectEval": "`(0, eval)('this')`",
    "cleanup": "the page after unmount (globals, timers, listeners, CSS, fonts, URL, elements)",
}

POLLUTER_GLOBALS = ["polluted", "leakyVar", "ticks", "resizeCount", "clickCount"]
ESCAPES = {
    "window": "window",
    "self": "self",
    "globalThis": "globalThis",
    "defaultView": "document.defaultView",
    "top": "top",
    "parent": "parent",
    "functionThis": "Function('return this')()",
    "indirectEval": "(0, eval)('this')",
}
# Run as a script of the app: records what each expression gives the app's code.
ESCAPE_PROBE = (
    "window.__conformanceEscapes = {"
    + ", ".join(f"{key}: {expression}" for key, expression in ESCAPES.items())
    + "};"
)
DID_NOT_RUN = "app did not run"

# Elements the page gets for the CSS checks: rules of the polluter's style.css would restyle
# them if they leaked, and the page's rule on `p` must not reach the app's paragraphs.
PAGE_PROBE = """() => {
  if (document.getElementById('conformance-page')) return;
  const box = document.createElement('div');
  box.id = 'conformance-page';
  box.innerHTML = '<h1 id="page-h1">Page heading</h1>' +
    '<button id="page-button">Page button</button>' +
    '<style>p { border-left: 7px solid rgb(0, 0, 255); }</style>';
  document.body.prepend(box);
}"""
PAGE_LOOK = """() => {
  const leaks = [];
  const style = (el) => getComputedStyle(el);
  if (style(document.documentElement).borderTopWidth === '4px') leaks.push('html border-top');
  if (style(document.body).backgroundColor === 'rgb(255, 200, 200)') leaks.push('body background');
  if (style(document.getElementById('page-h1')).color === 'rgb(255, 0, 0)') leaks.push('h1 color');
  if (style(document.getElementById('page-button')).backgroundColor === 'rgb(0, 128, 0)')
    leaks.push('button background');
  return leaks;
}"""
LEFTOVERS = """(names) => {
  const left = [];
  for (const key of names) {
    if (!Object.prototype.hasOwnProperty.call(window, key)) continue;
    left.push(window[key] === undefined ? `${key} (undefined)` : key);
  }
  const selectors = {
    'realm iframe': '[data-microfrontends-realm], [data-microfrontends-strict]',
    'script element': 'script[data-microfrontends-script]',
    'font style': 'style[data-microfrontends-fonts]',
    'modal': '.modal',
  };
  for (const [what, selector] of Object.entries(selectors)) {
    if (document.querySelector(selector)) left.push(what);
  }
  if ([...document.fonts].some((f) => f.family.replace(/['"]/g, '') === 'PolluterFont'))
    left.push('PolluterFont');
  return left;
}"""
FONT_LOADED = """() => [...document.fonts].some(
  (f) => f.family.replace(/['"]/g, '') === 'PolluterFont' && f.status === 'loaded')"""
# In the document holding the plain app's title: fetch what its background-image names.
RELATIVE_URL = """async (el) => {
  const value = getComputedStyle(el).backgroundImage;
  const url = /url\\("?([^")]*)"?\\)/.exec(value)?.[1];
  if (!url) return `no url: ${value}`;
  try {
    const text = await (await fetch(url)).text();
    return text.includes('<svg') ? 'ok' : `${url} is not the image`;
  } catch (error) {
    return `${url}: ${error}`;
  }
}"""


class Driver(Protocol):
    """Mounts apps in one page for one mode."""

    page: Page
    mode: Mode

    def mount(self, name: str, app: str) -> str:
        """Mounts tests/apps/<app> as ``name``; returns "" or the error it failed with."""

    def unmount(self, name: str) -> None:
        """Unmounts ``name`` and waits until it is gone."""

    def app_window(self, name: str) -> str:
        """A JavaScript expression for the app's global object, evaluated in the page."""


def app_dom(driver: Driver, name: str) -> Locator | FrameLocator:
    """Where the app's elements are: its host element (shadow roots are pierced) or its frame."""
    if driver.mode.sandbox == "strict":
        return driver.page.frame_locator(f'iframe[data-microfrontends-strict="{name}"]')
    return driver.page.locator(f'[data-microfrontends-app="{name}"]')


def strict_frame(driver: Driver, name: str) -> Frame:
    handle = driver.page.locator(f'iframe[data-microfrontends-strict="{name}"]').element_handle()
    frame = handle.content_frame() if handle else None
    if frame is None:
        raise AssertionError(f"no strict frame for {name}")
    return frame


def wait_until(check, timeout: float = 5.0) -> bool:
    """Polls ``check`` until it is true or ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def short_error(error: str) -> str:
    """The cause of a failed mount, without the app's name and URL (which vary by run)."""
    return re.sub(r'^App "[^"]*": (\w+) failed \([^)]*\): ', "", error)


def text(locator: Locator) -> str | None:
    return locator.text_content(timeout=5000) if locator.count() else None


def observe(driver: Driver) -> dict[str, str]:
    """Runs every check for the driver's mode; returns what each row saw."""
    page = driver.page
    page.evaluate(PAGE_PROBE)
    url_before = page.url
    rows: dict[str, str] = {}
    error = driver.mount("pol-a", "polluter")
    dom = app_dom(driver, "pol-a")
    if not error and not wait_until(lambda: (text(dom.locator("#ticks")) or "0") != "0"):
        error = "its timer never ticked"
    rows["runs"] = f"no: {error[:160]}" if error else "yes"
    if error:
        for row in ROWS:
            rows.setdefault(row, DID_NOT_RUN)
        driver.unmount("pol-a")
    else:
        observe_polluter(driver, rows, dom, url_before)
    observe_plain(driver, rows)
    return {row: rows[row] for row in ROWS}


def observe_polluter(
    driver: Driver, rows: dict[str, str], dom: Locator | FrameLocator, url_before: str
) -> None:
    page = driver.page
    # Own properties only: an element id in the page's light DOM is a named property too.
    on_page = page.evaluate(
        "(names) => names.filter((key) => Object.prototype.hasOwnProperty.call(window, key))",
        POLLUTER_GLOBALS,
    )
    globals_seen = f"on the page window: {', '.join(on_page)}" if on_page else "kept off the page"
    rows["globals"] = globals_seen
    leaks = page.evaluate(PAGE_LOOK)
    rows["css_out"] = f"leaks: {', '.join(leaks)}" if leaks else "page unaffected"
    border = dom.locator("#font-probe").evaluate("el => getComputedStyle(el).borderLeftWidth")
    rows["css_in"] = "page rules reach the app" if border == "7px" else "page rules stay out"

    dom.locator("#open-modal").click()
    in_app = wait_until(lambda: dom.locator("#modal").count() > 0, 2.0)
    modal = dom.locator("#modal") if in_app else page.locator("body > .modal")
    if not modal.count():
        rows["modal"] = "not found"
    else:
        styled = modal.evaluate("el => getComputedStyle(el).color") == "rgb(1, 2, 3)"
        where = "in the app" if in_app else "in the page's body"
        rows["modal"] = f"{where}, {'styled by the app' if styled else 'unstyled'}"

    dom.locator("#add-style").click()
    in_app = wait_until(lambda: dom.locator("#dyn-target").count() > 0, 2.0)
    target = dom.locator("#dyn-target") if in_app else page.locator("body > #dyn-target")
    if not target.count():
        rows["dynamic_style"] = "not found"
    else:
        styled = target.evaluate("el => getComputedStyle(el).color") == "rgb(0, 200, 0)"
        where = "styles the app" if in_app else "styles an element in the page's body"
        on_page = page.evaluate("!!document.head.querySelector('#dyn-style')")
        rows["dynamic_style"] = (
            f"{where if styled else 'has no effect'}"
            f"{'; the style element is in the page head' if on_page else ''}"
        )

    fonts = strict_frame(driver, "pol-a") if driver.mode.sandbox == "strict" else page
    rows["font"] = "loads" if wait_until(lambda: fonts.evaluate(FONT_LOADED)) else "does not load"

    dom.locator("#link-a").click()
    wait_until(lambda: text(dom.locator("#route")) == "#/a", 2.0)
    route_a = text(dom.locator("#route"))
    dom.locator("#push").click()
    wait_until(lambda: text(dom.locator("#route")) == "#/pushed", 2.0)
    route_b = text(dom.locator("#route"))
    url = "page URL unchanged" if page.url == url_before else "page URL changed"
    rows["routers"] = f"app routes {route_a} then {route_b}; {url}"

    rows.update(observe_escapes(driver, "pol-a"))
    rows["two_instances"] = observe_two_instances(driver, dom)

    driver.unmount("pol-a")
    time.sleep(0.3)  # long enough for a surviving 50 ms interval to tick again
    page.evaluate("() => { window.dispatchEvent(new Event('resize')); document.body.click(); }")
    time.sleep(0.1)
    left = page.evaluate(LEFTOVERS, POLLUTER_GLOBALS) + page.evaluate(PAGE_LOOK)
    if page.url != url_before:
        left.append("page URL")
    rows["cleanup"] = f"left: {', '.join(left)}" if left else "nothing left"


def observe_escapes(driver: Driver, name: str) -> dict[str, str]:
    """Runs ESCAPE_PROBE as one of the app's scripts and names what each expression gave."""
    if driver.mode.sandbox == "strict":
        # The app's own document inside its frame; the notebook page is the frame's top.
        seen = strict_frame(driver, name).evaluate(
            """(probe) => {
              const script = document.createElement('script');
              script.text = probe;
              document.head.appendChild(script);
              const seen = Object.entries(window.__conformanceEscapes);
              return Object.fromEntries(seen.map(([key, value]) =>
                [key, value === window ? 'app' : value === top ? 'page-cross-origin' : 'other']));
            }""",
            ESCAPE_PROBE,
        )
    else:
        # Added the way an app adds a script: through its document's head.
        seen = driver.page.evaluate(
            f"""(probe) => {{
              const app = {driver.app_window(name)};
              const script = app.document.createElement('script');
              script.text = probe;
              app.document.head.appendChild(script);
              const seen = Object.entries(app.__conformanceEscapes);
              return Object.fromEntries(seen.map(([key, value]) =>
                [key, value === window ? 'page' : value === app ? 'app' : 'other']));
            }}""",
            ESCAPE_PROBE,
        )
    words = {
        "app": "the app's own global",
        "page": "the page window",
        "page-cross-origin": "the page window, cross-origin (unusable)",
        "other": "another object",
    }
    return {f"escape_{key}": words[value] for key, value in seen.items()}


def observe_two_instances(driver: Driver, dom_a: Locator | FrameLocator) -> str:
    """A second instance mounts next to the first; navigating one must not move the other."""
    error = driver.mount("pol-b", "polluter")
    if error:
        driver.unmount("pol-b")
        return f"the second is refused: {error}"
    dom_b = app_dom(driver, "pol-b")
    if not wait_until(lambda: (text(dom_b.locator("#ticks")) or "0") != "0"):
        driver.unmount("pol-b")
        return "the second never updates its own DOM (its document is the page's)"
    route_b = text(dom_b.locator("#route"))
    dom_a.locator("#link-b").click()
    wait_until(lambda: text(dom_a.locator("#route")) == "#/b", 2.0)
    time.sleep(0.1)
    route_b_after = text(dom_b.locator("#route"))
    if driver.mode.sandbox == "strict":
        separate = True  # two opaque-origin frames: nothing the page can compare
    else:
        windows = [driver.app_window("pol-a"), driver.app_window("pol-b")]
        separate = driver.page.evaluate(" !== ".join(windows))
    driver.unmount("pol-b")
    if separate and route_b_after == route_b:
        return "independent: own window, own route"
    window = "own windows" if separate else "one shared window"
    return f"{window}; the second's route went from {route_b!r} to {route_b_after!r}"


def observe_plain(driver: Driver, rows: dict[str, str]) -> None:
    error = driver.mount("plain", "plain")
    if error:
        rows["classic_scripts"] = f"no: {error[:160]}"
        rows["relative_url"] = DID_NOT_RUN
        driver.unmount("plain")
        return
    dom = app_dom(driver, "plain")
    wait_until(lambda: dom.locator('#title[data-ready="yes"]').count() > 0)
    classic = text(dom.locator("#classic"))
    ok = classic == "42 true fn"
    rows["classic_scripts"] = "yes" if ok else f"no: #classic reads {classic!r}"
    try:
        found = dom.locator("#title").evaluate(RELATIVE_URL)
    except PlaywrightError as failure:
        found = str(failure).splitlines()[0]
    rows["relative_url"] = "resolves against the stylesheet" if found == "ok" else found
    driver.unmount("plain")


class CoreDriver:
    """Apps mounted with core.js `mount` on a plain page (tests/browser/pages/conformance.html)."""

    def __init__(self, page: Page, base_url: str, mode: Mode):
        self.page = page
        self.mode = mode
        self.base_url = base_url
        page.goto(f"{base_url}tests/browser/pages/conformance.html")
        page.wait_for_function("window.pageReady === true")

    def mount(self, name: str, app: str) -> str:
        error = self.page.evaluate(
            """async ([name, entry, sandbox, css]) => {
              const slot = document.createElement('div');
              document.getElementById('slot').append(slot);
              window.apps = window.apps || {};
              try {
                const options = { entry, name, sandbox, css };
                window.apps[name] = await window.microfrontends.mount(slot, options);
                return '';
              } catch (error) {
                return String(error && error.message || error);
              }
            }""",
            [name, f"{self.base_url}tests/apps/{app}/", self.mode.sandbox, self.mode.css],
        )
        return short_error(error)

    def unmount(self, name: str) -> None:
        self.page.evaluate(
            "async (name) => { await window.apps?.[name]?.unmount(); delete window.apps?.[name]; }",
            name,
        )

    def app_window(self, name: str) -> str:
        return f"window.apps[{name!r}].window"
