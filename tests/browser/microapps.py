"""Helpers for the MicroApp browser tests: cells, the DOM contract, realms, status history."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import FrameLocator, Locator, Page, expect

from .notebook import JS_PRELUDE, Notebook

REPO_ROOT = Path(__file__).resolve().parents[2]
APPS = REPO_ROOT / "tests" / "apps"
VUE_TODO = REPO_ROOT / "examples" / "apps" / "vue-todo"
IMPORT = "from microfrontends import MicroApp"
# A first cell that makes the kernel list its folders where the Jupyter server does not look,
# so their files come from the kernel, as a remote kernel's do.
UNPUBLISHED = "import os, tempfile\nos.environ['JUPYTER_RUNTIME_DIR'] = tempfile.mkdtemp()"
# Mounting goes through the kernel for local apps; leave room for a busy machine.
MOUNT_TIMEOUT_MS = 30_000


# Records, in order, the kernel fetches the page sends and the answers it gets, as
# ["asked", url] and ["answered", url], in window.mfTraffic.
WATCH_KERNEL_TRAFFIC = (
    "async ([path]) => {"
    + JS_PRELUDE
    + """
  const kernel = findPanel(path).sessionContext.session.kernel;
  window.mfTraffic = [];
  kernel.anyMessage.connect((_, { msg, direction }) => {
    const data = msg.content?.data?.content;  // ipywidgets' custom messages wrap it
    if (msg.header.msg_type !== 'comm_msg' || !data) return;
    if (direction === 'send' && data.kind === 'mf:fetch') mfTraffic.push(['asked', data.url]);
    if (direction === 'recv' && data.kind === 'mf:fetched') mfTraffic.push(['answered', data.url]);
  });
}"""
)


def check_vite_app(app: Locator | FrameLocator) -> None:
    """tests/apps/vite-app works: its modules rendered it with the CSS they import and the
    import map's "shared-lib"; a click loads its code-split chunk, whose own CSS applies."""
    title = app.locator("#vite-title")
    expect(title).to_have_text("hello from vite modules")
    expect(title).to_have_css("color", "rgb(10, 120, 200)")
    expect(app.locator("#vite-shared")).to_have_text("SHARED FROM THE IMPORT MAP")
    app.get_by_role("button", name="Load details").click()
    details = app.locator(".vite-details-box")
    expect(details).to_have_text("details chunk loaded (hello from chunk modules)")
    expect(details).to_have_css("color", "rgb(200, 30, 60)")


def check_vue_todo(app: Locator, new_item: str) -> None:
    """examples/apps/vue-todo works: Vue compiled its in-DOM template and lodash counted the
    items; adding ``new_item`` through the form adds it to the list."""
    expect(app.locator("#todo-title")).to_have_text("Todo list")
    expect(app.get_by_test_id("todo-item")).to_have_count(3)
    expect(app.get_by_test_id("todo-count")).to_have_text("3 of 3 left")
    app.get_by_test_id("new-todo").fill(new_item)
    app.get_by_test_id("add-todo").click()
    expect(app.get_by_test_id("todo-item")).to_have_count(4)
    expect(app.get_by_test_id("todo-count")).to_have_text("4 of 4 left")


def page_app(page: Page, name: str) -> Locator:
    """App ``name``'s host element anywhere in ``page`` (shadow roots pierced)."""
    return page.locator(f'[data-microfrontends-app="{name}"]')


def expect_mounted(page: Page, *names: str, timeout: float = MOUNT_TIMEOUT_MS) -> None:
    """Every app of ``names`` in ``page`` is MOUNTED and visible."""
    for name in names:
        expect(page_app(page, name)).to_have_attribute(
            "data-microfrontends-status", "MOUNTED", timeout=timeout
        )
        expect(page_app(page, name)).to_be_visible()


def check_filter_above_summary(page: Page) -> None:
    """examples/hosts' Dashboard of a region filter above Python's summary (40 orders in all):
    both show, laid out by the grid's areas in one column."""
    region_filter, summary = page_app(page, "filter"), page_app(page, "summary")
    expect(region_filter.locator('button[data-region="US"]')).to_be_visible()
    expect(summary.locator("#summary-count")).to_have_text("40")
    above, below = region_filter.bounding_box(), summary.bounding_box()
    assert above and below
    assert above["y"] + above["height"] <= below["y"]
    assert abs(above["x"] - below["x"]) < 1


