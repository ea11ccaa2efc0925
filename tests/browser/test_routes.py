"""Apps that route by hash or History API, side by side: independent, and synced on request."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
from playwright.sync_api import Page, expect

from .conftest import NotebookFactory, VoilaFactory
from .test_microapp_basics import IMPORT, expect_status, host

ROUTER = """
<nav><a id="to-a" href="#/a">A</a> <a id="to-b" href="#/b">B</a>
<button id="push">push /users/7</button></nav>
<p id="where"></p>
<script>
  function show() {
    document.getElementById('where').textContent = location.hash || location.pathname;
  }
  window.addEventListener('hashchange', show);
  document.getElementById('push').addEventListener('click', function () {
    history.pushState({}, '', 'users/7');
    show();
  });
  show();
</script>"""


def test_two_routers_navigate_independently(notebook: NotebookFactory, page: Page) -> None:
    nb = notebook(
        [
            f"{IMPORT}\nROUTER = {ROUTER!r}",
            "one = MicroApp(html=ROUTER, name='one')\none",
            "two = MicroApp(html=ROUTER, name='two')\ntwo",
        ]
    )
    for index in range(3):
        nb.run_cell(index)
    one, two = host(nb, 1, "one"), host(nb, 2, "two")
    expect_status(nb, 2, "two", "MOUNTED")
    page_url = page.url
    one.locator("#to-a").click()
    two.locator("#to-b").click()
    expect(one.locator("#where")).to_have_text("#/a")
    expect(two.locator("#where")).to_have_text("#/b")
    one.locator("#push").click()
    expect(one.locator("#where")).to_have_text(re.compile(r"/users/7$"))
    expect(two.locator("#where")).to_have_text("#/b")  # the other app did not move
    assert page.url == page_url


def test_voila_routes_survive_a_reload_with_sync_route(
    page: Page, voila: VoilaFactory, tmp_path: Path
) -> None:
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                f"{IMPORT}\nimport ipywidgets\nROUTER = {ROUTER!r}\n"
                "ipywidgets.HBox([MicroApp(html=ROUTER, name='left', sync_route=True),\n"
                "                 MicroApp(html=ROUTER, name='right', sync_route=True),\n"
                "                 MicroApp(html=ROUTER, name='plain')])"
            )
        ],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    path = tmp_path / "routes.ipynb"
    nbformat.write(notebook, path)
    server = voila(path)
    page.goto(server.url, timeout=120_000)
    left = page.locator('[data-microfrontends-app="left"]')
    right = page.locator('[data-microfrontends-app="right"]')
    plain = page.locator('[data-microfrontends-app="plain"]')
    for app in (left, right, plain):
        expect(app).to_have_attribute("data-microfrontends-status", "MOUNTED", timeout=60_000)
    left.locator("#to-a").click()
    right.locator("#to-b").click()
    plain.locator("#to-a").click()
    expect(right.locator("#where")).to_have_text("#/b")
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"mf-left": ["#/a"], "mf-right": ["#/b"]}

    page.reload(timeout=120_000)
    for app in (left, right, plain):
        expect(app).to_have_attribute("data-microfrontends-status", "MOUNTED", timeout=60_000)
    expect(left.locator("#where")).to_have_text("#/a")
    expect(right.locator("#where")).to_have_text("#/b")
    expect(plain.locator("#where")).not_to_have_text("#/a")
