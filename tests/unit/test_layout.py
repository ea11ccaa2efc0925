"""Dashboard and Tabs: placing widgets by name, and refusing layouts that cannot work."""

from __future__ import annotations

import ipywidgets
import pytest

from microfrontends import Dashboard, MicroApp, Tabs


def apps(*names: str) -> dict[str, MicroApp]:
    return {name: MicroApp(html="<p>x</p>") for name in names}


def test_dashboard_places_cells_by_area_and_apps_fill_them() -> None:
    cells = {**apps("main", "side"), "nav": ipywidgets.IntSlider()}
    grid = Dashboard(
        cells,
        areas=["nav nav", "side main"],
        columns="1fr 3fr",
        rows="auto 1fr",
        gap="4px",
        height="600px",
    )
    assert grid.layout.grid_template_areas == '"nav nav"\n"side main"'
    assert (grid.layout.grid_template_columns, grid.layout.grid_template_rows) == (
        "1fr 3fr",
        "auto 1fr",
    )
    assert (grid.layout.grid_gap, grid.layout.height) == ("4px", "600px")
    assert [child.layout.grid_area for child in grid.children] == ["main", "side", "nav"]
    assert cells["main"].height == "100%"
    assert grid["nav"] is cells["nav"]


def test_dashboard_defaults_and_explicit_heights_kept() -> None:
    cells = apps("a", "b")
    cells["b"].height = "200px"
    grid = Dashboard(cells, areas=["a b"])
    assert grid.layout.grid_template_columns == "repeat(2, minmax(0, 1fr))"
    assert grid.layout.grid_template_rows == "repeat(1, auto)"
    assert cells["b"].height == "200px"


@pytest.mark.parametrize(
    ("areas", "error", "message"),
    [
        ("a b", TypeError, "list of row strings"),
        ([], TypeError, "list of row strings"),
        (["a b", "a"], ValueError, "same number of columns"),
        (["a b", "b a"], ValueError, "not a rectangle"),
        (["a b c"], ValueError, r"no widget for them"),
        (["a a"], ValueError, r"\['b'\] do not appear"),
        (["a b!"], ValueError, "not usable"),
    ],
)
def test_dashboard_refuses_bad_areas(areas, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        Dashboard(apps("a", "b"), areas=areas)


def test_dashboard_cells_must_be_widgets() -> None:
    with pytest.raises(TypeError, match=r"cell 'a' is not a widget \(got str\)"):
        Dashboard({"a": "text"}, areas=["a"])  # type: ignore[dict-item]


def test_tabs() -> None:
    pages = apps("Orders", "Chart")
    tabs = Tabs(pages, selected="Chart", height="300px")
    assert (tabs.titles, tabs.selected_index) == (("Orders", "Chart"), 1)
    assert pages["Orders"].height == "300px"
    with pytest.raises(ValueError, match="selected='Nope' is not a tab; tabs: Orders, Chart"):
        Tabs(apps("Orders", "Chart"), selected="Nope")
    with pytest.raises(ValueError, match="at least one page"):
        Tabs({})
    with pytest.raises(TypeError, match=r"tab 'x' is not a widget \(got int\)"):
        Tabs({"x": 1})  # type: ignore[dict-item]
