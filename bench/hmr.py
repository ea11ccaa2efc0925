"""Save to visible: the time from saving a file to the change on screen, for a Vite dev
server's app in a notebook (``MicroApp("http://127.0.0.1:PORT/")``) and for a local folder with
``MicroApp(folder, watch=True)``, each against Vite's own HMR in a plain browser tab, in one run.

Two edits: a CSS file (a hot update in Vite; ``watch=True`` reloads the app), and a module no
module accepts (Vite reloads the tab, or in a notebook the app alone). Each side has a folder of
its own (two Vite dev servers on copies of tests/apps/vite-dev, one watched plain folder), so an
edit updates one page only. The save is stamped in Python just before the file is written, the
change when a frame first shows it (``performance.timeOrigin + performance.now()``: the same
clock). An edit waits for Vite's client to be connected: before that, no client applies it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
import time
from pathlib import Path

from harness import chromium, interleaved, ratios
from playwright.sync_api import ConsoleMessage, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.dev_servers import DevServer, start_dev_server
from tests.browser.notebook import open_notebook
from tests.browser.servers import start_lab

TRIALS = 15
WARMUP = 2
CSS = "#count {{\n  color: rgb({value});\n}}\n"
MODULE = 'export const message = "{value}";\n'
WATCHED_APP = '<link rel="stylesheet" href="style.css"><button id="count">count 0</button>'

# Resolves at once; sets window.seenAt once a frame shows the change: `#count` in color `value`
# (css) or `#message` reading `value` (module), in the document or in app host `host`'s shadow
# root, which may be replaced meanwhile (a reload of the app).
SEEN = """(host, kind, value) => {
  const selector = kind === 'css' ? '#count' : '#message';
  const element = host
    ? () => document.querySelector(host)?.shadowRoot?.querySelector(selector)
    : () => document.querySelector(selector);
  const shown = (found) => kind === 'css'
    ? getComputedStyle(found).color === `rgb(${value})`
    : found.textContent === value;
  const check = () => {
    const found = element();
    if (found && shown(found)) window.seenAt = performance.timeOrigin + performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}"""
WATCH = f"([host, kind, value]) => {{ window.seenAt = 0; ({SEEN})(host, kind, value); }}"
# In a tab that Vite reloads, the watch starts again in the new document, from sessionStorage.
TAB_INIT = f"""{{
  const expected = JSON.parse(sessionStorage.getItem('benchExpected') || 'null');
  window.seenAt = 0;
  if (expected) ({SEEN})(null, ...expected);
}}"""


def _vite_connected(message: ConsoleMessage) -> bool:
    return "[vite] connected" in message.text


def _host(name: str) -> str:
    return f'[data-microfrontends-app="{name}"]'


class Side:
    """Where an edit is made (``file``) and seen (``page``, app ``host``)."""

    def __init__(self, page: Page, host: str | None, file: Path, kind: str, reloads: bool):
        self.page, self.host, self.file, self.kind, self.reloads = page, host, file, kind, reloads

    def save_to_visible(self, value: str, timeout_ms: float = 30_000) -> float:
        """Milliseconds from writing ``value`` into the file to a frame showing it."""
        page = self.page
        page.bring_to_front()
        if self.host is None:
            page.evaluate(
                "(e) => sessionStorage.setItem('benchExpected', e)", json.dumps([self.kind, value])
            )
        page.evaluate(WATCH, [self.host, self.kind, value])
        text = (CSS if self.kind == "css" else MODULE).format(value=value)
        if self.reloads:
            # Vite's client of the reloaded tab or app is connected before the next edit.
            with page.expect_console_message(_vite_connected, timeout=timeout_ms):
                saved = time.time() * 1000
                self.file.write_text(text)
        else:
            saved = time.time() * 1000
            self.file.write_text(text)
        page.wait_for_function("window.seenAt > 0", timeout=timeout_ms)
        return float(page.evaluate("window.seenAt")) - saved


_edits = itertools.count(1)


def _value(side: Side) -> str:
    """A value no edit of the run wrote before."""
    n = next(_edits)
    return f"{n % 250}, {n // 250 % 250}, 7" if side.kind == "css" else f"message {n}"


def _settle(side: Side) -> None:
    """A warm-up edit, made again if it is lost: a dev server that has just started may reload
    its clients once it has bundled the app's dependencies, and an edit made meanwhile is lost."""
    for _ in range(3):
        try:
            side.save_to_visible(_value(side), timeout_ms=10_000)
            return
        except PlaywrightTimeoutError:
            continue
    raise RuntimeError(f"no edit of {side.file} became visible")


def measure(trials: int = TRIALS) -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as tmp, chromium() as context:
        root = Path(tmp)
        servers: list[DevServer] = []
        lab = start_lab(root / "lab")
        try:
            for side in ("tab", "notebook"):
                (root / side).mkdir()
                servers.append(start_dev_server("vite", root / side))
            tab_server, nb_server = servers
            watched = root / "watched"
            watched.mkdir()
            (watched / "index.html").write_text(WATCHED_APP)
            (watched / "style.css").write_text(CSS.format(value="0, 0, 0"))
            tab = context.new_page()
            tab.add_init_script(TAB_INIT)
            with tab.expect_console_message(_vite_connected):
                tab.goto(tab_server.url)
            page = context.new_page()
            nb = open_notebook(page, lab, [
                "from microfrontends import GlobalState, MicroApp",
                f"MicroApp({nb_server.url!r}, name='dev', state=GlobalState())",
                f"MicroApp({str(watched)!r}, name='watched', watch=True)",
            ])  # fmt: skip
            with page.expect_console_message(_vite_connected):
                for index in range(3):
                    nb.run_cell(index)
            page.wait_for_selector(f"{_host('watched')} #count")
            tab_src, nb_src = tab_server.folder / "src", nb_server.folder / "src"
            sides = {
                "vite_tab": Side(tab, None, tab_src / "style.css", "css", False),
                "vite_notebook": Side(page, _host("dev"), nb_src / "style.css", "css", False),
                "watch_notebook": Side(page, _host("watched"), watched / "style.css", "css", False),
                "vite_tab_reload": Side(tab, None, tab_src / "message.ts", "module", True),
                "vite_notebook_reload": Side(
                    page, _host("dev"), nb_src / "message.ts", "module", True
                ),
            }
            for name in interleaved(list(sides), WARMUP):
                _settle(sides[name])
            times: dict[str, list[float]] = {side: [] for side in sides}
            for name in interleaved(list(sides), trials):
                times[name].append(sides[name].save_to_visible(_value(sides[name])))
            nb.close()
        finally:
            for server in servers:
                server.stop()
            lab.stop()
    reload_names = ("vite_tab_reload", "vite_notebook_reload")
    hot = ratios({k: v for k, v in times.items() if k not in reload_names}, "vite_tab")
    return {**hot, **ratios({k: times[k] for k in reload_names}, "vite_tab_reload")}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=TRIALS)
    print(json.dumps(measure(parser.parse_args().trials), indent=2))
