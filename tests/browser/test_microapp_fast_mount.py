"""Fast first mounts in JupyterLab: a later visit asks for the files an entry named last time
together with the entry (from the Jupyter server, or from the kernel where the server does not
serve the folder), and a later cell's app takes the spare realm the page made while it was idle."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, Response, expect

from .conftest import NotebookFactory
from .microapps import APPS, IMPORT, UNPUBLISHED, WATCH_KERNEL_TRAFFIC, expect_status, host
from .notebook import Notebook

PLAIN = APPS / "plain"


def watch_server_traffic(page: Page) -> list[list[str]]:
    """["asked", url] and ["answered", url] of the page's requests to the server extension."""
    traffic: list[list[str]] = []

    def asked(request: Request) -> None:
        if "/microfrontends/files/" in request.url:
            traffic.append(["asked", request.url])

    def answered(response: Response) -> None:
        if "/microfrontends/files/" in response.url:
            traffic.append(["answered", response.url])

    page.on("request", asked)
    page.on("response", answered)
    return traffic


def visit(
    page: Page, notebook: NotebookFactory, folder: Path, via: str, forget: bool = False
) -> tuple[Notebook, list[list[str]]]:
    """A fresh JupyterLab page that mounts the plain app from ``folder``; the file traffic
    ``via`` the server or the kernel. ``forget``: first drop what the browser remembered of
    entries (other tests mount it too)."""
    page.goto("about:blank")
    setup = IMPORT + ("\n" + UNPUBLISHED if via == "kernel" else "")
    nb = notebook([setup, f"fast = MicroApp({str(folder)!r}, name='fast')\nfast"])
    if forget:
        page.evaluate("localStorage.removeItem('microfrontends:entry-assets')")
    server_traffic = watch_server_traffic(page)
    page.evaluate(WATCH_KERNEL_TRAFFIC, [nb.path])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "fast", "MOUNTED")
    expect(host(nb, 1, "fast").locator("#title")).to_have_text("Plain app")
    return nb, server_traffic if via == "server" else page.evaluate("mfTraffic")


def position(traffic: list[list[str]], kind: str, suffix: str) -> int:
    return next(i for i, (what, url) in enumerate(traffic) if what == kind and url.endswith(suffix))


@pytest.mark.parametrize("via", ["server", "kernel"])
def test_a_later_visit_asks_for_the_entry_files_with_the_entry(
    page: Page, notebook: NotebookFactory, tmp_path: Path, via: str
) -> None:
    # A folder of its own: once published, a folder stays known to the server.
    folder = Path(shutil.copytree(PLAIN, tmp_path / "plain"))
    _, first = visit(page, notebook, folder, via, forget=True)
    answered = position(first, "answered", "/index.html")
    assert answered < position(first, "asked", "/css/style.css")
    assert answered < position(first, "asked", "/js/main.js")

    nb, second = visit(page, notebook, folder, via)
    answered = position(second, "answered", "/index.html")
    assert position(second, "asked", "/css/style.css") < answered
    assert position(second, "asked", "/js/main.js") < answered
    # Each file was asked for once in this page, the early request serving the mount.
    assert sum(url.endswith("/css/style.css") for what, url in second if what == "asked") == 1
    expect(host(nb, 1, "fast").locator("#title")).to_have_css("color", "rgb(10, 20, 30)")


def test_a_later_cell_takes_the_spare_realm(page: Page, notebook: NotebookFactory) -> None:
    nb = notebook([
        IMPORT,
        f"one = MicroApp({str(PLAIN)!r}, name='one')\none",
        f"two = MicroApp({str(PLAIN)!r}, name='two')\ntwo",
    ])  # fmt: skip
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "one", "MOUNTED")
    # Once the first app is up and the page idle, a blank realm waits for the next one.
    spare = page.locator("iframe[data-microfrontends-spare]")
    expect(spare).to_have_count(1)
    page.evaluate("document.querySelector('iframe[data-microfrontends-spare]').id = 'was-spare'")
    nb.run_cell(2)
    expect_status(nb, 2, "two", "MOUNTED")
    expect(host(nb, 2, "two").locator("#title")).to_have_text("Plain app")
    expect(page.locator('iframe#was-spare[data-microfrontends-realm="two"]')).to_have_count(1)
