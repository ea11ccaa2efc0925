"""Shared pieces of the benchmarks: a static server, Chromium, and statistics."""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tests.browser.notebook import JS_PRELUDE  # noqa: E402 (needs the repository on the path)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--js-flags=--expose-gc",
]  # fmt: skip


class _Handler(SimpleHTTPRequestHandler):
    """Ordinary caching (Last-Modified revalidation) as a real app server, plus CORS."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@contextmanager
def static_server(root: Path = REPO_ROOT) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1; yields the base URL ending with ``/``."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@contextmanager
def chromium() -> Iterator[BrowserContext]:
    """Debian's Chromium with the flags these machines need, in a fresh profile."""
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield context
        finally:
            context.close()


def open_bench_page(context: BrowserContext, base: str) -> Page:
    """``bench/page.html``: a plain page with ``window.microfrontends.mount`` from core.js."""
    page = context.new_page()
    page.goto(f"{base}bench/page.html")
    page.wait_for_function("window.benchReady === true")
    return page


def time_cell(ready: str, params: tuple[str, ...] = (), failure: str = "null") -> str:
    """JS for ``page.evaluate(js, [notebook path, cell index, *params])``: runs the cell and
    resolves with the milliseconds until the JS expression ``ready`` holds, checked on every
    animation frame (both ends stamped in the page), then waits for the kernel to be idle.
    ``failure`` (JS) names what went wrong, if anything, and rejects. Both may use ``cell()``,
    the cell's node, and ``params``."""
    names = ", ".join(("path", "index", *params))
    return (
        f"async ([{names}]) => {{"
        + JS_PRELUDE
        + f"""
  const panel = findPanel(path);
  const cell = () => panel.content.widgets[index].node;
  const ready = () => {ready};
  const failed = () => {failure};
  selectOnly(panel, index);
  const start = performance.now();
  void app.commands.execute('notebook:run-cell', {{ widgetId: panel.id }});
  await new Promise((resolve, reject) => {{
    const check = () => {{
      if (ready()) return resolve();
      const failure = failed();
      if (failure) return reject(new Error(failure));
      requestAnimationFrame(check);
    }};
    check();
  }});
  const elapsed = performance.now() - start;
  await until('the kernel', () => kernelIdle(panel));
  return elapsed;
}}"""
    )


BARE_WIDGET = '''import anywidget


class Bare(anywidget.AnyWidget):
    _esm = """export default { render({ el }) {
      const div = document.createElement('div');
      div.className = 'bare-probe';
      div.textContent = 'bare anywidget';
      el.append(div);
    } };"""
'''
"""Python defining ``Bare``, the bare anywidget the dashboards' apps are timed against."""


def all_in_stamp(count: int) -> str:
    """An init script that stamps, from navigation start, the first frame on which ``count``
    apps are MOUNTED (or, on a page whose URL says ``bare``, ``count`` bare widgets are in), in
    the document or an open shadow root: ``window.__allIn``."""
    return """(() => {
  const bare = window.location.href.includes('bare');
  // Panel (Bokeh) puts its panes in shadow roots: look into open ones too.
  const count = (selector) => {
    let found = 0;
    const visit = (root) => {
      found += root.querySelectorAll(selector).length;
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return found;
  };
  const done = () => bare
    ? count('.bare-probe') === COUNT
    : count('[data-microfrontends-status="MOUNTED"]') === COUNT;
  const check = () => {
    if (done()) window.__allIn = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();""".replace("COUNT", str(count))


def interleaved(names: list[str], trials: int) -> Iterator[str]:
    """Each name once per trial, the order rotated each trial so no side always goes first."""
    for trial in range(trials):
        shift = trial % len(names)
        yield from names[shift:] + names[:shift]


def summary(values: list[float]) -> dict[str, float]:
    """Median and quartiles."""
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return {"median": median, "q1": q1, "q3": q3, "n": len(values)}


def rate_summary(rates: list[float]) -> dict[str, float]:
    """Median and slowest of per-round rates (events or bytes per second)."""
    return {"median": statistics.median(rates), "min": min(rates), "n": len(rates)}


def ratios(times: dict[str, list[float]], baseline: str) -> dict[str, dict[str, float]]:
    """``summary`` of each series and its median as a ratio to the baseline's median.

    Series are interleaved trials, index ``i`` of each from the same round. The machines are
    shared: a burst of load slows whichever side runs during it, so the median of the
    per-round ratios (runs back to back) is also given, being less exposed to it.
    """
    base = times[baseline]
    return {
        name: {
            **summary(values),
            "ratio": statistics.median(values) / statistics.median(base),
            "paired_ratio": statistics.median(
                mine / theirs for mine, theirs in zip(values, base, strict=True)
            ),
        }
        for name, values in times.items()
    }


def slope(values: list[float]) -> float:
    """Least-squares slope of ``values`` against their index."""
    return statistics.linear_regression(range(len(values)), values).slope
