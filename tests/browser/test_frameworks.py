"""The framework apps (examples/frameworks) in every sandbox mode, in a real JupyterLab.

Each framework x mode is one test that does what a user would: the app mounts and renders;
it works (Python's state shows, a click updates the app and reaches Python); side by side with
another framework's app on the same GlobalState, a click in one shows in the other; unmounted,
its DOM is gone with no error in the console, and mounted again it works. Each step that fails
is recorded with why, and the test compares what it saw with EXPECTED: a pass everywhere but the
cells KNOWN_FAILURES lists, with their reasons. So a listed failure that starts to pass fails the
test as an unlisted failure does, and docs/frameworks.md, rendered from what was seen, says the
same as the tests. A normal run writes nothing; with MICROFRONTENDS_WRITE_DOCS=1, a run in which
every cell did what EXPECTED says rewrites docs/frameworks.md:

    MICROFRONTENDS_WRITE_DOCS=1 .venv/bin/python -m pytest tests/browser/test_frameworks.py
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import FrameLocator, Locator, expect

from .conftest import REPO_ROOT, WRITE_DOCS, NotebookFactory
from .microapps import MOUNT_TIMEOUT_MS, py
from .notebook import Notebook

FRAMEWORKS_DIR = REPO_ROOT / "examples" / "frameworks"
DOC = REPO_ROOT / "docs" / "frameworks.md"

FRAMEWORKS = {
    "react18": "React 18",
    "react19": "React 19",
    "vue": "Vue 3",
    "svelte": "Svelte 5",
    "lit": "Lit",
    "preact": "Preact",
    "solid": "Solid",
    "angular": "Angular",
}
# Side by side: each app shares one output and one GlobalState with its partner.
PAIRS = [("react18", "react19"), ("vue", "svelte"), ("lit", "preact"), ("solid", "angular")]
PARTNER = {a: b for pair in PAIRS for a, b in (pair, pair[::-1])}
MODES = ["iframe", "proxy", "snapshot", "none", "strict"]
# sandbox="snapshot" runs one app at a time on a page: each app there has a cell of its own.
ALONE = {"snapshot"}

# What each column of a row checks, in table order.
FEATURES = {
    "renders": "mounts and renders (the count Python set shows)",
    "works": "Python's change shows; a click updates the app and reaches Python",
    "web_component": (
        "a custom element the app defines (`<fw-badge>`, shared/badge.js), made where the "
        "framework makes its elements, upgrades and shows the count"
    ),
    "side_by_side": "next to its partner on one GlobalState: a click in either shows in both",
    "remount": "unmount leaves no DOM and no console error; mounted again, it works",
}
PASS = "pass"
NOT_RUN = "not run: the app did not render"

BUSY = (
    '{partner}\'s status is LOAD_ERROR: SnapshotBusyError: sandbox="snapshot" runs one app at a '
    'time on a page and "{framework}-snapshot" is mounted'
)
# Why it fails.
ONE_SNAPSHOT = "by design: one snapshot app per page"
# Every cell that does not pass: what the test sees, and why; the rest must pass.
KNOWN_FAILURES: dict[tuple[str, str], dict[str, tuple[str, str]]] = {
    (framework, "snapshot"): {
        "side_by_side": (
            BUSY.format(partner=FRAMEWORKS[PARTNER[framework]], framework=framework),
            ONE_SNAPSHOT,
        ),
    }
    for framework in FRAMEWORKS
}

EXPECTED = {
    (framework, mode): {
        feature: KNOWN_FAILURES.get((framework, mode), {}).get(feature, (PASS, ""))[0]
        for feature in FEATURES
    }
    for framework in FRAMEWORKS
    for mode in MODES
}

SETTLED = ["MOUNTED", "LOAD_ERROR", "SKIP_BECAUSE_BROKEN"]
UNMOUNTED = ["NOT_MOUNTED", "NOT_LOADED", "LOAD_ERROR", "SKIP_BECAUSE_BROKEN"]
WAIT_STATUS = """([el, wanted]) => wanted.includes(el.getAttribute('data-microfrontends-status'))"""
STEP_TIMEOUT_MS = 5_000
URL = re.compile(r"\b(?:blob:)?https?://\S+")


class StepFailed(Exception):
    """A step of a check did not do what a user expects; the message says what was seen."""


SETUP = f"""\
from pathlib import Path
from ipywidgets import HBox
from microfrontends import GlobalState, MicroApp

