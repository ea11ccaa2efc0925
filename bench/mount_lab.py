"""Mount time in JupyterLab: running a cell to the app's content visible, MicroApp (served as
usual, and embedded in the widget state with ``embed=True``) vs IFrame.

``python bench/mount_lab.py --timeline`` also prints when each milestone of a run happens
(kernel messages, the output, each app status, fetches), as medians from the cell's start.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path

from harness import chromium, interleaved, ratios, static_server

from tests.browser.notebook import JS_PRELUDE, open_notebook
from tests.browser.servers import start_lab

TRIALS = 25
WARMUP = 2

# Runs cell `index` and resolves with the milliseconds until `ready()` holds for its output,
# checked on every animation frame; both ends are stamped in the page. With `timeline`, also
# returns when milestones happened (observers add a little work to both sides alike).
TIME_CELL = (
    "async ([path, index, kind, timeline]) => {"
    + JS_PRELUDE
    + """
  const panel = findPanel(path);
  const kernel = panel.sessionContext.session.kernel;
  const cell = () => panel.content.widgets[index].node;
  const host = () => cell().querySelector('[data-microfrontends-app]');
  const outputFrame = () => cell().querySelector('.jp-OutputArea iframe');
  const ready = kind !== 'iframe'
    ? () => {
        const title = host()?.shadowRoot?.querySelector('#title');
        return !!title && host().dataset.microfrontendsStatus === 'MOUNTED';
      }
    : () => outputFrame()?.dataset.benchLoaded === 'yes';
  const marks = {};
  const mark = (what) => {
    if (timeline && !(what in marks)) marks[what] = performance.now() - start;
  };
  const onLoad = (event) => {
    if (event.target !== outputFrame()) return;
    event.target.dataset.benchLoaded = 'yes';
    mark('output iframe load');
  };
  const onMessage = (_, { msg, direction }) => {
    const type = msg.header.msg_type;
    if (type !== 'status') mark(`${direction} ${msg.channel} ${type}`);
  };
  const isRealm = (node) => node.tagName === 'IFRAME' && node.dataset.microfrontendsRealm;
  const observer = new MutationObserver((records) => {
    if (cell().querySelector('.jp-OutputArea-output')) mark('output element');
    if (host()) mark('app status ' + host().dataset.microfrontendsStatus);
    for (const record of records) {
      if ([...record.addedNodes].some(isRealm)) mark('realm iframe added');
      if ([...record.removedNodes].some(isRealm)) mark('previous realm iframe removed');
    }
  });
  document.addEventListener('load', onLoad, true);
  if (timeline) {
    performance.clearResourceTimings(); // the buffer holds 250 entries; JupyterLab fills it
    kernel.anyMessage.connect(onMessage);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  }
  selectOnly(panel, index);
  const start = performance.now();
  void app.commands.execute('notebook:run-cell', { widgetId: panel.id });
  await new Promise((resolve) => {
    const check = () => (ready() ? resolve() : requestAnimationFrame(check));
    check();
  });
  const elapsed = performance.now() - start;
  mark('visible');
  document.removeEventListener('load', onLoad, true);
  observer.disconnect();
  kernel.anyMessage.disconnect(onMessage);
  for (const entry of timeline ? performance.getEntriesByType('resource') : []) {
    if (entry.startTime < start || !entry.name.includes('/tests/apps/')) continue;
    const what = entry.name.split('/tests/apps/')[1];
    marks[`fetch ${what} (${entry.initiatorType}) start`] = entry.startTime - start;
    marks[`fetch ${what} (${entry.initiatorType}) end`] = entry.responseEnd - start;
  }
  await until('the kernel', () => kernelIdle(panel));
  return { elapsed, marks };
}"""
)


def measure(trials: int = TRIALS, timeline: bool = False) -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as tmp, static_server() as base, chromium() as context:
        lab = start_lab(Path(tmp))
        try:
            entry = f"{base}tests/apps/plain/"
            page = context.new_page()
            nb = open_notebook(page, lab, [
                "from IPython.display import IFrame\nfrom microfrontends import MicroApp",
                f"MicroApp({entry!r}, name='plain', height=300)",
                f"IFrame({entry!r}, width='100%', height=300)",
                f"MicroApp({entry!r}, name='plainEmbedded', height=300, embed=True)",
            ])  # fmt: skip
            nb.run_cell(0)
            cells = {"microapp": 1, "iframe": 2, "embedded": 3}
            for kind in interleaved(list(cells), WARMUP):  # kernel, caches and JIT
                page.evaluate(TIME_CELL, [nb.path, cells[kind], kind, False])
            runs: dict[str, list[dict]] = {kind: [] for kind in cells}
            for kind in interleaved(list(cells), trials):
                runs[kind].append(page.evaluate(TIME_CELL, [nb.path, cells[kind], kind, timeline]))
            nb.close()
        finally:
            lab.stop()
    results: dict[str, dict] = ratios(
        {kind: [run["elapsed"] for run in kind_runs] for kind, kind_runs in runs.items()}, "iframe"
    )
    if timeline:
        results["timeline"] = {kind: _timeline(kind_runs) for kind, kind_runs in runs.items()}
    return results


def _timeline(runs: list[dict]) -> dict[str, float]:
    """Median time of each milestone seen in at least half the runs, in order."""
    names = {name for run in runs for name in run["marks"]}
    seen = {n: [run["marks"][n] for run in runs if n in run["marks"]] for n in names}
    medians = {n: statistics.median(t) for n, t in seen.items() if len(t) * 2 >= len(runs)}
    return {n: round(t, 1) for n, t in sorted(medians.items(), key=lambda item: item[1])}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=TRIALS)
    parser.add_argument("--timeline", action="store_true", help="milestones of each run too")
    args = parser.parse_args()
    print(json.dumps(measure(args.trials, args.timeline), indent=2))
