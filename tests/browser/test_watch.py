"""``watch=True`` in a real JupyterLab: saving a file of the app's folder reloads the app in
every output, with its GlobalState and props, without running a cell; ``watch=False`` stops."""

from __future__ import annotations

from pathlib import Path

import pytest
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


# An app with a linked stylesheet and one its script links later; what is typed into the input
# lives only in the app's DOM, so it survives a restyle and not a reload.
STYLED_APP = """<link rel="stylesheet" href="style.css"><p id="text">styled</p><input id="typed">
<p id="late">late</p>
<script>
  var link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = 'late.css';
  document.head.appendChild(link);
</script>"""


def sheet(selector: str, color: str) -> str:
    return f"{selector} {{ color: {color}; }}\n"


@pytest.mark.parametrize(
    ("options", "in_place", "text_sent"),
    [
        ("", True, True),
        # The views fetch the new sheets (as they do a sheet too big to send).
        ("sandbox='proxy', css='scoped'", True, False),
        ("sandbox='snapshot'", True, True),
        # A strict frame's sheets are in another origin's document: the app is reloaded instead.
        ("sandbox='strict'", False, True),
    ],
)
def test_saving_a_stylesheet_restyles_the_app_in_place(
    notebook: NotebookFactory, tmp_path: Path, options: str, in_place: bool, text_sent: bool
) -> None:
    folder = tmp_path / "styled"
    folder.mkdir()
    (folder / "index.html").write_text(STYLED_APP)
    (folder / "style.css").write_text(sheet("#text", "rgb(1, 2, 3)"))
    (folder / "late.css").write_text(sheet("#late", "rgb(1, 2, 3)"))
    # Two outputs, but sandbox="snapshot" runs one app at a time on a page.
    outputs = (1,) if "snapshot" in options else (1, 2)
    limit = (
        ""
        if text_sent
        else "\nimport microfrontends.watch\nmicrofrontends.watch.MAX_SENT_CSS_BYTES = 0"
    )
    nb = notebook([
        "from microfrontends import MicroApp" + limit,
        f"app = MicroApp({str(folder)!r}, name='styled', watch=True, {options})\napp",
        "display(app)",
    ])  # fmt: skip
    for index in range(len(outputs) + 1):
        nb.run_cell(index)
    hosts = [host(nb, index, "styled") for index in outputs]
    views = [h.frame_locator("iframe") if "strict" in options else h for h in hosts]
    for index in outputs:
        expect_status(nb, index, "styled", "MOUNTED")
    for view in views:
        expect(view.locator("#late")).to_have_css("color", "rgb(1, 2, 3)")
        view.locator("#typed").fill("typed by the user")

    (folder / "style.css").write_text(sheet("#text", "rgb(10, 20, 30)"))
    for view in views:
        expect(view.locator("#text")).to_have_css("color", "rgb(10, 20, 30)")
    (folder / "late.css").write_text(sheet("#late", "rgb(40, 50, 60)"))
    for view in views:
        expect(view.locator("#late")).to_have_css("color", "rgb(40, 50, 60)")
        expect(view.locator("#typed")).to_have_value("typed by the user" if in_place else "")
    for index in outputs:
        expect_status(nb, index, "styled", "MOUNTED")


PLAIN_APP = '<p id="version">{version}</p>'
# An app that exports lifecycles: unmounted, it stays loaded off the page (parked).
PARKING_APP = """<p id="version">{version}</p>
<script type="module">
  export function mount() {{}}
  export function unmount() {{}}
</script>"""


@pytest.mark.parametrize(
    ("template", "options", "unmounted", "after_save"),
    [
        (PLAIN_APP, "", "NOT_LOADED", "NOT_LOADED"),
        # It lets go of its old files, which shows it got the save.
        (PARKING_APP, "", "NOT_MOUNTED", "NOT_LOADED"),
        # Loaded again and hidden again, as the app was.
        (PLAIN_APP, ", keep_alive=True", "NOT_MOUNTED", "NOT_MOUNTED"),
    ],
    ids=["unloaded", "parked", "kept-alive"],
)
def test_a_save_leaves_an_unmounted_app_unmounted_and_its_next_mount_fresh(
    notebook: NotebookFactory,
    tmp_path: Path,
    template: str,
    options: str,
    unmounted: str,
    after_save: str,
) -> None:
    folder = tmp_path / "resting"
    folder.mkdir()
    (folder / "index.html").write_text(template.format(version="version 1"))
    nb = notebook([
        "from microfrontends import MicroApp",
        f"app = MicroApp({str(folder)!r}, name='resting', watch=True"
        f"{options})\napp",
    ])  # fmt: skip
    nb.run_cell(0)
    nb.run_cell(1)
    view = host(nb, 1, "resting")
    expect_status(nb, 1, "resting", "MOUNTED")
    nb.execute("app.unmount()")
    expect_status(nb, 1, "resting", unmounted)

    # Each value the output's display takes from here on.
    view.evaluate("""host => {
        window.restingDisplays = [];
        new MutationObserver(() => window.restingDisplays.push(host.style.display))
            .observe(host, { attributeFilter: ["style"] });
    }""")
    (folder / "index.html").write_text(template.format(version="version 2"))
    expect_status(nb, 1, "resting", after_save)
    # Given time to, it does not mount.
    nb.page.wait_for_timeout(1500)
    expect_status(nb, 1, "resting", after_save)
    expect(view.locator("#version")).not_to_be_visible()
    # A kept-alive app was loaded again out of sight: its output was never shown meanwhile.
    assert "" not in nb.page.evaluate("window.restingDisplays")

    nb.execute("app.mount()")
    expect_status(nb, 1, "resting", "MOUNTED")
    expect(view.locator("#version")).to_have_text("version 2")