apps, states = {{}}, {{}}

def show(sandbox, *frameworks):
    state = GlobalState({{"count": 0}})
    for framework in frameworks:
        key = f"{{framework}}-{{sandbox}}"
        states[key] = state
        apps[key] = MicroApp(str(Path({str(FRAMEWORKS_DIR)!r}) / framework / "dist"), name=key,
                             sandbox=sandbox, state=state, height=130)
    return HBox([apps[f"{{framework}}-{{sandbox}}"] for framework in frameworks])
"""


def cells(mode: str) -> tuple[list[str], dict[str, int]]:
    """A notebook for ``mode``'s apps, and which of its cells shows each framework."""
    sources = [SETUP]
    where: dict[str, int] = {}
    groups = [(framework,) for framework in FRAMEWORKS] if mode in ALONE else PAIRS
    for group in groups:
        for framework in group:
            where[framework] = len(sources)
        sources.append(f"show({mode!r}, {', '.join(map(repr, group))})")
    return sources, where


@dataclass
class FrameworkApp:
    """One framework's app in one mode, in the shared notebook."""

    nb: Notebook
    framework: str
    mode: str
    cell: int

    @property
    def name(self) -> str:
        return f"{self.framework}-{self.mode}"

    @property
    def host(self) -> Locator:
        return self.nb.output(self.cell).locator(f'[data-microfrontends-app="{self.name}"]')

    @property
    def view(self) -> Locator | FrameLocator:
        """Where the app's elements are: its host, or the strict mode's frame inside it."""
        if self.mode == "strict":
            return self.host.frame_locator("iframe[data-microfrontends-strict]")
        return self.host

    def status(self) -> str:
        return str(self.host.get_attribute("data-microfrontends-status"))

    def wait_status(self, wanted: list[str]) -> str:
        try:
            self.host.wait_for(state="attached", timeout=MOUNT_TIMEOUT_MS)
            self.nb.page.wait_for_function(
                WAIT_STATUS, arg=[self.host.element_handle(), wanted], timeout=MOUNT_TIMEOUT_MS
            )
        except PlaywrightError as error:
            raise StepFailed(
                f"status stays {self.status()}, never {' or '.join(wanted)}"
            ) from error
        return self.status()

    def python(self, code: str) -> None:
        self.nb.execute(
            code.replace("APP", f"apps[{self.name!r}]").replace("STATE", f"states[{self.name!r}]")
        )

    def count_in_python(self) -> object:
        return py(self.nb, f"states[{self.name!r}]['count']")

    def error(self) -> str:
        """The first line of the error Python was told of, without the entry's path."""
        deadline = time.monotonic() + STEP_TIMEOUT_MS / 1000
        while not (error := str(py(self.nb, f"apps[{self.name!r}].error")).strip()):
            if time.monotonic() > deadline:
                return "(no error reported)"
            time.sleep(0.1)
        # 'App "name": load failed (entry): Error: what; how to fix' -> 'Error: what'
        return error.splitlines()[0].split(": ", 2)[-1].split(";")[0]


def shows(app: FrameworkApp, testid: str, text: str, failure: str) -> None:
    """The app shows ``text`` in its element ``testid``, or the step fails with ``failure``."""
    try:
        expect(app.view.get_by_test_id(testid)).to_have_text(text, timeout=STEP_TIMEOUT_MS)
    except AssertionError as error:
        raise StepFailed(failure) from error


def python_sees(app: FrameworkApp, count: int, failure: str) -> None:
    deadline = time.monotonic() + STEP_TIMEOUT_MS / 1000
    while app.count_in_python() != count:
        if time.monotonic() > deadline:
            raise StepFailed(failure)
        time.sleep(0.1)


def click(app: FrameworkApp) -> None:
    try:
        app.view.get_by_test_id("counter").click(timeout=STEP_TIMEOUT_MS)
    except PlaywrightError as error:
        raise StepFailed("its button cannot be clicked") from error


