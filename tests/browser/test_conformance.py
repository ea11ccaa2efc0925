"""The isolation conformance suite: the same checks for every sandbox and CSS mode.

Each mode runs the checks of conformance.py once, on a plain page through core.js (the code
path of every mode is the same in a notebook; the default mode also runs in JupyterLab), and
every check is a test that compares what was seen with what the mode is documented to do.
Where a mode does not isolate something by design, the test asserts that, so the table in
docs/isolation.md cannot drift: the committed results must be what these tests assert, and a run
with MICROFRONTENDS_WRITE_DOCS=1 rewrites docs/isolation.json and .md from what it saw, only if
what it saw is what the tests assert (a normal run writes nothing).
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from typing import ClassVar

import pytest
from playwright.sync_api import BrowserContext

from .conformance import DID_NOT_RUN, ROWS, CoreDriver, Mode, observe
from .conftest import REPO_ROOT, WRITE_DOCS, NotebookFactory
from .microapps import APPS, IMPORT, MOUNT_TIMEOUT_MS
from .notebook import Notebook
from .servers import StaticServer

# The columns of the table. A mode being built elsewhere is listed with `pending`; enabling
# it is removing that argument.
MODES = [
    Mode("iframe", "shadow"),
    Mode("iframe", "scoped"),
    Mode("iframe", "none"),
    Mode("proxy", "shadow"),
    Mode("snapshot", "shadow"),
    Mode("snapshot", "scoped"),
    Mode("none", "none"),
    Mode("none", "shadow"),
    Mode("strict", "shadow"),
]
DEFAULT = MODES[0]
RESULTS = REPO_ROOT / "docs" / "isolation.json"
RENDERER = REPO_ROOT / "bench" / "isolation_doc.py"

OWN = "the app's own global"
PAGE = "the page window"
ALL_ESCAPES = [row for row in ROWS if row.startswith("escape_")]
PAGE_REACHES = "page rules reach the app"
LEAKS_ALL = "leaks: html border-top, body background, h1 color, button background"
ALL_GLOBALS = "on the page window: polluted, leakyVar, ticks, resizeCount, clickCount"
URL_CHANGES = "app routes #/a then #/pushed; page URL changed"

# What each mode is documented to do (DESIGN.md "JavaScript isolation" and "CSS isolation").
ISOLATED = {
    "runs": "yes",
    "classic_scripts": "yes",
    "globals": "kept off the page",
    "two_instances": "independent: own window, own route",
    "css_out": "page unaffected",
    "css_in": "page rules stay out",
    "modal": "in the app, styled by the app",
    "dynamic_style": "styles the app",
    "font": "loads",
    "relative_url": "resolves against the stylesheet",
    "routers": "app routes #/a then #/pushed; page URL unchanged",
    **dict.fromkeys(ALL_ESCAPES, OWN),
    "cleanup": "nothing left",
}
# The iframe realm's `top` is unforgeable: it is the page (DESIGN.md: proxy answers it).
IFRAME = {**ISOLATED, "escape_top": PAGE}
PAGE_REALM = {
    **dict.fromkeys(ALL_ESCAPES, PAGE),
    "globals": ALL_GLOBALS,
    "routers": URL_CHANGES,
}
SNAPSHOT = {
    **ISOLATED,
    **PAGE_REALM,
    "two_instances": 'the second is refused: SnapshotBusyError: sandbox="snapshot" runs one '
    'app at a time on a page and "pol-a" is mounted; unmount it before mounting "pol-b", '
    "or give one of them another sandbox",
    # A top-level `var` cannot be deleted from a window; it is set back to undefined.
    "cleanup": "left: leakyVar (undefined)",
}
EXPECTED: dict[str, dict[str, str]] = {
    "iframe/shadow": IFRAME,
    # Scoped rules confine the app's CSS; nothing keeps the page's rules out of light DOM.
    "iframe/scoped": {**IFRAME, "css_in": PAGE_REACHES},
    "iframe/none": {**IFRAME, "css_in": PAGE_REACHES, "css_out": LEAKS_ALL},
    "proxy/shadow": ISOLATED,
    "snapshot/shadow": SNAPSHOT,
    "snapshot/scoped": {**SNAPSHOT, "css_in": PAGE_REACHES},
    # No sandbox: the page's window, document and URL; only added globals are deleted.
    "none/none": {
        **ISOLATED,
        **PAGE_REALM,
        "two_instances": "the second never updates its own DOM (its document is the page's)",
        "css_out": LEAKS_ALL,
        "css_in": PAGE_REACHES,
        "modal": "in the page's body, styled by the app",
        "dynamic_style": "styles an element in the page's body; "
        "the style element is in the page head",
        "cleanup": "left: leakyVar (undefined), ticks, resizeCount, clickCount, modal, page URL",
    },
    # The page's document cannot see into the app's shadow root: an app that looks its
    # elements up in `document` does not run.
    "none/shadow": {
        **dict.fromkeys(ROWS, DID_NOT_RUN),
        "runs": "no: TypeError: Cannot read properties of null (reading 'addEventListener')",
        "classic_scripts": "no: TypeError: Cannot set properties of null (setting 'textContent')",
    },
    # An opaque-origin frame: its `top` and `parent` are the page, which it cannot touch.
    "strict/shadow": {
        **ISOLATED,
        "escape_top": "the page window, cross-origin (unusable)",
        "escape_parent": "the page window, cross-origin (unusable)",
    },
}


class Observations(dict):
    """What each mode was seen doing, observed on first use in a fresh page of its own."""

    def __init__(self, context: BrowserContext, server: StaticServer):
        super().__init__()
        self.context = context
        self.server = server

    def __missing__(self, key: str) -> dict[str, str]:
        mode = next(mode for mode in MODES if mode.key == key)
        page = self.context.new_page()
        try:
            self[key] = observe(CoreDriver(page, self.server.url, mode))
        finally:
            page.close()
        return self[key]


@pytest.fixture(scope="module")
def observations(
    browser_context: BrowserContext, repo_server: StaticServer
) -> Iterator[Observations]:
    """Every mode's observations; with MICROFRONTENDS_WRITE_DOCS=1, written to
    docs/isolation.json and rendered into docs/isolation.md when the module's tests are done,
    if every mode observed did what it is documented to do."""
    seen = Observations(browser_context, repo_server)
    yield seen
    if WRITE_DOCS and seen and all(seen[key] == EXPECTED[key] for key in seen):
        write_results({"modes": dict(seen)})


def write_results(update: dict[str, dict]) -> None:
    """Merges new observations into docs/isolation.json and renders docs/isolation.md."""
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for section, values in update.items():
        results.setdefault(section, {}).update(values)
    results["columns"] = [
        {"key": mode.key, "sandbox": mode.sandbox, "css": mode.css, "pending": mode.pending}
        for mode in MODES
    ]
    results["rows"] = ROWS
    results["isolated"] = ISOLATED
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    spec = importlib.util.spec_from_file_location("isolation_doc", RENDERER)
    assert spec and spec.loader
    renderer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(renderer)
    renderer.render_file()


@pytest.mark.parametrize("row", list(ROWS))
@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.key)
def test_mode_does_what_its_docs_say(
    mode: Mode, row: str, observations: dict[str, dict[str, str]]
) -> None:
    if mode.pending:
        pytest.skip(f'sandbox="{mode.sandbox}" is {mode.pending}')
    assert observations[mode.key][row] == EXPECTED[mode.key][row], ROWS[row]


def test_every_mode_has_an_expectation_for_every_row() -> None:
    for mode in MODES:
        assert set(EXPECTED[mode.key]) == set(ROWS), mode.key


class LabDriver:
    """Apps mounted by running MicroApp cells in a JupyterLab notebook (default mode)."""

    CELLS: ClassVar[dict[str, int]] = {"pol-a": 1, "pol-b": 2, "plain": 3}

    def __init__(self, nb: Notebook, mode: Mode):
        self.nb = nb
        self.page = nb.page
        self.mode = mode
        nb.run_cell(0)

    @staticmethod
    def cells(mode: Mode) -> list[str]:
        apps = {"pol-a": "polluter", "pol-b": "polluter", "plain": "plain"}
        return [IMPORT] + [
            f"{name.replace('-', '_')} = MicroApp({str(APPS / app)!r}, name={name!r}, "
            f"sandbox={mode.sandbox!r}, css={mode.css!r}, height=300)\n{name.replace('-', '_')}"
            for name, app in apps.items()
        ]

    def host(self, name: str):
        return self.nb.output(self.CELLS[name]).locator(f'[data-microfrontends-app="{name}"]')

    def mount(self, name: str, app: str) -> str:
        """Runs the cell that shows ``name`` (it names its app)."""
        self.nb.run_cell(self.CELLS[name])
        host = self.host(name)
        host.wait_for(state="attached", timeout=MOUNT_TIMEOUT_MS)
        self.page.wait_for_function(
            """(el) => ['MOUNTED', 'LOAD_ERROR', 'SKIP_BECAUSE_BROKEN'].includes(
                 el.getAttribute('data-microfrontends-status'))""",
            arg=host.element_handle(),
            timeout=MOUNT_TIMEOUT_MS,
        )
        status = host.get_attribute("data-microfrontends-status")
        return "" if status == "MOUNTED" else f"status {status}"

    def unmount(self, name: str) -> None:
        self.nb.execute(f"{name.replace('-', '_')}.unmount()")
        self.page.wait_for_function(
            "(el) => el.getAttribute('data-microfrontends-status') === 'NOT_LOADED'",
            arg=self.host(name).element_handle(),
            timeout=MOUNT_TIMEOUT_MS,
        )

    def app_window(self, name: str) -> str:
        realm = f'iframe[data-microfrontends-realm="{name}"]'
        return f"document.querySelector({realm!r}).contentWindow"


def test_default_mode_in_jupyterlab(notebook: NotebookFactory) -> None:
    """The default mode through a real notebook: the same answers as on the plain page."""
    nb = notebook(LabDriver.cells(DEFAULT))
    driver = LabDriver(nb, DEFAULT)
    seen = observe(driver)
    assert seen == EXPECTED[DEFAULT.key]
    if WRITE_DOCS:
        write_results({"jupyterlab": {DEFAULT.key: seen}})


def test_the_committed_results_are_what_the_suite_asserts() -> None:
    """docs/isolation.json (which docs/isolation.md renders, see tests/unit/test_isolation_doc.py)
    says of every mode what the tests above assert it does."""
    results = json.loads(RESULTS.read_text())
    for mode in MODES:
        if not mode.pending:
            assert results["modes"][mode.key] == EXPECTED[mode.key], mode.key
    assert results["jupyterlab"] == {DEFAULT.key: EXPECTED[DEFAULT.key]}
    assert results["rows"] == ROWS
    assert results["isolated"] == ISOLATED
    assert results["columns"] == [
        {"key": mode.key, "sandbox": mode.sandbox, "css": mode.css, "pending": mode.pending}
        for mode in MODES
    ]
