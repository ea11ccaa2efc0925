"""Fixtures for tests that drive JupyterLab, Voila and plain pages in Debian's Chromium."""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    Playwright,
    sync_playwright,
)

from . import where_it_runs
from .notebook import Notebook, open_notebook
from .servers import LabServer, StaticServer, VoilaServer, start_lab, start_static, start_voila

REPO_ROOT = Path(__file__).resolve().parents[2]
APPS_DIR = REPO_ROOT / "tests" / "apps"
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Test runs leave the work tree clean: the tracked files some tests produce (docs/isolation.*,
# docs/dashboard.png) are written only when this is set, and only from what passed.
#     MICROFRONTENDS_WRITE_DOCS=1 .venv/bin/python -m pytest tests/browser/test_conformance.py
WRITE_DOCS = os.environ.get("MICROFRONTENDS_WRITE_DOCS") == "1"

NotebookFactory = Callable[..., Notebook]
VoilaFactory = Callable[[Path], VoilaServer]


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(where_it_runs, "where_it_runs")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """On a failed test, save a screenshot and attach the browser console to the report."""
    outcome = yield
    report = outcome.get_result()
    page = _test_page(getattr(item, "funcargs", {}))
    if report.when != "call" or not report.failed or page is None:
        return
    report.sections.append(("browser console", "\n".join(page.console_log)))
    if not page.is_closed():
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        safe_name = re.sub(r"[^\w.-]", "_", item.name)
        page.screenshot(path=ARTIFACTS_DIR / f"{safe_name}.png")


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found; install Debian's Chromium with "
            "`apt-get update && apt-get install -y chromium` (never `playwright install`)",
            pytrace=False,
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser_context(chromium_path: Path, playwright_driver: Playwright) -> Iterator[BrowserContext]:
    with tempfile.TemporaryDirectory() as profile:
        context = playwright_driver.chromium.launch_persistent_context(
            profile, executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield context
        context.close()


@pytest.fixture
def isolated_page(chromium_path: Path, playwright_driver: Playwright) -> Iterator[Page]:
    """A page in a browser of its own, for a test that changes its whole context: Playwright
    installs a fake clock in the context, and every later page of a shared context would start
    with its timers stopped."""
    browser = playwright_driver.chromium.launch(
        executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
    )
    page = _new_page(browser.new_context())
    yield page
    browser.close()


def _test_page(funcargs: dict[str, object]) -> Page | None:
    """The test's ``page``, else the page of a (module-scoped) notebook it uses."""
    page = funcargs.get("page")
    if isinstance(page, Page):
        return page
    return next((v.page for v in funcargs.values() if isinstance(v, Notebook)), None)


def _new_page(browser_context: BrowserContext) -> Page:
    """A fresh page; ``page.console_log`` collects its console messages and page errors,
    ``page.request_log`` the URLs it requested (those of sandboxed frames' documents aside)."""
    page = browser_context.new_page()
    log: list[str] = []
    page.console_log = log  # type: ignore[attr-defined]
    requested: list[str] = []
    page.request_log = requested  # type: ignore[attr-defined]
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: log.append(_console_line(message)))
    page.on("pageerror", lambda error: log.append(f"pageerror: {_page_error_line(error)}"))
    return page


@pytest.fixture
def page(browser_context: BrowserContext) -> Iterator[Page]:
    """A fresh page; ``page.console_log`` collects its console messages and page errors."""
    page = _new_page(browser_context)
    yield page
    page.close()


def _console_line(message: ConsoleMessage) -> str:
    return f"{message.type}: {message.text}"


def _page_error_line(error: Error) -> str:
    return error.stack or error.message


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    server = start_lab(tmp_path_factory.mktemp("lab"))
    yield server
    server.stop()


@pytest.fixture
def notebook(page: Page, lab: LabServer) -> Iterator[NotebookFactory]:
    """Factory ``notebook(cells, name=None) -> Notebook`` opening notebooks in the test's page."""
    opened: list[Notebook] = []

    def factory(cells: list[str], name: str | None = None) -> Notebook:
        opened.append(open_notebook(page, lab, cells, name))
        return opened[-1]

    yield factory
    for each in opened:
        each.close()


@pytest.fixture(scope="module")
def module_notebook(browser_context: BrowserContext, lab: LabServer) -> Iterator[NotebookFactory]:
    """Like ``notebook``, for notebooks a module's tests share; each opens in a page (and a
    JupyterLab workspace) of its own, so that other pages can open meanwhile."""
    opened: list[Notebook] = []

    def factory(cells: list[str], name: str | None = None) -> Notebook:
        page = _new_page(browser_context)
        workspace = f"shared-{secrets.token_hex(4)}"
        opened.append(open_notebook(page, lab, cells, name, workspace=workspace))
        return opened[-1]

    yield factory
    for each in opened:
        each.close()


@pytest.fixture(scope="module")
def repo_server() -> Iterator[StaticServer]:
    """Serves the repository (with CORS): the built core.js, the test apps and the examples."""
    server = start_static(REPO_ROOT, cors=True)
    yield server
    server.stop()


CORE_PAGE = """<!doctype html><html><body><div id="slot"></div>
<script type="module">
  import { mount } from "/src/microfrontends/static/core.js";
  window.mountApp = (name, entry, props) =>
    mount(document.getElementById('slot'), { name, entry, props, transport: 'browser' });
  window.mountHtml = (name, html) => mount(document.getElementById('slot'), { name, html });
  window.ready = true;
</script></body></html>"""


@pytest.fixture(scope="module")
def core_page_server(repo_server: StaticServer) -> StaticServer:
    """``repo_server``, with test-artifacts/core-page.html: a plain page with ``mountApp``
    and ``mountHtml`` from core.js (see :func:`open_core_page`)."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    (ARTIFACTS_DIR / "core-page.html").write_text(CORE_PAGE)
    return repo_server


def open_core_page(page: Page, server: StaticServer) -> None:
    """Open the core page of ``core_page_server`` and wait for core.js."""
    page.goto(f"{server.url}test-artifacts/core-page.html")
    page.wait_for_function("window.ready === true")


@pytest.fixture(scope="session")
def static_server() -> Iterator[StaticServer]:
    """Serves tests/apps with ``Access-Control-Allow-Origin: *``."""
    server = start_static(APPS_DIR, cors=True)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def static_server_nocors() -> Iterator[StaticServer]:
    """Serves tests/apps without any CORS header."""
    server = start_static(APPS_DIR, cors=False)
    yield server
    server.stop()


@pytest.fixture
def voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaFactory]:
    """Factory ``voila(notebook_path) -> VoilaServer``; every server stops at teardown."""
    started: list[VoilaServer] = []

    def factory(notebook_path: Path) -> VoilaServer:
        started.append(start_voila(notebook_path, tmp_path_factory.mktemp("voila")))
        return started[-1]

    yield factory
    for server in started:
        server.stop()
