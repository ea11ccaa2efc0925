"""Every host: page load to all apps of the host's example dashboard visible, against the same
layout of bare anywidgets in the same host, in one run.

Each host runs its example of examples/hosts (a `Dashboard` of apps from local folders, with
`Tabs`) and a copy with a bare anywidget in place of each app. Time runs from navigation start
to the first frame on which every app is MOUNTED (or every bare widget is in): in JupyterLab and
Notebook 7 that includes opening the notebook and running all its cells, as a user does.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import nbformat
from harness import BARE_WIDGET, REPO_ROOT, all_in_stamp, chromium, interleaved, ratios
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from tests.browser.marimo_server import copy_notebook, start_marimo
from tests.browser.notebook import RUN_ALL_CELLS
from tests.browser.panel_server import serve_anywidget_locally, start_panel
from tests.browser.servers import LabServer, start_lab, start_notebook7, start_voila
from tests.browser.solara_server import start_solara

TRIALS = 6
EXAMPLES = REPO_ROOT / "examples" / "hosts"
# The apps of each example: filter, summary and, in a tab, todo; marimo's shows three more.
APP_COUNT = 3
MARIMO_APP_COUNT = 6


def _nothing(page: Page) -> None:
    """A page needs nothing more."""


@dataclass
class Served:
    """A host serving the example (``apps``) and its bare copy (``bare``), with what a page
    needs before it loads (``prepare``) and how to start its run once it has (``run``)."""

    apps: str
    bare: str
    count: int = APP_COUNT
    run: Callable[[Page], None] = _nothing
    prepare: Callable[[Page], None] = _nothing


def _bare_notebook(example: Path, target: Path) -> Path:
    """The example with a bare anywidget in place of each MicroApp (same layout)."""
    notebook = nbformat.read(example, as_version=4)
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    cells[0].source = BARE_WIDGET + "\n" + cells[0].source
    last = cells[-1]
    for name in ("region_filter", "summary", "todo"):
        last.source = last.source.replace(f"{name} = MicroApp(", f"{name} = Bare()  # MicroApp(")
    nbformat.write(notebook, target)
    return target


def _jupyter_root(root: Path) -> Path:
    """``root``/examples/hosts with the example and its bare copy, beside the repo's apps."""
    hosts = root / "examples" / "hosts"
    hosts.mkdir(parents=True)
    (root / "examples" / "apps").symlink_to(REPO_ROOT / "examples" / "apps")
    example = Path(shutil.copy(EXAMPLES / "jupyter.ipynb", hosts / "apps.ipynb"))
    _bare_notebook(example, hosts / "bare.ipynb")
    return hosts


class _Server(Protocol):
    url: str

    def stop(self) -> None: ...


@contextmanager
def _two_servers(
    apps: _Server,
    bare: _Server,
    *,
    count: int = APP_COUNT,
    prepare: Callable[[Page], None] = _nothing,
) -> Iterator[Served]:
    """The host's servers of the example and its bare copy, stopped afterwards."""
    try:
        yield Served(apps.url, f"{bare.url}?bare", count=count, prepare=prepare)
    finally:
        apps.stop()
        bare.stop()


def _run_all(page: Page) -> None:
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
    page.evaluate(RUN_ALL_CELLS)


@contextmanager
def _voila(tmp: Path) -> Iterator[Served]:
    hosts = _jupyter_root(tmp / "root")
    with _two_servers(
        start_voila(hosts / "apps.ipynb", tmp / "apps"),
        start_voila(hosts / "bare.ipynb", tmp / "bare"),
    ) as served:
        yield served


@contextmanager
def _lab(tmp: Path) -> Iterator[Served]:
    _jupyter_root(tmp / "nb")
    server = start_lab(tmp)
    # `reset`: a page shows only the notebook it opens, not the ones the workspace had open.
    with _opened_by_url(server, "lab/tree", "reset&") as served:
        yield served


