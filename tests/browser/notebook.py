"""Drive a JupyterLab notebook in a real browser and run Python in its kernel."""

from __future__ import annotations

import ast
import re
import secrets
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import nbformat
from jupyter_client.blocking import BlockingKernelClient
from playwright.sync_api import Locator, Page

from .servers import LabServer

KERNEL_TIMEOUT = 60.0
JS_TIMEOUT_MS = 60_000

# Runs every cell of the notebook the page shows, once its kernel is ready (JupyterLab and
# Notebook 7 expose their application as window.jupyterapp).
RUN_ALL_CELLS = """async () => {
  const app = window.jupyterapp;
  await app.started;
  await app.restored;
  const deadline = Date.now() + 60000;
  const panel = () => app.shell.currentWidget;
  while (!(panel() && panel().sessionContext && panel().sessionContext.session?.kernel)) {
    if (Date.now() > deadline) throw new Error('no notebook with a kernel');
    await new Promise((r) => setTimeout(r, 50));
  }
  await panel().context.ready;
  await panel().sessionContext.ready;
  await app.commands.execute('notebook:run-all-cells');
}"""


# Helpers shared by every page.evaluate below. Notebook commands get the panel's id as
# `widgetId`, so they act on that notebook whichever one has focus.
JS_PRELUDE = f"""
const app = window.jupyterapp;
const findPanel = (path) =>
  Array.from(app.shell.widgets('main')).find((w) => w.context && w.context.path === path);
const until = async (what, predicate) => {{
  const deadline = Date.now() + {JS_TIMEOUT_MS};
  while (!predicate()) {{
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }}
}};
const selectOnly = (panel, index) => {{
  panel.content.activeCellIndex = index;
  panel.content.deselectAll();
  panel.content.mode = 'command';
}};
const running = (cell) => cell.inputArea.promptNode.textContent.includes('*');
const kernelIdle = (panel) => {{
  const kernel = panel.sessionContext.session?.kernel;
  return !!kernel && kernel.status === 'idle' && kernel.connectionStatus === 'connected';
}};
"""

OPEN_JS = (
    "async ([path, openHere]) => {"
    + JS_PRELUDE
    + """
  await app.started;
  await app.restored;
  if (openHere) await app.commands.execute('docmanager:open', { path });
  await until('the notebook panel', () => findPanel(path));
  const panel = findPanel(path);
  await panel.context.ready;
  await panel.sessionContext.ready;
  await until('an idle, connected kernel', () => kernelIdle(panel));
  return { panelId: panel.id, kernelId: panel.sessionContext.session.kernel.id };
}"""
)

# `toEnd`: wait until the cell finished and the kernel is idle; else only until it runs. A cell
# runs while its prompt shows [*]; the kernel's own status is no guide there: a message handled
# on one of its subshells flips it to idle while the cell still runs.
RUN_CELL_JS = (
    "async ([path, index, toEnd]) => {"
    + JS_PRELUDE
    + """
  const panel = findPanel(path);
  selectOnly(panel, index);
  const run = app.commands.execute('notebook:run-cell', { widgetId: panel.id });
  const cell = panel.content.widgets[index];
  if (!toEnd) {
    await until('cell ' + index + ' to run', () => running(cell));
    return;
  }
  await run;
  await until('cell ' + index + ' to finish',
    () => (cell.model.type !== 'code' || cell.model.executionCount !== null) && kernelIdle(panel));
}"""
)

CELL_RUNNING_JS = (
    "([path, index]) => {"
    + JS_PRELUDE
    + "return running(findPanel(path).content.widgets[index]); }"
)

SAVE_JS = "async (path) => {" + JS_PRELUDE + "await findPanel(path).context.save(); }"

CLEAR_OUTPUTS_JS = (
    "async ([path, index]) => {"
    + JS_PRELUDE
    + """
  const panel = findPanel(path);
  selectOnly(panel, index);
  await app.commands.execute('notebook:clear-cell-output', { widgetId: panel.id });
  const outputs = panel.content.widgets[index].model.outputs;
  await until('cell ' + index + ' outputs to clear', () => outputs.length === 0);
}"""
)

CELL_COUNT_JS = "(path) => {" + JS_PRELUDE + "return findPanel(path).content.widgets.length; }"

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


