"""microfrontends in marimo: `marimo run examples/hosts/marimo_app.py` (or `marimo edit`)."""

import marimo

__generated_with = "0.25.2"
app = marimo.App(width="full")


@app.cell
def _():
    import marimo as mo

    from microfrontends import Dashboard, GlobalState, MicroApp, Tabs

    # The repository's example apps, served from their folders by the kernel.
    APPS = mo.notebook_dir().parent / "apps"
    return APPS, Dashboard, GlobalState, MicroApp, Tabs, mo


@app.cell
def _(mo):
    mo.md("""
    # Apps in marimo

    An app as a cell's output, an app through `mo.ui.anywidget`, a `Dashboard` of two apps
    sharing a `GlobalState` with Python, whose changes re-run the cells that read them, and
    apps in `Tabs`.
    """)
    return


@app.cell
def _(APPS, MicroApp):
    # marimo shows any anywidget as a cell's output.
    todo = MicroApp(APPS / "vue-todo", name="todo", height="260px")
    todo
    return


@app.cell
def _(APPS, MicroApp, mo):
    # mo.ui.anywidget makes it a marimo UI element: its value is the widget's traits, and the
    # cells that read it re-run when the page changes one (here the app's status).
    chart = mo.ui.anywidget(MicroApp(APPS / "chart", name="chart", height="300px"))
    chart
    return (chart,)


@app.cell
def _(chart, mo):
    status = chart.value["status"]
    mo.md(f"""
    The chart app is <b id="chart-status">{status}</b>.
    """)
    return


@app.cell
def _(GlobalState):
    REGIONS = ["All", "EU", "US", "APAC", "LATAM", "MEA"]
    ORDERS = [
        {"id": i, "region": REGIONS[1 + i % 5], "amount": 100 + 37 * i % 900} for i in range(40)
    ]
    state = GlobalState({"region": "All", "orders": ORDERS, "summary": {}})

    def summarize(_change: object = None) -> None:
        """Python computes what the summary app shows, whoever picked the region."""
        region = state["region"]
        rows = [o for o in ORDERS if region == "All" or o["region"] == region]
        total = sum(o["amount"] for o in rows)
        summary = {
            "count": len(rows),
            "total": total,
            "average": total / len(rows) if rows else 0,
            "scope": "all regions" if region == "All" else region,
        }
        if state["summary"] != summary:
            state["summary"] = summary

    state.observe(summarize)
    summarize()
    return REGIONS, state


@app.cell
def _(mo, state):
    # marimo's reactivity for the state: an observer sets a mo.state, and every cell that
    # reads it re-runs when an app (or Python) changes the region.
    get_region, set_region = mo.state(state["region"])
    state.observe(lambda change: set_region(change.new["region"]))
    return (get_region,)


@app.cell
def _(APPS, Dashboard, MicroApp, state):
    region_filter = MicroApp(APPS / "filter", name="filter", state=state)
    summary = MicroApp(APPS / "summary", name="summary", state=state)
    Dashboard(
        {"filter": region_filter, "summary": summary},
        areas=["filter", "summary"],
        rows="auto 200px",
    )
    return


@app.cell
def _(get_region, mo):
    mo.md(f"""
    Python sees the region <b id="python-region">{get_region()}</b>.
    """)
    return


@app.cell
def _(REGIONS, mo):
    # A marimo control that sets the state from Python: the apps follow.
    region_picker = mo.ui.radio(REGIONS, value="All", label="Region, set from Python")
    region_picker
    return (region_picker,)


@app.cell
def _(region_picker, state):
    state["region"] = region_picker.value
    return


@app.cell
def _(APPS, MicroApp, Tabs, state):
    # Switching tabs hides an app and keeps it running, with what it holds.
    Tabs(
        {
            "Orders": MicroApp(APPS / "orders-table", name="orders", state=state),
            "Notes": MicroApp(APPS / "vue-todo", name="notes"),
        },
        height="320px",
    )
    return


if __name__ == "__main__":
    app.run()