def renders(app: FrameworkApp) -> None:
    status = app.wait_status(SETTLED)
    if status != "MOUNTED":
        raise StepFailed(f"status {status}: {app.error()}")
    app.python("STATE['count'] = 3")
    try:
        expect(app.view.get_by_role("heading")).to_have_text(
            FRAMEWORKS[app.framework], timeout=STEP_TIMEOUT_MS
        )
    except AssertionError as error:
        raise StepFailed("mounted, but nothing of the app shows") from error
    shows(app, "shared", "shared: 3", "Python's count never shows")


def works(app: FrameworkApp) -> None:
    app.python("STATE['count'] = 5")
    shows(app, "shared", "shared: 5", "Python's change never shows")
    clicks = int(str(app.view.get_by_test_id("counter").text_content()).split(": ")[1])
    click(app)
    shows(app, "counter", f"clicks: {clicks + 1}", "a click does not update the app")
    shows(app, "shared", "shared: 6", "a click does not update the shared count")
    python_sees(app, 6, "the app's change never reaches Python")


def web_component(app: FrameworkApp) -> None:
    app.python("STATE['count'] = 4")
    shows(app, "shared", "shared: 4", "Python's change never shows")
    try:
        expect(app.view.locator("fw-badge [part=label]")).to_have_text(
            "badge: 4", timeout=STEP_TIMEOUT_MS
        )
    except AssertionError as error:
        raise StepFailed("<fw-badge> never upgrades (no shadow root, no count)") from error


def side_by_side(app: FrameworkApp, partner: FrameworkApp) -> None:
    """In an alone mode, the partner's cell runs now, and its output is cleared after."""
    if partner.mode in ALONE:
        partner.nb.run_cell(partner.cell)
    try:
        status = partner.wait_status(SETTLED)
        other = FRAMEWORKS[partner.framework]
        if status != "MOUNTED":
            raise StepFailed(f"{other}'s status is {status}: {partner.error()}")
        app.python("STATE['count'] = 7")
        shows(partner, "shared", "shared: 7", f"{other} does not show Python's count")
        click(app)
        shows(partner, "shared", "shared: 8", f"a click in the app does not show in {other}")
        click(partner)
        shows(app, "shared", "shared: 9", f"a click in {other} does not show in the app")
        python_sees(app, 9, "the clicks never reach Python")
    finally:
        if partner.mode in ALONE:
            partner.nb.clear_outputs(partner.cell)


def remount(app: FrameworkApp) -> None:
    console = app.nb.page.console_log  # type: ignore[attr-defined]
    seen = len(console)
    app.python("APP.unmount()")
    status = app.wait_status(UNMOUNTED)
    if status not in ("NOT_MOUNTED", "NOT_LOADED"):
        raise StepFailed(f"status after unmount: {status}")
    try:
        expect(app.view.get_by_role("heading")).to_have_count(0, timeout=STEP_TIMEOUT_MS)
        expect(app.view.get_by_test_id("counter")).to_have_count(0)
    except AssertionError as error:
        raise StepFailed("its DOM stays after unmount") from error
    app.python("APP.mount()")
    status = app.wait_status(SETTLED)
    if status != "MOUNTED":
        raise StepFailed(f"mounted again, status {status}: {app.error()}")
    app.python("STATE['count'] = 1")
    shows(app, "shared", "shared: 1", "mounted again, Python's count never shows")
    shows(app, "counter", "clicks: 0", "mounted again, the app kept its old clicks")
    click(app)
    shows(app, "counter", "clicks: 1", "mounted again, a click does not update the app")
    python_sees(app, 2, "mounted again, the app's change never reaches Python")
    errors = [line for line in console[seen:] if line.startswith(("error:", "pageerror:"))]
    if errors:
        raise StepFailed(f"console: {URL.sub('<url>', errors[0].splitlines()[0])[:120]}")


CHECKS: dict[str, Callable[[FrameworkApp, FrameworkApp], None]] = {
    "renders": lambda app, _: renders(app),
    "works": lambda app, _: works(app),
    "web_component": lambda app, _: web_component(app),
    "side_by_side": side_by_side,
    "remount": lambda app, _: remount(app),
}


def check(seen: dict[str, str], feature: str, app: FrameworkApp, partner: FrameworkApp) -> None:
    """Runs one check of ``app`` (if it rendered) and records PASS or what went wrong."""
    if feature != "renders" and seen["renders"] != PASS:
        seen[feature] = NOT_RUN
        return
    try:
        CHECKS[feature](app, partner)
    except StepFailed as failure:
        seen[feature] = str(failure)
    except PlaywrightError as error:
        seen[feature] = f"browser error: {URL.sub('<url>', error.message.splitlines()[0])}"
    else:
        seen[feature] = PASS


