"""Voila: navigation to every app of the dashboard mounted, against bare anywidgets."""

from __future__ import annotations

import tempfile
from pathlib import Path

import nbformat
from harness import BARE_WIDGET, REPO_ROOT, all_in_stamp, chromium, ratios

from tests.browser.servers import start_voila

TRIALS = 8
DASHBOARD = REPO_ROOT / "notebooks" / "dashboard.ipynb"
APP_COUNT = 6

# The same layout (areas, rows, tabs) with bare anywidgets in place of the apps.
BARE_CELLS = [
    BARE_WIDGET
    + """import ipywidgets as widgets
from microfrontends import Dashboard, Tabs

cells = [Bare() for _ in range(6)]
Dashboard(
    {"filter": cells[0], "controls": widgets.VBox([widgets.IntSlider(), widgets.HTML("x")]),
     "summary": cells[1], "orders": cells[2],
     "charts": Tabs({"Chart": cells[3], "Customers": cells[5], "Todo": cells[4]},
                    height="420px")},
    areas=["filter filter", "controls summary", "orders charts"],
    columns="1fr 1fr", rows="auto auto 460px", gap="10px",
)""",
]


def _write_bare(folder: Path) -> Path:
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(code) for code in BARE_CELLS],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    path = folder / "bare.ipynb"
    nbformat.write(notebook, path)
    return path


def measure(trials: int = TRIALS) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp, chromium() as context:
        tmp_path = Path(tmp)
        apps = start_voila(DASHBOARD, tmp_path / "apps")
        bare = start_voila(_write_bare(tmp_path), tmp_path / "bare")
        try:
            context.add_init_script(all_in_stamp(APP_COUNT))
            times: dict[str, list[float]] = {"apps": [], "bare": []}
            for trial in range(trials + 1):
                for kind, url in (("apps", apps.url), ("bare", f"{bare.url}?bare")):
                    page = context.new_page()
                    page.goto(url, timeout=120_000)
                    page.wait_for_function("() => window.__allIn !== undefined", timeout=120_000)
                    if trial > 0:  # the first load of each warms the servers and caches
                        times[kind].append(page.evaluate("window.__allIn"))
                    page.close()
        finally:
            apps.stop()
            bare.stop()
    return ratios(times, "bare")
