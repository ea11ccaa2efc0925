"""Workers and WebAssembly of an app from a local folder, in JupyterLab (whose server has the
extension): a classic worker that calls `importScripts` and `fetch` with relative URLs, a module
worker started the way Vite starts one (`new URL('./w.js', import.meta.url)`) that imports a
module beside it, imports another with `import()` and instantiates a `.wasm` file beside the app
with `WebAssembly.instantiateStreaming(fetch(...))`, as the app's page does too (and an XHR of a
JSON file); in the iframe and proxy sandboxes (workers start from the Jupyter server's copy of the
folder) and in the strict one (workers get the files from the frame); and the errors a worker
gets where it cannot reach a file: under the `voila` command, whose server has no extension, and
in the strict sandbox, for a script it names to `importScripts` only at run time."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import FrameLocator, Locator, Page, expect

from .conftest import NotebookFactory
from .microapps import IMPORT, MOUNT_TIMEOUT_MS, app_cell, expect_status, host
from .notebook import write_notebook
from .servers import start_voila

# (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
ADD_WASM = bytes.fromhex(
    "0061736d0100000001070160027f7f017f030201000707010361646400000a09010700200020016a0b"
)

ENTRY = """<!doctype html><html><body>
<p id="classic">waiting</p><p id="module">waiting</p><p id="wasm">waiting</p><p id="xhr">waiting</p>
<script>
  var xhr = new XMLHttpRequest();
  xhr.open('GET', 'data.json');
  xhr.responseType = 'json';
  xhr.onload = function () {
    document.getElementById('xhr').textContent = 'xhr ' + xhr.response.word;
  };
  xhr.send();
  var classic = new Worker('workers/classic.js');
  var shown = document.getElementById('classic');
  classic.onmessage = function (event) { shown.textContent = event.data; };
  classic.onerror = function (e) { shown.textContent = 'error: ' + (e.message || 'failed'); };
  classic.postMessage(20);
</script>
<script type="module">
  const worker = new Worker(new URL('./workers/module.js', import.meta.url), { type: 'module' });
  worker.onmessage = (event) => { document.getElementById('module').textContent = event.data; };
  worker.onerror = (event) => {
    document.getElementById('module').textContent = 'error: ' + (event.message || 'failed');
  };
  worker.postMessage('ping');
  const { instance } = await WebAssembly.instantiateStreaming(fetch('add.wasm'));
  document.getElementById('wasm').textContent = 'wasm ' + instance.exports.add(40, 2);
</script>
</body></html>"""

FILES = {
    "index.html": ENTRY,
    "workers/classic.js": (
        "importScripts('helper.js');\n"
        "onmessage = async (event) => {\n"
        "  const data = await (await fetch('../data.json')).json();\n"
        "  postMessage('classic ' + double(event.data) + ' ' + data.word);\n"
        "};\n"
    ),
    "workers/helper.js": "function double(n) { return n * 2; }\n",
    "workers/module.js": (
        "import { reply } from './reply.js';\n"
        "onmessage = async (event) => {\n"
        "  const { tail } = await import('./tail.js');\n"
        "  const { instance } = await WebAssembly.instantiateStreaming(fetch('../add.wasm'));\n"
        "  postMessage(reply(event.data) + ' ' + tail + ' ' + instance.exports.add(2, 3));\n"
        "};\n"
    ),
    "workers/reply.js": "export const reply = (text) => `module ${text} pong`;\n",
    "workers/tail.js": "export const tail = 'and tail';\n",
    "data.json": '{"word": "from data.json"}',
}


@pytest.fixture(scope="module")
def worker_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("workers")
    for name, text in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    (folder / "add.wasm").write_bytes(ADD_WASM)
    return folder


def view(app: Locator, sandbox: str) -> Locator | FrameLocator:
    """Where the app's elements are: its host, or the strict sandbox's frame in it."""
    return app.frame_locator("iframe") if sandbox == "strict" else app


@pytest.mark.parametrize("sandbox", ["iframe", "proxy", "strict"])
def test_workers_and_wasm_of_a_local_folder_load_their_own_files(
    notebook: NotebookFactory, worker_app: Path, sandbox: str
) -> None:
    nb = notebook([IMPORT, app_cell("app", worker_app, name="workers", sandbox=sandbox)])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "workers", "MOUNTED")
    app = view(host(nb, 1, "workers"), sandbox)
    expect(app.locator("#classic")).to_have_text("classic 40 from data.json")
    expect(app.locator("#module")).to_have_text("module ping pong and tail 5")
    expect(app.locator("#wasm")).to_have_text("wasm 42")
    expect(app.locator("#xhr")).to_have_text("xhr from data.json")


# In the strict sandbox the frame fetches ahead the scripts a worker names to importScripts as
# string literals; a name made at run time gets an error that says so, and the worker goes on.
# A worker whose script is missing gets an "error" event that names it.
RUN_TIME_NAME = """<p id="worker">waiting</p><p id="missing">waiting</p>
<script>
  var worker = new Worker('workers/run-time-name.js');
  var shown = document.getElementById('worker');
  worker.onmessage = function (event) { shown.textContent = event.data; };
  worker.postMessage('helper');
  new Worker('workers/missing.js').onerror = function (event) {
    document.getElementById('missing').textContent = event.message;
  };
