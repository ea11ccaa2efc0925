"""The main job: notebooks/dashboard.ipynb served by Voila, as the README's first command does."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import REPO_ROOT, VoilaFactory

DASHBOARD = REPO_ROOT / "notebooks" / "dashboard.ipynb"
SCREENSHOT = REPO_ROOT / "docs" / "dashboard.png"


def test_voila_dashboard_mounts_every_app(page: Page, voila: VoilaFactory) -> None:
    server = voila(DASHBOARD)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(server.url, timeout=120_000)
    apps = page.locator("[data-microfrontends-app]")
    expect(apps).to_have_count(2, timeout=60_000)
    for name in ("vue-todo", "chart"):
        expect(page.locator(f'[data-microfrontends-app="{name}"]')).to_have_attribute(
            "data-microfrontends-status", "MOUNTED", timeout=60_000
        )
    todo = page.locator('[data-microfrontends-app="vue-todo"]')
    todo.locator("#new-todo").fill("Try the dashboard")
    todo.locator("#add-todo").click()
    expect(todo.locator("#todo-count")).to_have_text("4 of 4 left")
    chart = page.locator('[data-microfrontends-app="chart"]')
    expect(chart.locator("canvas")).to_have_count(1)
    assert chart.locator("canvas").evaluate("c => c.width") > 100
    # The Python callback observing the status traits shows both apps mounted.
    expect(page.get_by_text("vue-todo: MOUNTED")).to_be_visible()
    expect(page.get_by_text("chart: MOUNTED")).to_be_visible()
    # ECharts animates its bars in; the README's screenshot shows them drawn.
    page.wait_for_timeout(1500)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOT)
