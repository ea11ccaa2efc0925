"""The main job: notebooks/dashboard.ipynb served by Voila, as the README's first command does."""

from __future__ import annotations

from pathlib import Path

import nbformat
from playwright.sync_api import Locator, Page, expect

from .conftest import APPS_DIR, REPO_ROOT, WRITE_DOCS, NotebookFactory, VoilaFactory

DASHBOARD = REPO_ROOT / "notebooks" / "dashboard.ipynb"
SCREENSHOT = REPO_ROOT / "docs" / "dashboard.png"
APPS = ("filter", "orders", "chart", "summary", "todo", "customers")
APPS_ROOT = REPO_ROOT / "examples" / "apps"


def app(page: Page, name: str) -> Locator:
    return page.locator(f'[data-microfrontends-app="{name}"]')


def open_dashboard(page: Page, voila: VoilaFactory) -> None:
    server = voila(DASHBOARD)
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(server.url, timeout=120_000)
    for name in APPS:
        expect(app(page, name)).to_have_attribute(
            "data-microfrontends-status", "MOUNTED", timeout=60_000
        )


def test_apps_share_state_with_each_other_and_python(page: Page, voila: VoilaFactory) -> None:
    open_dashboard(page, voila)
    table, chart, summary = app(page, "orders"), app(page, "chart"), app(page, "summary")
    expect(table.locator("#orders-count")).to_have_text("60 orders")
    expect(summary.locator("#summary-count")).to_have_text("60")
    totals_all = chart.locator("#chart").get_attribute("data-totals")

    # A click in the plain-JS filter app reaches the Vue table and the ECharts chart at once,
    # and Python, whose summary the lodash app shows.
    app(page, "filter").locator('button[data-region="US"]').click()
    expect(table.locator("#orders-scope")).to_have_text("US")
    us_rows = table.locator(".order-row")
    count = us_rows.count()
    assert 0 < count < 60
    for index in range(count):
        expect(us_rows.nth(index).locator("td").nth(2)).to_have_text("US")
    expect(chart.locator("#chart")).to_have_attribute("data-region", "US")
    expect(summary.locator("#summary-scope")).to_have_text("US")
    expect(summary.locator("#summary-count")).to_have_text(str(count))

    # The ipywidgets slider in the same grid changes what the apps show.
    handle = page.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    expect(table.locator("#orders-scope")).to_have_text("US, from 400")
    expect(summary.locator("#summary-scope")).to_have_text("US, from 400")
    amounts = [
        int(text.replace(",", ""))
        for text in table.locator(".order-row td.num").all_text_contents()
    ]
    assert amounts and min(amounts) >= 400
    assert chart.locator("#chart").get_attribute("data-totals") != totals_all

    # An event from the Vue table reaches a Python handler, which updates an ipywidget.
    table.locator(".order-row").first.click()
    expect(page.get_by_text("Selected order #")).to_be_visible()

    # Apps follow the page's theme: JupyterLab's CSS variables reach into each shadow root.
    assert (
        summary.evaluate(
            "el => getComputedStyle(el.shadowRoot.querySelector('body'))"
            ".getPropertyValue('--jp-layout-color1').trim()"
        )
        != ""
    )

    app(page, "filter").locator('button[data-region="All"]').click()
    expect(table.locator("#orders-scope")).to_have_text("all regions, from 400")
    if WRITE_DOCS:  # the README's screenshot, from a run that got this far
        page.wait_for_timeout(1200)  # ECharts animates; the screenshot shows it drawn
        page.screenshot(path=SCREENSHOT)


def test_vite_app_follows_the_state_and_loads_its_chunk_on_demand(
    page: Page, voila: VoilaFactory
) -> None:
    """The customers app is a Vite build (Preact and htm from npm): ES modules, CSS imported
    from JS, and a chunk loaded with import() when a customer is picked, all served by the
    kernel from the app's dist/ folder."""
    open_dashboard(page, voila)
    customers, summary = app(page, "customers"), app(page, "summary")
    page.get_by_role("tab", name="Customers").click()
    rows = customers.locator(".customer-row")
    expect(rows).to_have_count(8)
    expect(customers.locator("#customers-scope")).to_have_text("all regions")
    # Its own totals of the shared orders agree with the summary Python computes.
    expect(customers.locator("#customers-total")).to_have_text(
        summary.locator("#summary-total").inner_text()
    )
    # The stylesheet its entry module imports styles its rows.
    bar = rows.first.locator(".bar span")
    expect(bar).to_have_css("background-color", "rgb(84, 112, 198)")
    expect(bar).to_have_attribute("style", "width: 100%;")

    app(page, "filter").locator('button[data-region="EU"]').click()
    expect(customers.locator("#customers-scope")).to_have_text("EU")
    expect(summary.locator("#summary-scope")).to_have_text("EU")
    expect(customers.locator("#customers-total")).to_have_text(
        summary.locator("#summary-total").inner_text()
    )

    # Picking a customer loads the details chunk (with its CSS) and tells Python.
    first = rows.first
    name = first.get_attribute("data-customer")
    first.click()
    details = customers.locator("#customer-details")
    expect(details).to_contain_text(f"{name}: ")
    orders = details.locator(".customer-order")
    expect(orders.first).to_be_visible()
    for region in orders.evaluate_all("items => items.map(item => item.dataset.region)"):
        assert region == "EU"
    expect(details.locator("ul")).to_have_css("column-count", "2")
    expect(page.get_by_text(f"Selected customer {name}:")).to_be_visible()
    # The modules ran in the app's realm: nothing of them reached the page.
    assert page.evaluate("typeof window.preact") == "undefined"


