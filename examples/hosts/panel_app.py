"""microfrontends in Panel: `panel serve examples/hosts/panel_app.py`.

Panel shows ipywidgets, anywidgets among them, through `pn.pane.IPyWidget` (with the
`ipywidgets_bokeh` package). Here: an app in `Tabs`, a `Dashboard` of two apps sharing a
`GlobalState` with Python, a Panel text that follows the state, and a Panel button that sets it
from Python. Panel runs this script for each page view, so each gets widgets and state of its
own.

Panel's widget manager loads anywidget's front end (`anywidget/dist/index.js`) from unpkg.com;
the page needs that host, or a proxy that answers for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets
import panel as pn

from microfrontends import Dashboard, GlobalState, MicroApp, Tabs

pn.extension("ipywidgets")

# The repository's example apps, served from their folders by the kernel: Panel runs no
# Jupyter server, so their files travel over the widgets' messages.
APPS = Path(__file__).resolve().parents[1] / "apps"
REGIONS = ["All", "EU", "US", "APAC", "LATAM", "MEA"]
ORDERS = [{"id": i, "region": REGIONS[1 + i % 5], "amount": 100 + 37 * i % 900} for i in range(40)]


def summarize(state: GlobalState) -> None:
    """Python computes what the summary app shows, whoever picked the region."""
    picked = state["region"]
    rows = [o for o in ORDERS if picked == "All" or o["region"] == picked]
    total = sum(o["amount"] for o in rows)
    summary = {
        "count": len(rows),
        "total": total,
        "average": total / len(rows) if rows else 0,
        "scope": "all regions" if picked == "All" else picked,
    }
    if state["summary"] != summary:
        state["summary"] = summary


state = GlobalState({"region": "All", "orders": ORDERS, "summary": {}})
# The region the apps picked, as Panel state: the text below re-renders when it changes.
region = pn.rx("All")


def on_change(change: Any) -> None:
    region.rx.value = change.new["region"]
    summarize(state)


state.observe(on_change)
summarize(state)

todo = MicroApp(APPS / "vue-todo", name="todo")
notes = widgets.HTML('<p class="tab-notes">Apps and widgets share tabs.</p>')
tabs = Tabs({"Todo": todo, "Notes": notes}, height="260px")
dashboard = Dashboard(
    {
        "filter": MicroApp(APPS / "filter", name="filter", state=state),
        "summary": MicroApp(APPS / "summary", name="summary", state=state),
    },
    areas=["filter", "summary"],
    rows="auto 180px",
)
from_python = pn.widgets.Button(name="EU from Python")
from_python.on_click(lambda _event: state.update(region="EU"))

pn.Column(
    "# Apps in Panel",
    pn.pane.IPyWidget(tabs, sizing_mode="stretch_width"),
    pn.Row(
        "Region in Python:",
        pn.pane.HTML(region.rx.pipe(lambda r: f'<b class="python-region">{r}</b>')),
        from_python,
    ),
    pn.pane.IPyWidget(dashboard, sizing_mode="stretch_width"),
    sizing_mode="stretch_width",
).servable(title="microfrontends in Panel")
