"""microfrontends in Solara: `solara run examples/hosts/solara_app.py`.

An app inside a Solara component (in `Tabs`), a `Dashboard` of two apps sharing a `GlobalState`
with Python, and Solara state that follows that `GlobalState` both ways: a reactive variable
that the apps' changes update (re-rendering the text that reads it), and a Solara button that
sets the state from Python. Each browser tab gets widgets and state of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets
import solara

from microfrontends import Dashboard, GlobalState, MicroApp, Tabs

# The repository's example apps, served from their folders by the kernel: Solara runs no
# Jupyter server, so their files travel over the widgets' messages.
APPS = Path(__file__).resolve().parents[1] / "apps"
REGIONS = ["All", "EU", "US", "APAC", "LATAM", "MEA"]
ORDERS = [{"id": i, "region": REGIONS[1 + i % 5], "amount": 100 + 37 * i % 900} for i in range(40)]

# The region the apps picked, as Solara state: each browser tab has its own value.
region = solara.reactive("All")


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


def make_state() -> GlobalState:
    """The tab's shared state; every change is copied into ``region`` and re-summarized."""
    state = GlobalState({"region": "All", "orders": ORDERS, "summary": {}})

    def on_change(change: Any) -> None:
        region.value = change.new["region"]
        summarize(state)

    state.observe(on_change)
    summarize(state)
    return state


def make_dashboard(state: GlobalState) -> Dashboard:
    """A region filter above Python's summary, both on ``state``."""
    return Dashboard(
        {
            "filter": MicroApp(APPS / "filter", name="filter", state=state),
            "summary": MicroApp(APPS / "summary", name="summary", state=state),
        },
        areas=["filter", "summary"],
        rows="auto 180px",
    )


def make_tabs() -> Tabs:
    """A todo app in a tab, beside a tab of notes (an ipywidget)."""
    todo = MicroApp(APPS / "vue-todo", name="todo")
    notes = widgets.HTML('<p class="tab-notes">Apps and widgets share tabs.</p>')
    return Tabs({"Todo": todo, "Notes": notes}, height="260px")


@solara.component
def Page() -> None:
    """A todo app in tabs, the region Python saw with a button to set it, and the dashboard."""
    # Widgets are made once per tab (use_memo), not on every render.
    tabs = solara.use_memo(make_tabs, [])
    state = solara.use_memo(make_state, [])
    dashboard = solara.use_memo(lambda: make_dashboard(state), [])

    with solara.Column():
        solara.Text("Apps in Solara", style={"font-size": "24px"})
        solara.display(tabs)
        with solara.Row():
            solara.Text("Region in Python:")
            solara.Text(region.value, classes=["python-region"])
            solara.Button("EU from Python", on_click=lambda: state.update(region="EU"))
        solara.display(dashboard)
