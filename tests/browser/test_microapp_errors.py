"""Each way an app can fail, in real JupyterLab: that app alone shows an error panel and tells
Python; the other apps and the kernel keep working; Retry loads again."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import NotebookFactory
from .microapps import (
    APPS,
    IMPORT,
    app_cell,
    expect_py,
    expect_status,
    host,
    in_realm,
    py,
    record_statuses,
    statuses,
)
from .notebook import Notebook
from .servers import StaticServer


@dataclass(frozen=True)
class Case:
    var: str
    status: str
    source: str  # what the panel names as failing: a URL, a path or a lifecycle
    message: str  # a part of the message, in the panel and in Python's error


HEALTHY = 1  # cell of the polluter app that keeps working next to the failures
FIRST_FAILING = 2


@pytest.fixture(scope="module")
def cases(static_server: StaticServer, tmp_path_factory: pytest.TempPathFactory) -> list[Case]:
    url = static_server.url
    binary = tmp_path_factory.mktemp("binary") / "garbled.html"
    binary.write_bytes(b"<p>\xff\xfe\xfa not text</p>")
    return [
        Case("missing", "LOAD_ERROR", f"{url}missing-script/js/does-not-exist.js", "404"),
        Case(
            "missing_local",
            "LOAD_ERROR",
            str(APPS / "missing-script" / "js" / "does-not-exist.js"),
            "no file js/does-not-exist.js",
        ),
        Case(
            "broken_script", "LOAD_ERROR", f"{url}broken-script/main.js", "boom from broken-script"
        ),
        Case("broken_mount", "SKIP_BECAUSE_BROKEN", "lifecycle mount()", "mount failed on purpose"),
        Case("hang", "SKIP_BECAUSE_BROKEN", "lifecycle mount()", "did not settle"),
        Case("css_entry", "LOAD_ERROR", f"{url}plain/css/style.css", "not an HTML entry"),
        Case("svg_entry", "LOAD_ERROR", f"{url}plain/img/dot.svg", "not an HTML entry"),
        Case("gone", "LOAD_ERROR", f"{url}no-such-app/", "404"),
        Case("garbled", "LOAD_ERROR", str(binary), "not an HTML entry"),
    ]


def failing_cells(static_server: StaticServer, garbled: str) -> list[str]:
    url = static_server.url
    return [
        app_cell("missing", f"{url}missing-script/", name="missing"),
        app_cell("missing_local", APPS / "missing-script", name="missing_local"),
        app_cell("broken_script", f"{url}broken-script/", name="broken_script"),
        app_cell("broken_mount", f"{url}broken-mount/", name="broken_mount"),
        app_cell("hang", f"{url}hang-mount/", name="hang", lifecycle_timeout=1),
        app_cell("css_entry", f"{url}plain/css/style.css", name="css_entry"),
        app_cell("svg_entry", f"{url}plain/img/dot.svg", name="svg_entry"),
        app_cell("gone", f"{url}no-such-app/", name="gone"),
        app_cell("garbled", garbled, name="garbled"),
    ]


@pytest.fixture(scope="module")
def failing(
    module_notebook: NotebookFactory, static_server: StaticServer, cases: list[Case]
) -> Notebook:
    """One healthy app, one app per failure, then a healthy app displayed after them all."""
    cells = [
        IMPORT,
        app_cell("healthy", APPS / "polluter", name="healthy"),
        *failing_cells(static_server, cases[-1].source),
        app_cell("after", html="<p id='after'>after the failures</p>", name="after"),
    ]
    nb = module_notebook(cells)
    record_statuses(nb.page)
    for index in range(len(cells)):
        nb.run_cell(index)
    return nb


def cell_of(cases: list[Case], case: Case) -> int:
    return FIRST_FAILING + cases.index(case)


CASE_IDS = [
    "missing",
    "missing_local",
    "broken_script",
    "broken_mount",
    "hang",
    "css_entry",
    "svg_entry",
    "gone",
    "garbled",
]


@pytest.mark.parametrize("which", CASE_IDS)
def test_failure_shows_a_panel_and_sets_python_error(
    failing: Notebook, cases: list[Case], which: str
) -> None:
    case = next(c for c in cases if c.var == which)
    cell = cell_of(cases, case)
    expect_status(failing, cell, case.var, case.status)
    panel = host(failing, cell, case.var).locator(".microfrontends-error")
    expect(panel).to_be_visible()
    expect(panel).to_have_attribute("role", "alert")
    expect(panel).to_contain_text(case.var)  # which app
    expect(panel.locator(".microfrontends-error-source")).to_contain_text(case.source)
    expect(panel.locator(".microfrontends-error-message")).to_contain_text(case.message)
    expect(panel.locator("button.microfrontends-retry")).to_be_visible()
    expect_py(failing, f"{case.var}.status", case.status)
    error = str(py(failing, f"{case.var}.error"))
    assert case.message in error
    assert case.source in error


BEFORE_MISSING = "log: missing-script: the script before the missing one ran"
AFTER_MISSING = "log: missing-script: the script after the missing one ran"


BEFORE_MISSING = "log: missing-script: the script before the missing one ran"
AFTER_MISSING = "log: missing-script: the script after the missing one ran"


def test_missing_script_stops_the_scripts_after_it(failing: Notebook, cases: list[Case]) -> None:
    # The same entry, over HTTP and as a local folder through the kernel.
    missing = [c for c in cases if c.var in ("missing", "missing_local")]
    for case in missing:
        expect_status(failing, cell_of(cases, case), case.var, "LOAD_ERROR")
        # Python has seen the failure: the load is over, and a loader that went on past the
        # missing script would have run the next one by now.
        expect_py(failing, f"{case.var}.status", "LOAD_ERROR")
    # The app's DOM and realm are gone on LOAD_ERROR, so each script of the app leaves a console
    # line, which outlives them: in both apps the script before the missing one ran (the trace
    # works), the one after it never did.
    log = failing.page.console_log
    assert log.count(BEFORE_MISSING) == len(missing), log
    assert AFTER_MISSING not in log, log
    for case in missing:
        app = host(failing, cell_of(cases, case), case.var)
        expect(app.locator("#after-missing")).to_have_count(0)
        expect(app.locator("#missing-title")).to_have_count(0)


def test_hang_times_out_after_lifecycle_timeout(failing: Notebook, cases: list[Case]) -> None:
    cell = cell_of(cases, next(c for c in cases if c.var == "hang"))
    app = host(failing, cell, "hang")
    expect_status(failing, cell, "hang", "SKIP_BECAUSE_BROKEN")
    # The mount never settles: what broke it is the lifecycle timeout, the one the cell set
    # (lifecycle_timeout=1, not the 10 s default), and it broke the mount straight from MOUNTING.
    seen = statuses(app)
    assert seen[seen.index("MOUNTING") + 1] == "SKIP_BECAUSE_BROKEN", seen
    message = app.locator(".microfrontends-error-message")
    expect(message).to_contain_text("did not settle")
    expect(message).to_contain_text("1000 ms")
    expect_py(failing, "'1000 ms' in hang.error and 'did not settle' in hang.error", True)


def test_other_apps_and_the_kernel_keep_working(failing: Notebook, cases: list[Case]) -> None:
    for case in cases:
        expect_status(failing, cell_of(cases, case), case.var, case.status)
    healthy = host(failing, HEALTHY, "healthy")
    expect_status(failing, HEALTHY, "healthy", "MOUNTED")
    ticks = healthy.locator("#ticks")
    expect(ticks).not_to_have_text(ticks.text_content() or "")
    clicks = int(healthy.locator("#click-count").text_content() or "0")
    healthy.locator("#polluter-title").click()
    expect(healthy.locator("#click-count")).to_have_text(str(clicks + 1))
    expect(healthy.locator(".microfrontends-error")).to_have_count(0)
    expect_py(failing, "healthy.status", "MOUNTED")
    assert py(failing, "healthy.error") == ""
    last = FIRST_FAILING + len(cases)
    expect_status(failing, last, "after", "MOUNTED")
    expect(host(failing, last, "after").locator("#after")).to_have_text("after the failures")
    assert failing.execute("", {"two": "1+1"})["two"] == 2
    # The only uncaught error is the one the broken script threw itself.
    uncaught = [line for line in failing.page.console_log if line.startswith("pageerror")]
    assert [line.splitlines()[0] for line in uncaught] == [
        "pageerror: Error: boom from broken-script"
    ]


def test_retry_runs_the_load_again(failing: Notebook, cases: list[Case]) -> None:
    cell = cell_of(cases, next(c for c in cases if c.var == "hang"))
    app = host(failing, cell, "hang")
    expect_status(failing, cell, "hang", "SKIP_BECAUSE_BROKEN")
    seen = len(statuses(app))
    app.locator("button.microfrontends-retry").click()
    # The panel goes while it loads again, then the same timeout breaks it again.
    expect(app.locator(".microfrontends-error")).to_have_count(0)
    expect_status(failing, cell, "hang", "MOUNTING")
    expect_status(failing, cell, "hang", "SKIP_BECAUSE_BROKEN")
    again = statuses(app)[seen:]
    assert again[0] == "NOT_LOADED"
    assert again[1:] == [
        "LOADING_SOURCE_CODE",
        "NOT_BOOTSTRAPPED",
        "BOOTSTRAPPING",
        "NOT_MOUNTED",
        "MOUNTING",
        "SKIP_BECAUSE_BROKEN",
    ]
    expect(app.locator(".microfrontends-error")).to_have_count(1)
    expect(app.locator(".microfrontends-error-message")).to_contain_text("did not settle")
    expect_py(failing, "hang.status", "SKIP_BECAUSE_BROKEN")


@pytest.fixture
def fixable(tmp_path: Path) -> Path:
    """A local app whose script is missing, for tests to fix."""
    root = tmp_path / "fixable"
    root.mkdir()
    (root / "index.html").write_text('<p id="t">waiting</p><script src="app.js"></script>')
    return root


def test_retry_mounts_the_app_once_its_missing_file_exists(
    notebook: NotebookFactory, fixable: Path
) -> None:
    nb = notebook([IMPORT, app_cell("fix", fixable, name="fix")])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "fix", "LOAD_ERROR")
    expect_py(nb, "'app.js' in fix.error", True)

    (fixable / "app.js").write_text("document.getElementById('t').textContent = 'fixed';")
    host(nb, 1, "fix").locator("button.microfrontends-retry").click()
    expect_status(nb, 1, "fix", "MOUNTED")
    expect(host(nb, 1, "fix").locator("#t")).to_have_text("fixed")
    expect(host(nb, 1, "fix").locator(".microfrontends-error")).to_have_count(0)
    expect_py(nb, "fix.error", "")
    expect_py(nb, "fix.status", "MOUNTED")


def test_retry_runs_a_fixed_script(notebook: NotebookFactory, fixable: Path) -> None:
    (fixable / "app.js").write_text("throw new Error('not fixed yet');")
    nb = notebook([IMPORT, app_cell("fix", fixable, name="fix")])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "fix", "LOAD_ERROR")
    expect(host(nb, 1, "fix").locator(".microfrontends-error-message")).to_contain_text(
        "not fixed yet"
    )

    (fixable / "app.js").write_text("document.getElementById('t').textContent = 'fixed';")
    host(nb, 1, "fix").locator("button.microfrontends-retry").click()
    expect(host(nb, 1, "fix").locator("#t")).to_have_text("fixed")
    expect_status(nb, 1, "fix", "MOUNTED")


def test_bad_arguments_raise_in_the_cell(notebook: NotebookFactory) -> None:
    nb = notebook(
        [
            IMPORT,
            "MicroApp()",
            "MicroApp('/no/such/app/folder')",
            "MicroApp(html='<p>x</p>', sandbox='shadow-realm')",
        ]
    )
    nb.run_all()
    expect(nb.output(1)).to_contain_text("TypeError")
    expect(nb.output(1)).to_contain_text("entry")
    expect(nb.output(1)).to_contain_text("html")
    expect(nb.output(2)).to_contain_text("FileNotFoundError")
    expect(nb.output(2)).to_contain_text("/no/such/app/folder")
    expect(nb.output(3)).to_contain_text("ValueError")
    expect(nb.output(3)).to_contain_text("'shadow-realm'")
    expect(nb.output(3)).to_contain_text("'iframe'")
    for index in (1, 2, 3):
        expect(nb.output(index).locator("[data-microfrontends-app]")).to_have_count(0)
    assert nb.execute("", {"alive": "1+1"})["alive"] == 2


def test_realm_of_a_failed_app_is_gone(failing: Notebook, cases: list[Case]) -> None:
    page = failing.page
    for case in cases:
        expect_status(failing, cell_of(cases, case), case.var, case.status)
        expect(page.locator(f'iframe[data-microfrontends-realm="{case.var}"]')).to_have_count(0)
    assert in_realm(page, "healthy", "window.polluted") == "yes"
    assert page.evaluate("[typeof window.brokenScriptStarted, typeof window.brokenMountCalls]") == [
        "undefined",
        "undefined",
    ]


@pytest.mark.parametrize("sandbox", ["proxy", "snapshot", "none"])
def test_a_throwing_script_is_named_in_every_sandbox(
    notebook: NotebookFactory, static_server: StaticServer, sandbox: str
) -> None:
    # The proxy and snapshot sandboxes are parts, bundles of their own: their errors must still
    # be told apart as a script's, which names its file.
    entry = f"{static_server.url}broken-script/"
    nb = notebook([IMPORT, app_cell("broken", entry, name="broken", sandbox=sandbox)])
    nb.run_all()
    expect_status(nb, 1, "broken", "LOAD_ERROR")
    panel = host(nb, 1, "broken").locator(".microfrontends-error")
    expect(panel.locator(".microfrontends-error-source")).to_have_text(f"{entry}main.js")
    message = panel.locator(".microfrontends-error-message")
    expect(message).to_contain_text("boom from broken-script")
    expect_py(nb, f"'({entry}main.js)' in broken.error", True)
