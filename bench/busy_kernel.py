"""Display to first paint with the kernel busy vs idle, in JupyterLab (issue: busy kernels).

Each trial runs one cell that displays a local-folder app: ``idle`` ends right after the display,
``busy`` then sleeps ``BUSY_SECONDS`` in the same cell (the kernel is busy while the app loads),
and ``busy_via_kernel`` does the same with a folder the Jupyter server was not told about, so its
files come over the kernel's messages, as where the server extension is absent. Every trial uses
a fresh copy of the app's folder, so no page or kernel cache serves it. The time is from running
the cell to the app's content visible and the app MOUNTED (both ends stamped in the page).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from harness import REPO_ROOT, chromium, interleaved, ratios, time_cell

from tests.browser.notebook import open_notebook
from tests.browser.servers import start_lab

TRIALS = 15
WARMUP = 1
BUSY_SECONDS = 3

SETUP = f"""
import os, shutil, tempfile, time
from microfrontends import MicroApp
PLAIN = {str(REPO_ROOT / "tests" / "apps" / "plain")!r}

def fresh_app():
    return MicroApp(shutil.copytree(PLAIN, tempfile.mkdtemp() + "/plain"), height=200)

def unpublished_app():
    # The kernel lists its folder where the server does not look: the kernel serves it.
    listed = os.environ["JUPYTER_RUNTIME_DIR"]
    os.environ["JUPYTER_RUNTIME_DIR"] = tempfile.mkdtemp()
    try:
        return fresh_app()
    finally:
        os.environ["JUPYTER_RUNTIME_DIR"] = listed
"""
CELLS = {
    "idle": "display(fresh_app())",
    "busy": f"display(fresh_app())\ntime.sleep({BUSY_SECONDS})",
    "busy_via_kernel": f"display(unpublished_app())\ntime.sleep({BUSY_SECONDS})",
}
VISIBLE = (
    "(() => { const host = cell().querySelector('[data-microfrontends-app]');"
    " return !!host?.shadowRoot?.querySelector('#title')"
    " && host.dataset.microfrontendsStatus === 'MOUNTED'; })()"
)


def measure(trials: int = TRIALS) -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as tmp, chromium() as context:
        lab = start_lab(Path(tmp))
        try:
            page = context.new_page()
            nb = open_notebook(page, lab, [SETUP, *CELLS.values()])
            nb.run_cell(0)
            index = {kind: position + 1 for position, kind in enumerate(CELLS)}
            timed = time_cell(VISIBLE)
            for kind in interleaved(list(CELLS), WARMUP):
                page.evaluate(timed, [nb.path, index[kind]])
            times: dict[str, list[float]] = {kind: [] for kind in CELLS}
            for kind in interleaved(list(CELLS), trials):
                times[kind].append(page.evaluate(timed, [nb.path, index[kind]]))
            nb.close()
        finally:
            lab.stop()
    return {"busy_seconds": BUSY_SECONDS, **ratios(times, "idle")}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=TRIALS)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    results = measure(args.trials)
    text = json.dumps(results, indent=2)
    if args.json:
        args.json.write_text(text + "\n")
    print(text)
