"""An app in the page's own window (sandbox="none" and "snapshot") from a local folder, in
JupyterLab: its `fetch`, XHR, `new Worker` and `WebAssembly.instantiateStreaming(fetch(...))`
with relative URLs load the app's own files, as in a page of its own, while the page's own
relative requests still resolve against the page; unloaded, the page's functions are its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import NotebookFactory
from .microapps import IMPORT, app_cell, expect_status, host
from .test_workers import ADD_WASM, FILES

ENTRY = """<!doctype html><html><body>
<p id="fetch">waiting</p><p id="xhr">waiting</p><p id="worker">waiting</p><p id="wasm">waiting</p>
<script>
  function show(id, text) { document.getElementById(id).textContent = text; }
  fetch('data.json').then(function (r) { return r.json(); }).then(
    function (data) { show('fetch', 'fetch ' + data.word); },
    function (error) { show('fetch', 'error: ' + error); });
  var request = new XMLHttpRequest();
  request.open('GET', 'data.json');
  request.responseType = 'json';
  request.onload = function () { show('xhr', request.status + ' ' + request.response.word); };
  request.onerror = function () { show('xhr', 'error'); };
  request.send();
</script>
<script>
  var worker = new Worker('workers/classic.js');
  worker.onmessage = function (event) { show('worker', event.data); };
  worker.onerror = function (e) { show('worker', 'error: ' + (e.message || 'failed')); };
  worker.postMessage(20);
  WebAssembly.instantiateStreaming(fetch('add.wasm')).then(
    function (result) { show('wasm', 'wasm ' + result.instance.exports.add(40, 2)); },
    function (error) { show('wasm', 'error: ' + error); });
</script>
</body></html>"""

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
    for name, text in {**FILES, "index.html": ENTRY}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    (folder / "add.wasm").write_bytes(ADD_WASM)
    return folder


# css="none": in sandbox="none" the app's `document` is the page's, where its elements must be.
@pytest.mark.parametrize("sandbox", ["none", "snapshot"])
def test_relative_requests_of_an_app_in_the_page_window_load_its_own_files(
    notebook: NotebookFactory, requests_app: Path, sandbox: str
) -> None:
    cell = app_cell("app", requests_app, name="requests", sandbox=sandbox, css="none")
    nb = notebook([IMPORT, cell, "app.unmount()"])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "requests", "MOUNTED")
    app = host(nb, 1, "requests")
    expect(app.locator("#fetch")).to_have_text("fetch from data.json")
    expect(app.locator("#xhr")).to_have_text("200 from data.json")
    expect(app.locator("#worker")).to_have_text("classic 40 from data.json")
    expect(app.locator("#wasm")).to_have_text("wasm 42")
    assert nb.page.evaluate(PAGE_FETCH)
    assert not nb.page.evaluate(NATIVE)

    nb.run_cell(2)
    expect_status(nb, 1, "requests", "NOT_LOADED")
    assert nb.page.evaluate(NATIVE)
