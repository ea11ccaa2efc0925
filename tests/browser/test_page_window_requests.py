"""An app in the page's own window (sandbox="none" and "snapshot"), in JupyterLab: its
`fetch`, XHR, `new Worker` and `WebAssembly.instantiateStreaming(fetch(...))` with relative URLs
load the app's own files (a local folder's through the kernel's transport, an http app's from
its server), as in a page of its own, while the page's own relative requests still resolve
against the page, also through a wrapper the app put over `fetch` (zone.js's shape); unloaded,
the page's functions are its own again."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import NotebookFactory
from .microapps import IMPORT, app_cell, expect_status, host
from .notebook import Notebook
from .servers import start_static
from .test_workers import ADD_WASM, FILES

SHOW = (
    "<script>function show(id, text) { document.getElementById(id).textContent = text; }</script>"
)
# Wraps fetch and XMLHttpRequest.prototype.open as zone.js does: the wrapper, the app's code,
# calls the function it found.
WRAP = """<script>
  var pageFetch = window.fetch, pageOpen = XMLHttpRequest.prototype.open;
  window.fetch = function (input, init) { return pageFetch.call(this, input, init); };
  XMLHttpRequest.prototype.open = function () { return pageOpen.apply(this, arguments); };
</script>"""
REQUESTS = """<script>
  fetch('data.json').then(function (r) { return r.json(); }).then(
    function (data) { show('fetch', 'fetch ' + data.word); },
    function (error) { show('fetch', 'error: ' + error); });
  var request = new XMLHttpRequest();
  request.open('GET', 'data.json');
  request.responseType = 'json';
  request.onload = function () { show('xhr', request.status + ' ' + request.response.word); };
  request.onerror = function () { show('xhr', 'error'); };
  request.send();
  WebAssembly.instantiateStreaming(fetch('add.wasm')).then(
    function (result) { show('wasm', 'wasm ' + result.instance.exports.add(40, 2)); },
    function (error) { show('wasm', 'error: ' + error); });
</script>"""
WORKER = """<script>
  var worker = new Worker('workers/classic.js');
  worker.onmessage = function (event) { show('worker', event.data); };
  worker.onerror = function (e) { show('worker', 'error: ' + (e.message || 'failed')); };
  worker.postMessage(20);
</script>"""
BODY = (
    '<p id="fetch">waiting</p><p id="xhr">waiting</p><p id="wasm">waiting</p><p id="worker">-</p>'
)
ENTRIES = {
    "index.html": BODY + SHOW + REQUESTS + WORKER,
    "wrapped.html": BODY + SHOW + WRAP + REQUESTS + WORKER,
    # An http(s) app's worker would be of another origin than the page, which no browser allows.
    "http.html": BODY + SHOW + REQUESTS,
}

# The page's own relative fetch, while the app is loaded, asks for the page's URL.
PAGE_FETCH = (
    "async () => (await fetch('data.json')).url === new URL('data.json', document.baseURI).href"
)
NATIVE = (
    "() => [window.fetch, XMLHttpRequest.prototype.open, window.Worker]"
    ".every((f) => Function.prototype.toString.call(f).includes('[native code]'))"
)


@pytest.fixture(scope="module")
def requests_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("page-requests")
    for name, text in {**FILES, **ENTRIES}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    (folder / "add.wasm").write_bytes(ADD_WASM)
    return folder


def check_requests(nb: Notebook, worker: str = "classic 40 from data.json") -> None:
    """The app in cell 1 loaded its own files, while the page's own fetch still asks the page."""
    expect_status(nb, 1, "requests", "MOUNTED")
    app = host(nb, 1, "requests")
    expect(app.locator("#fetch")).to_have_text("fetch from data.json")
    expect(app.locator("#xhr")).to_have_text("200 from data.json")
    expect(app.locator("#wasm")).to_have_text("wasm 42")
    expect(app.locator("#worker")).to_have_text(worker)
    assert nb.page.evaluate(PAGE_FETCH)
    assert not nb.page.evaluate(NATIVE)


def requests_then_unload(notebook: NotebookFactory, entry: Path, sandbox: str) -> None:
    """The app at ``entry`` loads its own files; unloaded, it leaves the page's own functions."""
    cell = app_cell("app", entry, name="requests", sandbox=sandbox, css="none")
    nb = notebook([IMPORT, cell, "app.unmount()"])
    nb.run_cell(0)
    nb.run_cell(1)
    check_requests(nb)
    nb.run_cell(2)
    expect_status(nb, 1, "requests", "NOT_LOADED")
    assert nb.page.evaluate(NATIVE)


# css="none": in sandbox="none" the app's `document` is the page's, where its elements must be.
@pytest.mark.parametrize("sandbox", ["none", "snapshot"])
def test_relative_requests_of_an_app_in_the_page_window_load_its_own_files(
    notebook: NotebookFactory, requests_app: Path, sandbox: str
) -> None:
    requests_then_unload(notebook, requests_app, sandbox)


def test_a_wrapper_the_app_puts_over_fetch_does_not_take_the_pages_requests(
    notebook: NotebookFactory, requests_app: Path
) -> None:
    """zone.js's shape: the app's code wraps the page's fetch and open when it loads; the page's
    own relative requests, which now run through the app's wrapper, still ask the page."""
    requests_then_unload(notebook, requests_app / "wrapped.html", "none")


def test_relative_requests_of_an_http_app_in_the_page_window_ask_its_server(
    notebook: NotebookFactory, requests_app: Path
) -> None:
    server = start_static(requests_app, cors=True)
    try:
        cell = app_cell(
            "app", f"{server.url}http.html", name="requests", sandbox="none", css="none"
        )
        nb = notebook([IMPORT, cell])
        nb.run_cell(0)
        nb.run_cell(1)
        check_requests(nb, worker="-")
    finally:
        server.stop()
