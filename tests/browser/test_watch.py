"""``watch=True`` in a real JupyterLab: saving a file of the app's folder reloads the app in
every output, with its GlobalState and props, without running a cell; ``watch=False`` stops."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from .conftest import NotebookFactory
from .microapps import expect_status, host

# The app shows a version, the GlobalState's `n` and its `label` prop.
APP = """<p id="version">{version}</p><p id="n"></p><p id="label"></p>
<script>
  var mf = window.microfrontends;
  document.getElementById('label').textContent = mf.props.label;
  mf.onGlobalStateChange(function (state) {{
    document.getElementById('n').textContent = 'n=' + state.n;
  }}, true);
</script>"""


def write_app(folder: Path, version: str) -> None:
    (folder / "index.html").write_text(APP.format(version=version))


def test_saving_a_file_reloads_the_app_in_every_output(
    notebook: NotebookFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "watched"
    folder.mkdir()
    write_app(folder, "version 1")
    nb = notebook([
        "from microfrontends import GlobalState, MicroApp\nstate = GlobalState({'n': 1})",
        f"app = MicroApp({str(folder)!r}, name='watched', state=state, props={{'label': 'kept'}},"
        " watch=True)\napp",
        "display(app)",
    ])  # fmt: skip
    for index in range(3):
        nb.run_cell(index)
    views = [host(nb, 1, "watched"), host(nb, 2, "watched")]
    for index in (1, 2):
        expect_status(nb, index, "watched", "MOUNTED")
    nb.execute("state['n'] = 2")
    for view in views:
        expect(view.locator("#n")).to_have_text("n=2")

    write_app(folder, "version 2")
    for view in views:
        expect(view.locator("#version")).to_have_text("version 2")
        # The app was loaded again: it still has its state and props.
        expect(view.locator("#n")).to_have_text("n=2")
        expect(view.locator("#label")).to_have_text("kept")
    # A new file the app loads counts as a change too.
    (folder / "extra.js").write_text("document.getElementById('version').textContent += ' + js';")
    write_app(folder, 'version 3<script src="extra.js"></script>')
    for view in views:
        expect(view.locator("#version")).to_have_text("version 3 + js")

    nb.execute("app.watch = False")
    write_app(folder, "version 4")
    # Not reloaded: given time to, the views still show the version before.
    nb.page.wait_for_timeout(1500)
    for view in views:
        expect(view.locator("#version")).to_have_text("version 3 + js")