def observe_mode(nb: Notebook, mode: str, where: dict[str, int]) -> dict[str, dict[str, str]]:
    """Every framework's results in ``mode``, in one fixed order (so that no result depends on
    the order pytest runs the tests in): all apps shown, then each check for every app in turn,
    unmounting and mounting again last; in an alone mode, each app from start to end by itself."""
    nb.run_cell(0)
    apps = {framework: FrameworkApp(nb, framework, mode, cell) for framework, cell in where.items()}
    seen: dict[str, dict[str, str]] = {framework: {} for framework in FRAMEWORKS}
    if mode in ALONE:
        for framework, app in apps.items():
            nb.run_cell(app.cell)
            for feature in FEATURES:
                check(seen[framework], feature, app, apps[PARTNER[framework]])
            nb.clear_outputs(app.cell)
        return seen
    for cell in sorted(set(where.values())):
        nb.run_cell(cell)
    for feature in FEATURES:
        for framework, app in apps.items():
            check(seen[framework], feature, app, apps[PARTNER[framework]])
    return seen


class Observations(dict):
    """What each mode's apps were seen doing, observed on first use in a notebook of its own
    (a page of its own: an app in one mode leaves nothing that another mode's apps meet)."""

    def __init__(self, notebook: NotebookFactory):
        super().__init__()
        self.notebook = notebook

    def __missing__(self, mode: str) -> dict[str, dict[str, str]]:
        sources, where = cells(mode)
        self[mode] = observe_mode(self.notebook(sources), mode, where)
        return self[mode]

    def results(self) -> dict[tuple[str, str], dict[str, str]]:
        return {(fw, mode): self[mode][fw] for mode in list(self) for fw in self[mode]}


@pytest.fixture(scope="module")
def observed(module_notebook: NotebookFactory) -> Iterator[Observations]:
    """Every mode's results; with MICROFRONTENDS_WRITE_DOCS=1, rendered into docs/frameworks.md
    when the module is done, if every mode ran and every cell did what EXPECTED says."""
    seen = Observations(module_notebook)
    yield seen
    results = {
        (framework, mode): seen[mode][framework] for mode in seen for framework in seen[mode]
    }
    if WRITE_DOCS and results == EXPECTED:
        DOC.write_text(render(results))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_framework_in_mode(framework: str, mode: str, observed: Observations) -> None:
    assert observed[mode][framework] == EXPECTED[(framework, mode)]


def render(results: dict[tuple[str, str], dict[str, str]]) -> str:
    """docs/frameworks.md: one row per framework and feature, one column per sandbox mode."""
    header = ["Framework", "Checks", *(f'`sandbox="{mode}"`' for mode in MODES)]
    lines = [
        "# Frameworks in every sandbox mode",
        "",
        "<!-- Generated by tests/browser/test_frameworks.py from what it saw; do not edit by hand."
        "\n     MICROFRONTENDS_WRITE_DOCS=1 .venv/bin/python -m pytest "
        "tests/browser/test_frameworks.py -->",
        "",
        "Each app in `examples/frameworks/` is a counter built with Vite from the framework's npm",
        "packages, with qiankun-style lifecycles that mount it with the framework's own API and",
        "unmount it with the framework's own (`root.unmount()`, `app.unmount()`, ...). The test",
        "suite mounts each one in each mode in a real JupyterLab and Chromium, and checks:",
        "",
        *(f"- **{feature}**: {text}." for feature, text in FEATURES.items()),
        "",
        "Partners: " + ", ".join(f"{FRAMEWORKS[a]} and {FRAMEWORKS[b]}" for a, b in PAIRS) + ".",
        "",
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
    ]
    for framework, title in FRAMEWORKS.items():
        for feature in FEATURES:
            row = [title, feature]
            for mode in MODES:
                result = results[(framework, mode)][feature]
                why = KNOWN_FAILURES.get((framework, mode), {}).get(feature, (PASS, ""))[1]
                row.append(PASS if result == PASS else f"**fails**: {result} ({why})")
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def test_the_committed_doc_is_what_the_suite_asserts() -> None:
    assert DOC.read_text() == render(EXPECTED)