class Notebook:
    """A notebook open in a JupyterLab page, with a side channel to its kernel."""

    def __init__(self, page: Page, lab: LabServer, path: str, panel_id: str, kernel_id: str):
        self.page = page
        self.lab = lab
        self.path = path
        self.panel_id = panel_id
        self.kernel_id = kernel_id
        self._client: BlockingKernelClient | None = None

    def cell(self, index: int) -> Locator:
        """Cell ``index`` of this notebook in the page."""
        cells = f'[id="{self.panel_id}"] .jp-WindowedPanel-viewport > .jp-Cell'
        return self.page.locator(cells).nth(index)

    def output(self, index: int) -> Locator:
        """The output area of cell ``index``."""
        return self.cell(index).locator(".jp-OutputArea")

    def run_cell(self, index: int) -> None:
        """Run one cell as a user would, and wait until it finished and the kernel is idle."""
        self.page.evaluate(RUN_CELL_JS, [self.path, index, True])

    def start_cell(self, index: int) -> None:
        """Run one cell as a user would, and return once it runs (its prompt shows [*])."""
        self.page.evaluate(RUN_CELL_JS, [self.path, index, False])

    def cell_running(self, index: int) -> bool:
        """Whether cell ``index`` is running."""
        return bool(self.page.evaluate(CELL_RUNNING_JS, [self.path, index]))

    def save(self) -> None:
        """Save the notebook to disk, as the user's save command does."""
        self.page.evaluate(SAVE_JS, self.path)

    def run_all(self) -> None:
        """Run every cell in order, each as :meth:`run_cell` does."""
        for index in range(self.page.evaluate(CELL_COUNT_JS, self.path)):
            self.run_cell(index)

    def clear_outputs(self, index: int) -> None:
        """Clear the outputs of cell ``index``, which removes any widget view shown there."""
        self.page.evaluate(CLEAR_OUTPUTS_JS, [self.path, index])

    delete_cell_output = clear_outputs

    def execute(self, code: str, expressions: dict[str, str] | None = None) -> dict[str, object]:
        """Run ``code`` in the notebook's kernel; return ``expressions`` evaluated afterwards."""
        client = self._kernel_client()
        msg_id = client.execute(
            code, store_history=False, user_expressions=expressions or {}, allow_stdin=False
        )
        reply = _shell_reply(client, msg_id)
        if reply["status"] != "ok":
            raise AssertionError(f"kernel error running {code!r}:\n{_traceback(reply)}")
        return {
            name: _expression_value(name, value)
            for name, value in reply["user_expressions"].items()
        }

    def close(self) -> None:
        """Shut the kernel down through the REST API and close the page."""
        if self._client is not None:
            self._client.stop_channels()
        self.page.close()
        request = urllib.request.Request(
            f"{self.lab.url}api/kernels/{self.kernel_id}?token={self.lab.token}", method="DELETE"
        )
        try:
            urllib.request.urlopen(request, timeout=KERNEL_TIMEOUT).close()
        except urllib.error.HTTPError as error:
            if error.code != 404:
                raise

    def _kernel_client(self) -> BlockingKernelClient:
        if self._client is None:
            connection_file = self.lab.runtime_dir / f"kernel-{self.kernel_id}.json"
            client = BlockingKernelClient(connection_file=str(connection_file))
            client.load_connection_file()
            client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
            self._client = client
        return self._client


def _shell_reply(client: BlockingKernelClient, msg_id: str) -> dict[str, Any]:
    while True:
        reply = client.get_shell_msg(timeout=KERNEL_TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg_id:
            return dict(reply["content"])


def _traceback(content: dict[str, Any]) -> str:
    lines = content.get("traceback") or [f"{content.get('ename')}: {content.get('evalue')}"]
    return ANSI_ESCAPE.sub("", "\n".join(lines))


def _expression_value(name: str, result: dict[str, Any]) -> object:
    if result["status"] != "ok":
        raise AssertionError(f"user expression {name!r} failed:\n{_traceback(result)}")
    text = result["data"]["text/plain"]
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def open_notebook(
    page: Page,
    lab: LabServer,
    cells: list[str],
    name: str | None = None,
    workspace: str | None = None,
) -> Notebook:
    """Write a notebook of code ``cells`` into the lab root, open it and wait for its kernel.

    Pages open at the same time need a ``workspace`` each: JupyterLab moves a second page
    on one workspace to another one, which reloads it.
    """
    name = name or f"test-{secrets.token_hex(4)}.ipynb"
    write_notebook(lab.root / name, cells)
    # A page already showing JupyterLab opens the notebook in place: navigating away from
    # a dirty notebook could be held up by the beforeunload prompt. A new page resets the
    # workspace, or JupyterLab would reopen (and start kernels for) earlier tests' notebooks.
    open_here = page.url.startswith(f"{lab.url}lab")
    if not open_here:
        where = f"workspaces/{workspace}/tree" if workspace else "tree"
        page.goto(f"{lab.url}lab/{where}/{name}?reset&token={lab.token}")
    page.wait_for_function("() => window.jupyterapp !== undefined")
    ids = page.evaluate(OPEN_JS, [name, open_here])
    return Notebook(page, lab, name, ids["panelId"], ids["kernelId"])


def write_notebook(path: Path, cells: list[str]) -> None:
    """Write an .ipynb of code ``cells`` whose kernelspec is python3."""
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in cells],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
