"""Mount time in JupyterLab: running a cell to the app's content visible, MicroApp vs IFrame."""

from __future__ import annotations

import tempfile
from pathlib import Path

from harness import chromium, static_server, summary

from tests.browser.notebook import JS_PRELUDE, open_notebook
from tests.browser.servers import start_lab

TRIALS = 15

# Runs cell `index` and resolves with the milliseconds until `ready()` holds for its output,
# checked on every animation frame; both ends are stamped in the page.
TIME_CELL = (
    "async ([path, index, kind]) => {"
    + JS_PRELUDE
    + """
  const panel = findPanel(path);
  const cell = () => panel.content.widgets[index].node;
  const ready = kind === 'microapp'
    ? () => {
        const host = cell().querySelector('[data-microfrontends-app]');
        const title = host && host.shadowRoot && host.shadowRoot.querySelector('#title');
        return !!title && host.dataset.microfrontendsStatus === 'MOUNTED';
      }
    : () => {
        const frame = cell().querySelector('.jp-OutputArea iframe');
        return !!frame && frame.dataset.benchLoaded === 'yes';
      };
  const onLoad = (event) => {
    if (event.target.tagName === 'IFRAME') event.target.dataset.benchLoaded = 'yes';
  };
  document.addEventListener('load', onLoad, true);
  selectOnly(panel, index);
  const start = performance.now();
  void app.commands.execute('notebook:run-cell', { widgetId: panel.id });
  await new Promise((resolve) => {
    const check = () => (ready() ? resolve() : requestAnimationFrame(check));
    check();
  });
  const elapsed = performance.now() - start;
  document.removeEventListener('load', onLoad, true);
  await until('the kernel', () => kernelIdle(panel));
  return elapsed;
}"""
)


def measure(trials: int = TRIALS) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp, static_server() as base, chromium() as context:
        lab = start_lab(Path(tmp))
        try:
            entry = f"{base}tests/apps/plain/"
            page = context.new_page()
            nb = open_notebook(page, lab, [
                "from IPython.display import IFrame\nfrom microfrontends import MicroApp",
                f"MicroApp({entry!r}, name='plain', height=300)",
                f"IFrame({entry!r}, width='100%', height=300)",
            ])
            nb.run_cell(0)
            times: dict[str, list[float]] = {"microapp": [], "iframe": []}
            cells = {"microapp": 1, "iframe": 2}
            for trial in range(trials + 2):
                for kind, index in cells.items():
                    elapsed = page.evaluate(TIME_CELL, [nb.path, index, kind])
                    if trial >= 2:  # the first runs warm up the kernel, caches and JIT
                        times[kind].append(elapsed)
            nb.close()
        finally:
            lab.stop()
    iframe = summary(times["iframe"])["median"]
    return {kind: {**summary(v), "ratio": summary(v)["median"] / iframe}
            for kind, v in times.items()}
