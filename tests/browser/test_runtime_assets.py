"""What an app asks for after it has loaded: elements it adds, fetches, its viewport."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import NotebookFactory
from .microapps import in_realm
from .servers import StaticServer
from .test_microapp_basics import IMPORT, color, expect_status, host, python

APP_SCRIPT = """
var head = document.head;
var link = document.createElement('link');
link.rel = 'stylesheet';
link.href = 'styles/late.css';
link.onload = function () { document.getElementById('css-state').textContent = 'css loaded'; };
head.appendChild(link);

var script = document.createElement('script');
script.src = 'js/late.js';
script.onload = function () { document.getElementById('js-state').textContent = lateValue; };
head.appendChild(script);

var style = document.createElement('style');
style.textContent = '#bg { background-image: url(img/dot.svg); }';
head.appendChild(style);

var img = new Image();
img.id = 'dyn-img';
img.src = 'img/dot.svg';
document.body.appendChild(img);

fetch('data/info.json').then(function (r) { return r.json(); }).then(function (data) {
  document.getElementById('fetched').textContent = data.message;
});

var xhr = new XMLHttpRequest();
xhr.open('GET', 'data/info.json');
xhr.setRequestHeader('Accept', 'application/json');
xhr.responseType = 'json';
xhr.onload = function () {
  document.getElementById('xhr').textContent = xhr.status + ' ' + xhr.response.message;
};
xhr.send();

function showSize() {
  document.getElementById('size').textContent = innerWidth + 'x' + innerHeight;
}
window.addEventListener('resize', showSize);
showSize();
"""


@pytest.fixture
def dynamic_app(tmp_path: Path) -> Path:
    """A local app whose script loads a stylesheet, a script, an image and JSON at run time."""
    root = tmp_path / "dynamic"
    for folder in ("styles", "js", "img", "data", "styles/fonts"):
        (root / folder).mkdir(parents=True)
    (root / "index.html").write_text(
        '<p id="css-state">css pending</p><p id="js-state">js pending</p>'
        '<p id="fetched">fetch pending</p><p id="xhr">xhr pending</p>'
        '<p id="size"></p><div id="bg">bg</div>'
        '<p id="late-styled">styled late</p><script src="main.js"></script>'
    )
    (root / "main.js").write_text(APP_SCRIPT)
    (root / "styles" / "late.css").write_text("#late-styled { color: rgb(7, 8, 9); }")
    (root / "js" / "late.js").write_text("var lateValue = 'late script ran';")
    (root / "img" / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<circle cx="5" cy="5" r="5"/></svg>'
    )
    (root / "data" / "info.json").write_text('{"message": "json through the kernel"}')
    return root


def test_run_time_assets_resolve_against_the_entry_through_the_kernel(
    notebook: NotebookFactory, page: Page, dynamic_app: Path
) -> None:
    nb = notebook([IMPORT, f"dyn = MicroApp({str(dynamic_app)!r}, name='dyn', height=240)\ndyn"])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "dyn", "MOUNTED")
    app = host(nb, 1, "dyn")
    expect(app.locator("#css-state")).to_have_text("css loaded")
    assert color(app.locator("#late-styled")) == "rgb(7, 8, 9)"
    expect(app.locator("#js-state")).to_have_text("late script ran")
    expect(app.locator("#fetched")).to_have_text("json through the kernel")
    expect(app.locator("#xhr")).to_have_text("200 json through the kernel")
    page.wait_for_function(
        """(el) => { const img = el.shadowRoot.getElementById('dyn-img');
                     return img && img.complete && img.naturalWidth === 10; }""",
        arg=app.element_handle(),
    )
    background = app.locator("#bg").evaluate("el => getComputedStyle(el).backgroundImage")
    assert background.startswith('url("blob:')
    # The app's script ran in its realm: lateValue is no global of the notebook page.
    assert page.evaluate("typeof window.lateValue") == "undefined"

    # The realm's viewport is the app's box, and follows it: once the host has laid out at the
    # height asked for, the app's window (and its resize listener) has the host's box.
    def follows(height: int) -> None:
        expect(app).to_have_js_property("clientHeight", height)
        width = app.evaluate("el => el.clientWidth")
        assert width > 0
        expect(app.locator("#size")).to_have_text(f"{width}x{height}")
        assert in_realm(page, "dyn", "innerWidth + 'x' + innerHeight") == f"{width}x{height}"

    follows(240)
    nb.execute("dyn.height = '180px'")
    follows(180)


def test_base_href_app_over_http(notebook: NotebookFactory, static_server: StaticServer) -> None:
    url = f"{static_server.url}base-href/"
    nb = notebook([IMPORT, f"b = MicroApp({url!r}, name='based')\nb"])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "based", "MOUNTED")
    out = host(nb, 1, "based").locator("#out")
    expect(out).to_have_text("base ok")
    assert color(out) == "rgb(0, 0, 255)"


def test_closing_the_widget_unmounts_it(notebook: NotebookFactory, page: Page) -> None:
    nb = notebook([IMPORT, "w = MicroApp(html='<p id=alive>alive</p>', name='closing')\nw"])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "closing", "MOUNTED")
    expect(page.locator('iframe[data-microfrontends-realm="closing"]')).to_have_count(1)
    nb.execute("w.close()")
    expect(page.locator('[data-microfrontends-app="closing"]')).to_have_count(0)
    expect(page.locator('iframe[data-microfrontends-realm="closing"]')).to_have_count(0)
    assert python(nb, "w.comm is None") is True
