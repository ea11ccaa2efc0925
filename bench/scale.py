"""Scale: 10, 25 and 50 apps in one JupyterLab output, against as many bare anywidgets.

Ten distinct entries (local folders, served by the kernel) with five instances each, in one
``VBox``, all sharing one ``GlobalState``. For each count the cell is run, and the page stamps
the first animation frame on which every app is ``MOUNTED`` (or every bare widget rendered);
then the JS heap is read after garbage collection and compared with the heap of the same page
with the output cleared. Rounds alternate apps and bare widgets, the order rotated each round.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path

from harness import REPO_ROOT, chromium, interleaved, time_cell

from tests.browser.notebook import open_notebook
from tests.browser.servers import start_lab

COUNTS = (10, 25, 50)
ROUNDS = 3
ENTRIES = [
    "tests/apps/plain", "tests/apps/second", "tests/apps/umd", "tests/apps/base-href",
    "tests/apps/polluter", "examples/apps/chart", "examples/apps/filter",
    "examples/apps/orders-table", "examples/apps/summary", "examples/apps/vue-todo",
]  # fmt: skip

SETUP = f"""import anywidget
import ipywidgets as widgets
from microfrontends import GlobalState, MicroApp

ENTRIES = {[str(REPO_ROOT / entry) for entry in ENTRIES]!r}
orders = [{{"id": i, "customer": "Acme", "region": "EU", "amount": 10 * i}} for i in range(20)]
state = GlobalState({{"region": "All", "min_amount": 0, "orders": orders, "summary": {{}}}})


class Bare(anywidget.AnyWidget):
    _esm = \"\"\"export default {{ render({{ el }}) {{
      const div = document.createElement('div');
      div.className = 'bare-probe';
      div.textContent = 'bare anywidget';
      el.append(div);
    }} }};\"\"\"


def apps(count):
    return widgets.VBox([
        MicroApp(ENTRIES[i % len(ENTRIES)], state=state, height=120) for i in range(count)
    ])


def bare(count):
    return widgets.VBox([Bare() for _ in range(count)])
"""

# Runs a cell and resolves with the milliseconds until `count` apps are MOUNTED (or `count` bare
# widgets rendered) in its output; rejects if an app failed.
TIME_CELL = time_cell(
    """kind === 'apps'
    ? cell().querySelectorAll('[data-microfrontends-status="MOUNTED"]').length === count
    : cell().querySelectorAll('.bare-probe').length === count""",
    params=("kind", "count"),
    failure="""(() => {
    const broken = cell().querySelector('[data-microfrontends-status="LOAD_ERROR"],'
      + '[data-microfrontends-status="SKIP_BECAUSE_BROKEN"]');
    return broken && 'an app failed: ' + broken.dataset.microfrontendsApp;
  })()""",
)


def _heap_after_gc(cdp) -> float:
    for _ in range(3):
        cdp.send("HeapProfiler.collectGarbage")
    return float(cdp.send("Runtime.getHeapUsage")["usedSize"])


def measure(counts: tuple[int, ...] = COUNTS, rounds: int = ROUNDS) -> dict[str, dict]:
    names = [f"{kind} {count}" for count in counts for kind in ("apps", "bare")]
    cells = [SETUP] + [f"{kind}({count})" for kind, count in map(str.split, names)]
    runs: dict[str, dict[str, list[float]]] = {name: {"ms": [], "heap_kb": []} for name in names}
    with tempfile.TemporaryDirectory() as tmp, chromium() as context:
        lab = start_lab(Path(tmp))
        try:
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            nb = open_notebook(page, lab, cells)
            nb.run_cell(0)
            index = {name: 1 + i for i, name in enumerate(runs)}
            # Round 0 warms the kernel, the caches and the JIT and is not counted.
            for round_ in range(rounds + 1):
                for name in interleaved(list(runs), 1) if round_ == 0 else _rotated(runs, round_):
                    kind, count = name.split()
                    before = _heap_after_gc(cdp)
                    elapsed = page.evaluate(TIME_CELL, [nb.path, index[name], kind, int(count)])
                    after = _heap_after_gc(cdp)
                    nb.clear_outputs(index[name])
                    if round_ > 0:
                        runs[name]["ms"].append(elapsed)
                        runs[name]["heap_kb"].append((after - before) / 1024)
            nb.close()
        finally:
            lab.stop()
    return _summarise(runs, counts)


def _rotated(runs: dict, round_: int) -> list[str]:
    names = list(runs)
    shift = (2 * round_) % len(names)
    return names[shift:] + names[:shift]


def _summarise(runs: dict[str, dict[str, list[float]]], counts: tuple[int, ...]) -> dict:
    out: dict[str, dict] = {}
    for count in counts:
        apps, bare = runs[f"apps {count}"], runs[f"bare {count}"]
        ms, bare_ms = statistics.median(apps["ms"]), statistics.median(bare["ms"])
        heap, bare_heap = statistics.median(apps["heap_kb"]), statistics.median(bare["heap_kb"])
        out[str(count)] = {
            "apps_ms": round(ms, 1),
            "bare_ms": round(bare_ms, 1),
            "ratio": round(ms / bare_ms, 2),
            "ms_per_app": round(ms / count, 1),
            "heap_kb": round(heap),
            "bare_heap_kb": round(bare_heap),
            "heap_kb_per_app": round(heap / count, 1),
        }
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args()
    print(json.dumps(measure(rounds=args.rounds), indent=2))