@contextmanager
def _notebook7(tmp: Path) -> Iterator[Served]:
    _jupyter_root(tmp / "root")
    with _opened_by_url(start_notebook7(tmp / "root", tmp / "state"), "notebooks", "") as served:
        yield served


@contextmanager
def _opened_by_url(server: LabServer, route: str, query: str) -> Iterator[Served]:
    """The example and its copy opened by URL in JupyterLab or Notebook 7, then run."""
    base = f"{server.url}{route}/examples/hosts"
    try:
        yield Served(
            *(f"{base}/{name}.ipynb?{query}token={server.token}" for name in ("apps", "bare")),
            run=_run_all,
        )
    finally:
        server.stop()


def _bare_script(example: Path, target: Path) -> Path:
    """A host's example script whose ``MicroApp`` makes a bare anywidget instead (same layout):
    defined where the script imports it (in marimo, inside the importing cell)."""
    lines = example.read_text().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "from microfrontends import" in line)
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    bare = BARE_WIDGET + "\nMicroApp = lambda *args, **kwargs: Bare()  # noqa: E731\n"
    lines[at + 1 : at + 1] = [f"{indent}{line}" if line.strip() else line for line in
                              bare.splitlines(keepends=True)]  # fmt: skip
    target.write_text("".join(lines))
    return target


@contextmanager
def _solara(tmp: Path) -> Iterator[Served]:
    with _two_servers(
        start_solara(EXAMPLES / "solara_app.py", tmp / "apps"),
        start_solara(_bare_script(EXAMPLES / "solara_app.py", tmp / "bare.py"), tmp / "bare"),
    ) as served:
        yield served


@contextmanager
def _panel(tmp: Path) -> Iterator[Served]:
    with _two_servers(
        start_panel(EXAMPLES / "panel_app.py", tmp / "apps"),
        start_panel(_bare_script(EXAMPLES / "panel_app.py", tmp / "bare.py"), tmp / "bare"),
        prepare=serve_anywidget_locally,
    ) as served:
        yield served


@contextmanager
def _marimo(tmp: Path) -> Iterator[Served]:
    apps_dir = EXAMPLES.parent / "apps"
    notebook = copy_notebook(EXAMPLES / "marimo_app.py", tmp / "apps", apps_dir)
    bare = _bare_script(notebook, copy_notebook(notebook, tmp / "bare", apps_dir))
    with _two_servers(
        start_marimo("run", notebook, tmp / "apps"),
        start_marimo("run", bare, tmp / "bare"),
        count=MARIMO_APP_COUNT,
    ) as served:
        yield served


HOSTS = {
    "Voila": _voila,
    "JupyterLab": _lab,
    "Notebook 7": _notebook7,
    "Solara": _solara,
    "Panel": _panel,
    "marimo run": _marimo,
}


def _load(page: Page, url: str, served: Served) -> float:
    served.prepare(page)
    page.goto(url, timeout=120_000)
    served.run(page)
    page.wait_for_function("() => window.__allIn !== undefined", timeout=120_000)
    return float(page.evaluate("window.__allIn"))


def measure(trials: int = TRIALS, hosts: list[str] | None = None) -> dict[str, dict]:
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp, chromium() as context:
        for host in hosts or list(HOSTS):
            with HOSTS[host](Path(tmp) / host.replace(" ", "-")) as served:
                times: dict[str, list[float]] = {"apps": [], "bare": []}
                # The first load of each warms the servers, kernels and caches.
                for index, kind in enumerate(interleaved(["apps", "bare"], trials + 1)):
                    page = context.new_page()
                    page.add_init_script(all_in_stamp(served.count))
                    try:
                        elapsed = _load(page, getattr(served, kind), served)
                    except PlaywrightError as error:
                        raise RuntimeError(f"{host}, {kind}: {error}") from error
                    if index >= 2:
                        times[kind].append(elapsed)
                    page.close()
            results[host] = ratios(times, "bare")
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=TRIALS)
    parser.add_argument("--hosts", nargs="+", choices=list(HOSTS))
    args = parser.parse_args()
    print(json.dumps(measure(args.trials, args.hosts), indent=2))
