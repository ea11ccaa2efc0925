"""css="scoped": the app's rules confined to its container, without a shadow root."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .conftest import NotebookFactory
from .test_microapp_basics import IMPORT, color, expect_status, host

STYLE = """
html { outline: 3px solid rgb(1, 1, 1); }
body { background: rgb(255, 200, 200); }
h2 { color: rgb(200, 0, 0); }
@media (min-width: 1px) { .media { color: rgb(0, 100, 0); } }
@supports (display: grid) { .supports { color: rgb(0, 0, 100); } }
@layer base { .layered { color: rgb(100, 0, 100); } }
@keyframes pulse { from { opacity: 1; } to { opacity: 0.5; } }
.animated { animation: pulse 1s infinite; }
.bg { background-image: url(img/dot.svg); width: 10px; height: 10px; }
"""
MARKUP = (
    '<h2 id="t">scoped</h2><p class="media">m</p><p class="supports">s</p>'
    '<p class="layered">l</p><p class="animated">a</p><div class="bg"></div>'
    '<script>var modal = document.createElement("h2"); modal.id = "modal";'
    ' modal.textContent = "modal"; document.body.appendChild(modal);</script>'
)
OUTSIDE = '<h2 id="outside" class="media supports layered animated">outside</h2>'


@pytest.fixture
def scoped_app(tmp_path: Path) -> Path:
    root = tmp_path / "scoped"
    (root / "img").mkdir(parents=True)
    (root / "index.html").write_text(
        f'<link rel="stylesheet" href="style.css"><body>{MARKUP}</body>'
    )
    (root / "style.css").write_text(STYLE)
    (root / "img" / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
        'height="10"/></svg>'
    )
    return root


def test_scoped_css_confines_every_rule(
    notebook: NotebookFactory, page: Page, scoped_app: Path
) -> None:
    nb = notebook(
        [
            f"from IPython.display import HTML\nHTML({OUTSIDE!r})",
            IMPORT,
            f"s = MicroApp({str(scoped_app)!r}, name='sc', css='scoped')\ns",
        ]
    )
    for index in range(3):
        nb.run_cell(index)
    expect_status(nb, 2, "sc", "MOUNTED")
    app = host(nb, 2, "sc")
    assert app.evaluate("el => el.shadowRoot") is None
    assert color(app.locator("#t")) == "rgb(200, 0, 0)"
    assert color(app.locator(".media")) == "rgb(0, 100, 0)"
    assert color(app.locator(".supports")) == "rgb(0, 0, 100)"
    assert color(app.locator(".layered")) == "rgb(100, 0, 100)"
    assert (
        app.locator(".animated").evaluate("el => getComputedStyle(el).animationName") == "pulse--sc"
    )
    assert (
        app.locator("[data-microfrontends-body]").evaluate(
            "el => getComputedStyle(el).backgroundColor"
        )
        == "rgb(255, 200, 200)"
    )
    assert app.evaluate("el => getComputedStyle(el).outlineColor") == "rgb(1, 1, 1)"
    # The relative url() resolved against the stylesheet, through the kernel.
    assert (
        app.locator(".bg")
        .evaluate("el => getComputedStyle(el).backgroundImage")
        .startswith('url("blob:')
    )
    # A node the app appended to document.body is in its container and keeps its styles.
    assert color(app.locator("#modal")) == "rgb(200, 0, 0)"

    outside = page.locator("#outside")
    assert color(outside) not in {
        "rgb(200, 0, 0)",
        "rgb(0, 100, 0)",
        "rgb(0, 0, 100)",
        "rgb(100, 0, 100)",
    }
    assert outside.evaluate("el => getComputedStyle(el).animationName") == "none"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 200, 200)"
