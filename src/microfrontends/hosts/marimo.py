"""How ``Dashboard`` and ``Tabs`` show in marimo, which renders anywidgets but not the
ipywidgets containers they are made of.

marimo renders an object through its ``_display_`` method before any other formatter; the
layouts' ``_display_`` calls :func:`dashboard_html` or :func:`tabs_html`, which build the
same layout as HTML around each child shown as marimo shows it alone (an anywidget as
marimo's ``mo.ui.anywidget`` element). marimo is imported here only, when a layout is
displayed in marimo.
"""

from __future__ import annotations

import html
import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ipywidgets


def _view(widget: ipywidgets.Widget) -> str:
    """The HTML of one child as marimo shows it alone in a cell. An anywidget gets marimo's
    ``mo.ui.anywidget`` element for it: one per widget, which marimo keeps as long as the
    widget lives. Made here and dropped, it would be collected while it shows, and its output
    cut off from Python (marimo issue #9880). A nested layout shows through its own
    ``_display_``."""
    import marimo as mo

    return str(mo.as_html(widget).text)


def _style(declarations: dict[str, str | None]) -> str:
    return html.escape(
        "; ".join(f"{name}: {value}" for name, value in declarations.items() if value)
    )


def dashboard_html(cells: Mapping[str, ipywidgets.Widget], layout: ipywidgets.Layout) -> Any:
    """A ``Dashboard`` as a marimo ``Html``: the CSS grid of its ``layout``, with each of its
    ``cells`` in the area of its name."""
    import marimo as mo

    grid = _style(
        {
            "display": "grid",
            "grid-template-areas": layout.grid_template_areas.replace("\n", " "),
            "grid-template-columns": layout.grid_template_columns,
            "grid-template-rows": layout.grid_template_rows,
            "gap": layout.grid_gap,
            "width": "100%",
            "height": layout.height,
        }
    )
    areas = "".join(
        f'<div style="{_style({"grid-area": name, "min-width": "0", "min-height": "0"})}">'
        f"{_view(widget)}</div>"
        for name, widget in cells.items()
    )
    return mo.Html(f'<div class="microfrontends-dashboard" style="{grid}">{areas}</div>')


def tabs_html(pages: Mapping[str, ipywidgets.Widget], selected: int) -> Any:
    """``Tabs`` as a marimo ``Html``, page number ``selected`` shown first: a tab bar of radio
    buttons whose CSS shows the checked page and hides the others. Every page stays in the
    page, so switching tabs keeps apps running, as ipywidgets' ``Tab`` does; ``mo.ui.tabs``
    removes the pages not shown, which would unload their apps and lose what they hold."""
    import marimo as mo

    key = f"microfrontends-tabs-{secrets.token_hex(4)}"
    bar, panels, rules = [], [], []
    for index, (title, widget) in enumerate(pages.items()):
        tab = f"{key}-{index}"
        checked = " checked" if index == selected else ""
        bar.append(
            f'<input type="radio" name="{key}" id="{tab}" class="tab-input"{checked}>'
            f'<label for="{tab}" role="tab">{html.escape(title)}</label>'
        )
        panels.append(f'<div class="tab-page" role="tabpanel">{_view(widget)}</div>')
        rules.append(
            f"#{tab}:checked ~ .tab-pages > .tab-page:nth-child({index + 1}) {{ display: block; }}"
            f"#{tab}:checked + label {{ {_SELECTED_LABEL} }}"
        )
    style = f"#{key} .tab-page {{ display: none; }} {_TAB_STYLE.replace('ROOT', f'#{key}')}"
    return mo.Html(
        f'<div id="{key}" class="microfrontends-tabs"><style>{style}{"".join(rules)}</style>'
        f'{"".join(bar)}<div class="tab-pages">{"".join(panels)}</div></div>'
    )


_TAB_STYLE = (
    "ROOT > .tab-input { position: absolute; opacity: 0; pointer-events: none; } "
    "ROOT > label { display: inline-block; padding: 6px 14px; cursor: pointer; "
    "border-bottom: 2px solid transparent; } "
    "ROOT > .tab-pages { border-top: 1px solid rgba(128, 128, 128, 0.3); padding-top: 8px; }"
)
_SELECTED_LABEL = "border-bottom-color: currentColor; font-weight: 600;"