def app_cell(var: str, entry: object = None, **kwargs: object) -> str:
    """A cell that makes ``var = MicroApp(entry, **kwargs)`` and displays it."""
    args = [] if entry is None else [repr(str(entry))]
    args += [f"{key}={value!r}" for key, value in kwargs.items()]
    return f"{var} = MicroApp({', '.join(args)})\n{var}"


def host(nb: Notebook, index: int, name: str) -> Locator:
    """The element hosting app ``name`` in the output of cell ``index``."""
    return nb.output(index).locator(f'[data-microfrontends-app="{name}"]')


def expect_status(nb: Notebook, index: int, name: str, status: str) -> None:
    expect(host(nb, index, name)).to_have_attribute(
        "data-microfrontends-status", status, timeout=MOUNT_TIMEOUT_MS
    )


def py(nb: Notebook, expression: str) -> object:
    """The value of ``expression`` in the notebook's kernel."""
    return nb.execute("", {"value": expression})["value"]


def expect_py(nb: Notebook, expression: str, expected: object, timeout: float = 15.0) -> None:
    """Wait until ``expression`` in the kernel equals ``expected`` (traits set by the browser
    reach Python a moment after the page shows them)."""
    seen: list[object] = []

    def matches() -> bool:
        seen.append(py(nb, expression))
        return seen[-1] == expected

    deadline = time.monotonic() + timeout
    while not matches():
        assert time.monotonic() < deadline, f"{expression} is {seen[-1]!r}, not {expected!r}"
        time.sleep(0.1)


def style(locator: Locator, prop: str) -> str:
    """The computed value of CSS property ``prop`` (camelCase) of the element."""
    return str(locator.evaluate("(el, prop) => getComputedStyle(el)[prop]", prop))


def realm_frames(page: Page, name: str) -> Locator:
    return page.locator(f'iframe[data-microfrontends-realm="{name}"]')


def in_realm(page: Page, name: str, expression: str, nth: int = 0) -> object:
    """Evaluate ``expression`` in app ``name``'s realm (its hidden iframe's window)."""
    return (
        realm_frames(page, name)
        .nth(nth)
        .evaluate("(frame, expression) => frame.contentWindow.eval(expression)", expression)
    )


# Every change of a host's status attribute, in order, with the page time it was seen. A view
# may render before its output is in the document, where no observer sees it: a host's arrival
# is then recorded as the start of its history (its status at that time is the next record's
# old value, or its current one).
RECORD_STATUSES_JS = """() => {
  if (window.__statusRecords) return;
  const records = (window.__statusRecords = []);
  const seen = new Set();
  const hostsIn = (node) => node.nodeType !== 1 ? [] : [
    ...(node.matches('[data-microfrontends-status]') ? [node] : []),
    ...node.querySelectorAll('[data-microfrontends-status]'),
  ];
  new MutationObserver((mutations) => {
    const t = performance.now();
    // Hosts whose first status was set after they arrived: that change is their start.
    for (const m of mutations) {
      if (m.type === 'attributes' && m.oldValue === null) seen.add(m.target);
    }
    for (const m of mutations) {
      if (m.type === 'attributes') {
        seen.add(m.target);
        records.push({ el: m.target, old: m.oldValue, t });
        continue;
      }
      for (const host of [...m.addedNodes].flatMap(hostsIn)) {
        if (seen.has(host)) continue;
        seen.add(host);
        records.push({ el: host, old: null, t });
      }
    }
  }).observe(document.body, {
    subtree: true, childList: true, attributes: true, attributeOldValue: true,
    attributeFilter: ['data-microfrontends-status'],
  });
}"""

STATUS_HISTORY_JS = """(el) => {
  const list = window.__statusRecords.filter((r) => r.el === el);
  // Each record holds the value before its change: the next record's old value (or the
  // current value, for the last one) is what it changed to.
  return list.map((r, i) => ({
    status: i + 1 < list.length ? list[i + 1].old : el.getAttribute('data-microfrontends-status'),
    t: r.t,
  }));
}"""


def record_statuses(page: Page) -> None:
    """Start recording every app status change on the page (before the apps are displayed)."""
    page.evaluate(RECORD_STATUSES_JS)


def status_history(app: Locator) -> list[dict[str, float | str]]:
    """The statuses the app host went through since recording started, with page times (ms)."""
    return list(app.evaluate(STATUS_HISTORY_JS))


def statuses(app: Locator) -> list[str]:
    """The statuses the app host went through since recording started, in order."""
    return [str(change["status"]) for change in status_history(app)]
