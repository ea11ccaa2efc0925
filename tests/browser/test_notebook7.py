"""The dashboard notebook also runs cell by cell in Notebook 7."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Page, expect

from .conftest import REPO_ROOT
from .notebook import RUN_ALL_CELLS
from .servers import start_notebook7


def test_dashboard_runs_in_notebook_7(page: Page, tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "notebooks" / "dashboard.ipynb", root / "notebooks")
    (root / "examples").symlink_to(REPO_ROOT / "examples")
    server = start_notebook7(root, tmp_path / "state")
    try:
        page.goto(f"{server.url}notebooks/notebooks/dashboard.ipynb?token={server.token}")
        page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
        page.evaluate(RUN_ALL_CELLS)
        for name in ("filter", "orders", "summary", "customers"):
            expect(page.locator(f'[data-microfrontends-app="{name}"]')).to_have_attribute(
                "data-microfrontends-status", "MOUNTED", timeout=60_000
            )
        table = page.locator('[data-microfrontends-app="orders"]')
        page.locator('[data-microfrontends-app="filter"] button[data-region="EU"]').click()
        expect(table.locator("#orders-scope")).to_have_text("EU")
    finally:
        server.stop()
