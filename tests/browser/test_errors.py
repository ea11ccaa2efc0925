"""Each way an app can fail, in real JupyterLab: that app alone shows it; the rest keeps going."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import APPS_DIR, NotebookFactory
from .notebook import Notebook
from .servers import StaticServer
from .test_microapp_basics import IMPORT, expect_status, host, python


@pytest.fixture
def failing(notebook: NotebookFactory, static_server: StaticServer) -> Notebook:
    """A notebook of one healthy app and one app per failure, in separate outputs."""
    cells = [
        IMPORT,
        f"ok = MicroApp({str(APPS_DIR / 'plain')!r}, name='healthy')\nok",
        f"ms = MicroApp({str(APPS_DIR / 'missing-script')!r}, name='ms')\nms",
        f"bs = MicroApp({static_server.url + 'broken-script/'!r}, name='bs')\nbs",
        f"bm = MicroApp({static_server.url + 'broken-mount/'!r}, name='bm')\nbm",
        f"hm = MicroApp({static_server.url + 'hang-mount/'!r}, name='hm', lifecycle_timeout=1)\nhm",
        f"css = MicroApp({static_server.url + 'plain/css/style.css'!r}, name='css')\ncss",
        f"gone = MicroApp({static_server.url + 'no-such-app/'!r}, name='gone')\ngone",
    ]
    nb = notebook(cells)
    for index in range(len(cells)):
        nb.run_cell(index)
    return nb


CASES = [
    # (cell, name, status, source in the panel, message in the panel and in Python's error)
    (2, "ms", "LOAD_ERROR", "missing-script/js/does-not-exist.js", "no file js/does-not-exist.js"),
    (3, "bs", "LOAD_ERROR", "broken-script/main.js", "boom from broken-script"),
    (4, "bm", "SKIP_BECAUSE_BROKEN", "lifecycle mount()", "mount failed on purpose"),
    (5, "hm", "SKIP_BECAUSE_BROKEN", "lifecycle mount()", "did not settle within 1000 ms"),
    (6, "css", "LOAD_ERROR", "plain/css/style.css", "not an HTML entry"),
    (7, "gone", "LOAD_ERROR", "no-such-app/", "404"),
]


def test_each_failure_shows_its_panel_and_python_error(failing: Notebook) -> None:
    for cell, name, status, source, message in CASES:
        expect_status(failing, cell, name, status)
        panel = host(failing, cell, name).locator(".microfrontends-error")
        expect(panel).to_be_visible()
        expect(panel.locator(".microfrontends-error-source")).to_contain_text(source)
        expect(panel.locator(".microfrontends-error-message")).to_contain_text(message)
        expect(panel.locator("button.microfrontends-retry")).to_be_visible()
        assert python(failing, f"{name}.status") == status
        assert message in str(python(failing, f"{name}.error"))
    # The missing script stopped the load: the inline script after it never ran.
    expect(host(failing, 2, "ms").locator("#after-missing")).to_have_count(0)


def test_other_apps_and_the_kernel_keep_working(failing: Notebook) -> None:
    for cell, name, status, _, _ in CASES:
        expect_status(failing, cell, name, status)
    healthy = host(failing, 1, "healthy")
    expect_status(failing, 1, "healthy", "MOUNTED")
    expect(healthy.locator("#title")).to_have_text("Plain app")
    assert failing.execute("", {"two": "1 + 1"})["two"] == 2
    assert python(failing, "ok.status") == "MOUNTED"


def test_retry_loads_again_once_the_cause_is_fixed(
    notebook: NotebookFactory, tmp_path: Path
) -> None:
    app_dir = tmp_path / "late"
    app_dir.mkdir()
    (app_dir / "index.html").write_text('<p id="t">waiting</p><script src="late.js"></script>')
    nb = notebook([IMPORT, f"late = MicroApp({str(app_dir)!r}, name='late')\nlate"])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "late", "LOAD_ERROR")
    assert "late.js" in str(python(nb, "late.error"))

    (app_dir / "late.js").write_text("document.getElementById('t').textContent = 'retried ok';")
    host(nb, 1, "late").locator("button.microfrontends-retry").click()
    expect_status(nb, 1, "late", "MOUNTED")
    expect(host(nb, 1, "late").locator("#t")).to_have_text("retried ok")
    expect(host(nb, 1, "late").locator(".microfrontends-error")).to_have_count(0)
    assert python(nb, "late.error") == ""


def test_bad_arguments_fail_in_the_cell(notebook: NotebookFactory) -> None:
    nb = notebook([IMPORT, "MicroApp('/no/such/app/folder')"])
    nb.run_cell(0)
    nb.run_cell(1)
    expect(nb.output(1)).to_contain_text("FileNotFoundError")
    expect(nb.output(1)).to_contain_text("/no/such/app/folder")
    assert nb.execute("", {"alive": "'yes'"})["alive"] == "yes"
