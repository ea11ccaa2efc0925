"""Prove the browser-test infrastructure itself: lab, kernel side channel, Voila, static files."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from .conftest import NotebookFactory, VoilaFactory
from .notebook import Notebook, write_notebook
from .servers import StaticServer

COUNTER_CELL = '''
import anywidget
import traitlets

class Counter(anywidget.AnyWidget):
    _esm = """
    function render({ model, el }) {
      const button = document.createElement("button");
      button.className = "infra-counter";
      const show = () => { button.textContent = `count is ${model.get("count")}`; };
      button.addEventListener("click", () => {
        model.set("count", model.get("count") + 1);
        model.save_changes();
      });
      model.on("change:count", show);
      show();
      el.appendChild(button);
    }
    export default { render };
    """
    count = traitlets.Int(0).tag(sync=True)

w = Counter()
w
'''


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def kernel_count(nb: Notebook) -> object:
    return nb.execute("", {"c": "w.count"})["c"]


def test_cell_output_shows_in_browser(notebook: NotebookFactory) -> None:
    nb = notebook(["print('hello from kernel')"])
    nb.run_cell(0)
    expect(nb.output(0)).to_contain_text("hello from kernel")


def test_anywidget_syncs_both_ways(notebook: NotebookFactory) -> None:
    nb = notebook([COUNTER_CELL])
    nb.run_cell(0)
    button = nb.output(0).locator("button.infra-counter")
    expect(button).to_have_text("count is 0")

    nb.execute("w.count = 5")
    expect(button).to_have_text("count is 5")

    button.click()
    expect(button).to_have_text("count is 6")
    wait_until(lambda: kernel_count(nb) == 6)


def test_execute_reports_kernel_errors(notebook: NotebookFactory) -> None:
    nb = notebook(["x = 1"])
    nb.run_cell(0)
    assert nb.execute("y = x + 1", {"y": "y", "s": "'text'", "o": "object"}) == {
        "y": 2,
        "s": "text",
        "o": "object",
    }
    try:
        nb.execute("1 / 0")
    except AssertionError as error:
        assert "ZeroDivisionError" in str(error)
    else:
        raise AssertionError("execute did not raise on a kernel error")


def test_clear_outputs_removes_widget_view(notebook: NotebookFactory) -> None:
    nb = notebook([COUNTER_CELL])
    nb.run_cell(0)
    expect(nb.output(0).locator("button.infra-counter")).to_have_count(1)
    nb.clear_outputs(0)
    expect(nb.output(0).locator("button.infra-counter")).to_have_count(0)


def test_voila_renders_anywidget(page: Page, voila: VoilaFactory, tmp_path: Path) -> None:
    path = tmp_path / "counter.ipynb"
    write_notebook(path, [COUNTER_CELL])
    server = voila(path)
    page.goto(server.url)
    expect(page.locator("button.infra-counter")).to_have_text("count is 0", timeout=60_000)


def fetch_headers(url: str) -> dict[str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.read() == b"hello from the static server\n"
        return dict(response.headers)


def test_static_server_cors(
    static_server: StaticServer, static_server_nocors: StaticServer
) -> None:
    with_cors = fetch_headers(f"{static_server.url}_infra/hello.txt")
    without_cors = fetch_headers(f"{static_server_nocors.url}_infra/hello.txt")
    assert with_cors["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in without_cors
    assert with_cors["Cache-Control"] == without_cors["Cache-Control"] == "no-store"