def test_apps_fill_their_cells_and_follow_resizes(page: Page, voila: VoilaFactory) -> None:
    open_dashboard(page, voila)
    table, chart = app(page, "orders"), app(page, "chart")
    table_box = table.bounding_box()
    cell_box = table.locator("xpath=ancestor::div[contains(@class,'widget-gridbox')][1]")
    assert table_box and table_box["height"] >= 440  # the 460px row, not its content
    assert cell_box.count() == 1
    width = int(chart.locator("#chart").get_attribute("data-width") or 0)
    assert width > 300
    page.set_viewport_size({"width": 900, "height": 1000})
    expect(chart.locator("#chart")).not_to_have_attribute("data-width", str(width))
    assert int(chart.locator("#chart").get_attribute("data-width") or 0) < width


def test_tabs_keep_apps_alive(page: Page, voila: VoilaFactory) -> None:
    open_dashboard(page, voila)
    todo = app(page, "todo")
    page.get_by_role("tab", name="Todo").click()
    expect(todo.locator("#new-todo")).to_be_visible()
    todo.locator("#new-todo").fill("Keep me")
    todo.locator("#add-todo").click()
    expect(todo.locator("#todo-count")).to_have_text("4 of 4 left")
    page.evaluate(
        "document.querySelector('iframe[data-microfrontends-realm=\"todo\"]')"
        ".contentWindow.keptAlive = true"
    )

    page.get_by_role("tab", name="Chart").click()
    expect(todo.locator("#new-todo")).to_be_hidden()
    expect(app(page, "chart").locator("canvas")).to_be_visible()
    page.get_by_role("tab", name="Todo").click()
    expect(todo.locator("#todo-count")).to_have_text("4 of 4 left")
    assert todo.get_attribute("data-microfrontends-status") == "MOUNTED"
    assert (
        page.evaluate(
            "document.querySelector('iframe[data-microfrontends-realm=\"todo\"]')"
            ".contentWindow.keptAlive"
        )
        is True
    )


def test_a_broken_app_shows_its_panel_in_its_cell(
    page: Page, voila: VoilaFactory, tmp_path: Path
) -> None:
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "from microfrontends import Dashboard, MicroApp\n"
                "ok = MicroApp(html='<p id=fine>fine</p>', name='fine')\n"
                "bad = MicroApp(html='<script>throw new Error(\"broken on purpose\")</script>',"
                " name='bad')\n"
                f"slow = MicroApp({str(APPS_DIR / 'hang-mount')!r}, name='slow',"
                " lifecycle_timeout=4)\n"
                "Dashboard({'left': ok, 'right': bad, 'slow': slow}, areas=['left right slow'],"
                " rows='200px')"
            )
        ],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    path = tmp_path / "broken.ipynb"
    nbformat.write(notebook, path)
    server = voila(path)
    page.goto(server.url, timeout=120_000)
    expect(app(page, "bad")).to_have_attribute(
        "data-microfrontends-status", "LOAD_ERROR", timeout=60_000
    )
    panel = app(page, "bad").locator(".microfrontends-error")
    expect(panel).to_contain_text("broken on purpose")
    box = app(page, "bad").bounding_box()
    assert box and box["height"] >= 190  # the panel sits in the app's 200px cell
    expect(app(page, "fine")).to_have_attribute("data-microfrontends-status", "MOUNTED")
    expect(app(page, "fine").locator("#fine")).to_have_text("fine")
    # While an app loads, a loading indicator fills its cell; then its panel does.
    slow = app(page, "slow")
    loading = slow.locator(".microfrontends-loading")
    expect(loading).to_be_visible()
    box = loading.bounding_box()
    assert box and box["height"] >= 190
    expect(slow).to_have_attribute(
        "data-microfrontends-status", "SKIP_BECAUSE_BROKEN", timeout=20_000
    )
    expect(loading).to_have_count(0)
    expect(slow.locator(".microfrontends-error")).to_contain_text("did not settle")


def test_dashboard_notebook_runs_cell_by_cell_in_jupyterlab(notebook: NotebookFactory) -> None:
    source = nbformat.read(DASHBOARD, as_version=4)
    cells = [
        cell.source.replace('Path("../examples/apps")', f"Path({str(APPS_ROOT)!r})")
        for cell in source.cells
        if cell.cell_type == "code"
    ]
    nb = notebook(cells)
    for index in range(len(cells)):
        nb.run_cell(index)
    last = nb.output(len(cells) - 1)
    for name in ("filter", "orders", "chart", "summary", "customers"):
        expect(last.locator(f'[data-microfrontends-app="{name}"]')).to_have_attribute(
            "data-microfrontends-status", "MOUNTED", timeout=60_000
        )
    last.locator('[data-microfrontends-app="filter"] button[data-region="MEA"]').click()
    expect(last.locator('[data-microfrontends-app="summary"] #summary-scope')).to_have_text("MEA")
