"""Workers and WebAssembly of an app from a local folder, in JupyterLab (whose server has the
extension): a classic worker that calls `importScripts` and `fetch` with relative URLs, a module
worker started the way Vite starts one (`new URL('./w.js', import.meta.url)`) that imports a
module beside it, and `WebAssembly.instantiateStreaming(fetch('add.wasm'))`; and the error a
worker gets under the `voila` command, whose server has no extension."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import NotebookFactory
from .microapps import IMPORT, MOUNT_TIMEOUT_MS, app_cell, expect_status, host
from .notebook import write_notebook
from .servers import start_voila

# (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
ADD_WASM = bytes.fromhex(
    "0061736d0100000001070160027f7f017f030201000707010361646400000a09010700200020016a0b"
)

ENTRY = """<!doctype html><html><body>
<p id="classic">waiting</p><p id="module">waiting</p><p id="wasm">waiting</p>
<script>
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
        "onmessage = (event) => postMessage(reply(event.data));\n"
    ),
    "workers/reply.js": "export const reply = (text) => `module ${text} pong`;\n",
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


@pytest.mark.parametrize("sandbox", ["iframe", "proxy"])
def test_workers_and_wasm_of_a_local_folder_load_their_own_files(
    notebook: NotebookFactory, worker_app: Path, sandbox: str
) -> None:
    nb = notebook([IMPORT, app_cell("app", worker_app, name="workers", sandbox=sandbox)])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "workers", "MOUNTED")
    app = host(nb, 1, "workers")
    expect(app.locator("#classic")).to_have_text("classic 40 from data.json")
    expect(app.locator("#module")).to_have_text("module ping pong")
    expect(app.locator("#wasm")).to_have_text("wasm 42")


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