</script>"""

RUN_TIME_NAME_WORKER = """onmessage = function (event) {
  try { importScripts(event.data + '.js'); postMessage('imported'); }
  catch (error) { postMessage(error.name + ': ' + error.message); }
};
"""


def test_a_strict_worker_that_cannot_get_a_script_gets_an_error_that_says_why(
    notebook: NotebookFactory, worker_app: Path
) -> None:
    (worker_app / "run-time-name.html").write_text(RUN_TIME_NAME)
    (worker_app / "workers" / "run-time-name.js").write_text(RUN_TIME_NAME_WORKER)
    entry = worker_app / "run-time-name.html"
    nb = notebook([IMPORT, app_cell("app", entry, name="run-time", sandbox="strict")])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "run-time", "MOUNTED")
    shown = view(host(nb, 1, "run-time"), "strict").locator("#worker")
    expect(shown).to_contain_text(
        'NetworkError: importScripts("https://kernel.microfrontends.invalid/'
    )
    expect(shown).to_contain_text(
        "only the scripts a worker names to importScripts as string literals"
    )
    missing = view(host(nb, 1, "run-time"), "strict").locator("#missing")
    expect(missing).to_contain_text("no file workers/missing.js in the app's folder")


# Under the `voila` command's own server there is no server extension: the app's files come
# through the kernel's messages, which a worker cannot reach.
NO_SERVER_COPY = """<p id="worker">not tried</p><p id="after">no</p>
<script>
  var shown = document.getElementById('worker');
  try { new Worker('workers/classic.js'); shown.textContent = 'started'; }
  catch (error) { shown.textContent = error.name + ': ' + error.message; }
  document.getElementById('after').textContent = 'ran on';
</script>"""


def test_a_worker_without_a_server_copy_fails_with_an_error_that_says_why(
    page: Page, worker_app: Path, tmp_path: Path
) -> None:
    (worker_app / "no-server.html").write_text(NO_SERVER_COPY)
    notebook = tmp_path / "workers.ipynb"
    write_notebook(notebook, [
        "from microfrontends import MicroApp\n"
        f"MicroApp({str(worker_app / 'no-server.html')!r}, name='no-server')",
    ])  # fmt: skip
    server = start_voila(notebook, tmp_path, ())
    try:
        page.goto(server.url, wait_until="commit")
        app = page.locator('[data-microfrontends-app="no-server"]')
        status = "data-microfrontends-status"
        expect(app).to_have_attribute(status, "MOUNTED", timeout=MOUNT_TIMEOUT_MS)
        shown = app.locator("#worker")
        expect(shown).to_contain_text(
            'SecurityError: new Worker("https://kernel.microfrontends.invalid/'
        )
        expect(shown).to_contain_text("a worker cannot load files that come through")
        expect(app.locator("#after")).to_have_text("ran on")
    finally:
        server.stop()
