"""Dashboard and Tabs in marimo: the HTML their display hook gives marimo, and marimo stays
optional (imported only when marimo displays a layout)."""

from __future__ import annotations

import re
import subprocess
import sys

MAKE_LAYOUTS = """
import sys
import ipywidgets
from microfrontends import Dashboard, Tabs
Dashboard({"a": ipywidgets.Label("a")}, areas=["a"])
Tabs({"A": ipywidgets.Label("a")})
print("marimo" in sys.modules)
"""


def test_layouts_do_not_import_marimo() -> None:
    result = subprocess.run(
        [sys.executable, "-c", MAKE_LAYOUTS], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_marimo_tabs_show_the_selected_page_first() -> None:
    import ipywidgets

    from microfrontends import Tabs

    tabs = Tabs({"A": ipywidgets.Label("a"), "<B>": ipywidgets.Label("b")}, selected="<B>")
    text = tabs._display_().text
    radios = re.findall(r'<input type="radio"[^>]*>', text)
    assert len(radios) == 2
    assert "checked" not in radios[0]
    assert radios[1].endswith(" checked>")
    assert ">&lt;B&gt;</label>" in text


def test_marimo_dashboard_places_each_cell_in_its_area() -> None:
    import ipywidgets

    from microfrontends import Dashboard

    cells = {"nav": ipywidgets.Label("n"), "main": ipywidgets.Label("m")}
    text = Dashboard(cells, areas=["nav main"], columns="1fr 3fr")._display_().text
    assert "grid-template-areas: &quot;nav main&quot;" in text
    assert "grid-template-columns: 1fr 3fr" in text
    assert text.count("grid-area: nav;") == 1
    assert text.count("grid-area: main;") == 1
