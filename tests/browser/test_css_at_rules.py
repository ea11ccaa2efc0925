"""At-rules that the page's CSS rewriting must read as the browser does, on the plain-page core
over HTTP: ``@font-face`` rules hoisted to the document keep their ``@media`` condition, a
block-less ``@font-face;`` leaves the rule after it alone, and ``@namespace`` names stay as
written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from unit.counting_server import CountingServer, Route

STATIC = Path(__file__).resolve().parents[2] / "src" / "microfrontends" / "static"
PAGE = b"""<!doctype html><html><body><div id="slot"></div>
<script type="module">
  import { mount } from "/static/core.js";
  window.mountApp = () => mount(document.getElementById('slot'),
    { name: 'atrules', entry: location.origin + '/app/index.html', transport: 'browser' });
  window.ready = true;
</script></body></html>"""
APP = b"""<!doctype html><html><head><link rel="stylesheet" href="style.css"></head><body>
<p id="out">text</p></body></html>"""
STYLE = b"""@namespace ex url(http://example.com);
@namespace rel url(names/rel);
@media (min-width: 1px) { @font-face { font-family: ShownFont; src: local(Arial); } }
@media (max-width: 1px) { @font-face { font-family: HiddenFont; src: local(Arial); } }
@font-face;
#out { color: rgb(0, 128, 0); }
"""
NAMESPACES = """(root) => [...root.shadowRoot.styleSheets].flatMap((sheet) => [...sheet.cssRules]
  .filter((rule) => rule instanceof CSSNamespaceRule).map((rule) => rule.namespaceURI))"""
FAMILIES = "() => [...document.fonts].map((font) => font.family.replace(/['\"]/g, ''))"


@pytest.fixture()
def server() -> Iterator[CountingServer]:
    server = CountingServer()
    server.routes["/page.html"] = Route(PAGE, "text/html")
    for part in STATIC.glob("*.js"):
        server.routes[f"/static/{part.name}"] = Route(part.read_bytes(), "text/javascript")
    server.routes["/app/index.html"] = Route(APP, "text/html")
    server.routes["/app/style.css"] = Route(STYLE, "text/css")
    yield server
    server.stop()


def test_fonts_keep_their_media_and_namespaces_their_names(
    page: Page, server: CountingServer
) -> None:
    page.goto(f"{server.url}/page.html")
    page.wait_for_function("window.ready === true")
    page.evaluate("mountApp()")
    app = page.locator('[data-microfrontends-app="atrules"]')
    # The rule after a block-less @font-face; is the app's, not a font's.
    expect(app.locator("#out")).to_have_css("color", "rgb(0, 128, 0)")
    # Namespace names are strings to compare, not URLs to resolve against the sheet.
    assert app.evaluate(NAMESPACES) == ["http://example.com", "names/rel"]
    # The fonts are in the document, each under its own condition: only the matching one counts.
    fonts = page.locator('head > style[data-microfrontends-fonts="atrules"]')
    expect(fonts).to_have_count(1)
    assert "@media (max-width: 1px)" in (fonts.text_content() or "")
    page.wait_for_function(f"({FAMILIES})().includes('ShownFont')")
    assert "HiddenFont" not in page.evaluate(FAMILIES)
