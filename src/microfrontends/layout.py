"""Layouts for dashboards: a grid with named areas and tabs, made of ipywidgets containers
(rebuilt in HTML in marimo, which renders no ipywidgets container)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets

from .app import MicroApp
from .arguments import css_length

_AREA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def _fill(widget: ipywidgets.Widget, height: str = "100%") -> None:
    """Lets a widget take its cell's size: apps follow it, other widgets may shrink in it."""
    if isinstance(widget, MicroApp) and not widget.height:
        widget.height = height
    layout = getattr(widget, "layout", None)
    if layout is not None:
        layout.min_width = layout.min_width or "0"
        layout.min_height = layout.min_height or "0"


class Dashboard(ipywidgets.GridBox):
    """A CSS grid of widgets placed by name, for notebooks and Voila.

    >>> Dashboard({"nav": nav, "main": orders, "side": chart},
    ...           areas=["nav nav", "side main"], columns="1fr 3fr", rows="auto 1fr",
    ...           gap="8px", height="80vh")

    Parameters
    ----------
    cells:
        Widgets by area name: apps, other ipywidgets (sliders, outputs, plots) or a
        :class:`Tabs`. A ``MicroApp`` without a height fills its cell and follows its size.
    areas:
        One string per grid row naming the area of each column (CSS
        ``grid-template-areas``); ``"."`` leaves a cell empty. Every name must be a key
        of ``cells`` and every key must appear.
    columns, rows:
        CSS ``grid-template-columns`` / ``grid-template-rows``; by default equal columns
        and rows sized to their content.
    gap:
        Space between cells (CSS ``gap``).
    height:
        The grid's height, needed for ``fr`` rows: pixels or a CSS length as
        :class:`MicroApp` takes it (``"80vh"``, ``600``, ``"calc(100vh - 40px)"``);
        anything else raises ``ValueError``.
    """

    def __init__(
        self,
        cells: Mapping[str, ipywidgets.Widget],
        areas: Sequence[str],
        *,
        columns: str | None = None,
        rows: str | None = None,
        gap: str = "8px",
        height: int | float | str | None = None,
    ) -> None:
        height = None if height is None else css_length(height, "height")
        grid = _parse_areas(areas)
        _check_cells(cells, grid)
        for name, widget in cells.items():
            _fill(widget)
            widget.layout.grid_area = name
        width = len(grid[0])
        super().__init__(
            children=list(cells.values()),
            layout=ipywidgets.Layout(
                grid_template_areas="\n".join(f'"{" ".join(row)}"' for row in grid),
                grid_template_columns=columns or f"repeat({width}, minmax(0, 1fr))",
                grid_template_rows=rows or f"repeat({len(grid)}, auto)",
                grid_gap=gap,
                width="100%",
                height=height,
            ),
        )
        self.cells = dict(cells)

    def __getitem__(self, name: str) -> ipywidgets.Widget:
        return self.cells[name]

    def _display_(self) -> Any:
        """marimo's display hook: marimo renders no ipywidgets container, so the grid is
        rebuilt in HTML around the cells as marimo shows them (see
        :mod:`microfrontends.hosts.marimo`)."""
        from .hosts.marimo import dashboard_html

        return dashboard_html(self.cells, self.layout)


class Tabs(ipywidgets.Tab):
    """Widgets in tabs, titled by their keys. Switching tabs hides an app and keeps it
    running: nothing is unmounted, its state and scroll position stay.

    >>> Tabs({"Orders": orders, "Chart": chart}, selected="Chart", height="420px")

    ``height`` is the height of the pages given to apps that have none, pixels or a CSS
    length as :class:`MicroApp` takes it (anything else raises ``ValueError``); the tab bar
    comes on top of it.
    """

    def __init__(
        self,
        pages: Mapping[str, ipywidgets.Widget],
        *,
        selected: str | None = None,
        height: int | float | str = "400px",
    ) -> None:
        height = css_length(height, "height")
        if not pages:
            raise ValueError("Tabs needs at least one page")
        for title, widget in pages.items():
            if not isinstance(title, str):
                raise TypeError(f"tab titles must be str, not {type(title).__name__}")
            if not isinstance(widget, ipywidgets.Widget):
                raise TypeError(f"tab {title!r} is not a widget (got {type(widget).__name__})")
            _fill(widget, height)
        titles = list(pages)
        if selected is not None and selected not in pages:
            raise ValueError(f"selected={selected!r} is not a tab; tabs: {', '.join(titles)}")
        super().__init__(
            children=list(pages.values()),
            titles=titles,
            selected_index=titles.index(selected) if selected else 0,
            layout=ipywidgets.Layout(min_height="0"),
        )
        self.pages = dict(pages)

    def _display_(self) -> Any:
        """marimo's display hook: the pages under a tab bar of marimo's HTML that keeps every
        page in the page (see :mod:`microfrontends.hosts.marimo`)."""
        from .hosts.marimo import tabs_html

        return tabs_html(self.pages, self.selected_index or 0)


def _parse_areas(areas: Sequence[str]) -> list[list[str]]:
    if isinstance(areas, str) or not areas:
        raise TypeError("areas must be a list of row strings, e.g. ['nav nav', 'side main']")
    grid = [row.split() for row in areas]
    widths = {len(row) for row in grid}
    if len(widths) != 1 or 0 in widths:
        raise ValueError(f"every row of areas must name the same number of columns: {areas!r}")
    for row in grid:
        for name in row:
            if name != "." and not _AREA_NAME.match(name):
                raise ValueError(f"area name {name!r} is not usable: letters, digits, _ and -")
    for name in {name for row in grid for name in row} - {"."}:
        cells = [
            (r, c) for r, row in enumerate(grid) for c, value in enumerate(row) if value == name
        ]
        rows = {r for r, _ in cells}
        columns = {c for _, c in cells}
        height = max(rows) - min(rows) + 1
        width = max(columns) - min(columns) + 1
        if len(cells) != height * width:
            raise ValueError(f"area {name!r} is not a rectangle in {areas!r}")
    return grid


def _check_cells(cells: Mapping[str, ipywidgets.Widget], grid: list[list[str]]) -> None:
    named = {name for row in grid for name in row} - {"."}
    for name, widget in cells.items():
        if not isinstance(widget, ipywidgets.Widget):
            raise TypeError(f"cell {name!r} is not a widget (got {type(widget).__name__})")
    missing, unplaced = named - set(cells), set(cells) - named
    if missing:
        raise ValueError(f"areas name {sorted(missing)} but cells has no widget for them")
    if unplaced:
        raise ValueError(f"cells {sorted(unplaced)} do not appear in areas {list(grid)}")
