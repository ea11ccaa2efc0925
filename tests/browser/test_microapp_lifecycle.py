"""Statuses, unmount / mount / reload from Python, and several instances side by side,
in real JupyterLab."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import NotebookFactory
from .microapps import (
    APPS,
    IMPORT,
    MOUNT_TIMEOUT_MS,
    app_cell,
    expect_py,
    expect_status,
    host,
    in_realm,
    py,
    realm_frames,
    record_statuses,
    statuses,
)
from .notebook import Notebook

MOUNT_SEQUENCE = [
    "NOT_LOADED", "LOADING_SOURCE_CODE", "NOT_BOOTSTRAPPED", "BOOTSTRAPPING",
    "NOT_MOUNTED", "MOUNTING", "MOUNTED",
]  # fmt: skip
UNMOUNT_SEQUENCE = ["UNMOUNTING", "UNLOADING", "NOT_LOADED"]
LIFE = 1


# The module's tests share notebooks (a fresh one per test would double the module's time); a
# function-scoped fixture puts the shared notebook back in the state every test starts from, so
# each test's claim holds alone and in any order. A test about a first mount has its own notebook.


@pytest.fixture(scope="module")
def life_notebook(module_notebook: NotebookFactory) -> Notebook:
    nb = module_notebook([IMPORT, app_cell("life", APPS / "plain", name="life")])
    record_statuses(nb.page)
    nb.run_cell(0)
    nb.run_cell(LIFE)
    return nb


@pytest.fixture
def life(life_notebook: Notebook) -> Notebook:
    """The shared notebook, its app mounted (whatever the last test left), as Python sees."""
    nb = life_notebook
    if py(nb, "life.status") != "MOUNTED":
        nb.execute("life.mount()")
    expect_status(nb, LIFE, "life", "MOUNTED")
    expect_py(nb, "life.status", "MOUNTED")
    return nb


def test_mount_goes_through_every_status_and_python_sees_mounted(
    notebook: NotebookFactory,
) -> None:
    nb = notebook([IMPORT, app_cell("life", APPS / "plain", name="life")])
    record_statuses(nb.page)
    nb.run_cell(0)
    nb.run_cell(LIFE)
    expect_status(nb, LIFE, "life", "MOUNTED")
    assert statuses(host(nb, LIFE, "life")) == MOUNT_SEQUENCE
    expect_py(nb, "life.status", "MOUNTED")
    assert py(nb, "life.error") == ""
    expect(host(nb, LIFE, "life").locator("#title")).to_have_text("Plain app")


def test_unmount_empties_the_app_and_mount_brings_it_back(life: Notebook) -> None:
    page = life.page
    app = host(life, LIFE, "life")
    seen = len(statuses(app))
    life.execute("life.unmount()")
    expect_status(life, LIFE, "life", "NOT_LOADED")
    assert statuses(app)[seen:] == UNMOUNT_SEQUENCE
    expect_py(life, "life.status", "NOT_LOADED")
    # The host stays (the DOM contract), empty; the realm is gone.
    expect(app).to_have_count(1)
    assert (
        app.evaluate(
            "h => [...h.shadowRoot.querySelectorAll('*')].map((e) => e.localName)"
            ".filter((tag) => !['style', 'html', 'head', 'body'].includes(tag))"
        )
        == []
    )
    assert app.evaluate("h => h.shadowRoot.querySelector('body').innerText") == ""
    expect(realm_frames(page, "life")).to_have_count(0)

    seen = len(statuses(app))
    life.execute("life.mount()")
    expect_status(life, LIFE, "life", "MOUNTED")
    assert statuses(app)[seen:] == MOUNT_SEQUENCE[1:]
    expect_py(life, "life.status", "MOUNTED")
    expect(app.locator("#title")).to_have_text("Plain app")
    expect(app.locator("#classic")).to_have_text("42 true fn")
    expect(realm_frames(page, "life")).to_have_count(1)


def test_reload_replaces_the_running_instance_with_a_fresh_one(life: Notebook) -> None:
    page = life.page
    app = host(life, LIFE, "life")
    expect_status(life, LIFE, "life", "MOUNTED")
    # Leave marks in the running instance that a fresh load would not have.
    in_realm(page, "life", "window.reloadMark = 'old'; sharedVar = 1")
    app.locator("#classic").evaluate("el => { el.textContent = 'stale'; }")
    seen = len(statuses(app))
    life.execute("life.reload()")
    expect_status(life, LIFE, "life", "MOUNTED")
    expect(app.locator("#classic")).to_have_text("42 true fn")
    assert statuses(app)[seen:] == UNMOUNT_SEQUENCE + MOUNT_SEQUENCE[1:]
    assert in_realm(page, "life", "[typeof window.reloadMark, sharedVar]") == ["undefined", 41]
    expect(realm_frames(page, "life")).to_have_count(1)
    expect_py(life, "life.status", "MOUNTED")


def test_reload_loads_the_entry_again(notebook: NotebookFactory, tmp_path: Path) -> None:
    app_dir = tmp_path / "edited"
    app_dir.mkdir()
    (app_dir / "index.html").write_text('<p id="v">v1 markup</p><script src="app.js"></script>')
    (app_dir / "app.js").write_text("document.getElementById('v').dataset.script = 'v1';")
    nb = notebook([IMPORT, app_cell("edited", app_dir, name="edited")])
    nb.run_cell(0)
    nb.run_cell(1)
    expect_status(nb, 1, "edited", "MOUNTED")
    version = host(nb, 1, "edited").locator("#v")
    expect(version).to_have_text("v1 markup")
    expect(version).to_have_attribute("data-script", "v1")

    # The user rebuilt the app; reload() is how they see the new build.
    (app_dir / "index.html").write_text('<p id="v">v2 markup</p><script src="app.js"></script>')
    (app_dir / "app.js").write_text("document.getElementById('v').dataset.script = 'v2';")
    nb.execute("edited.reload()")
    expect(version).to_have_text("v2 markup")
    expect(version).to_have_attribute("data-script", "v2")
    expect_status(nb, 1, "edited", "MOUNTED")


# Two apps made from one entry, then one widget displayed in two outputs.
PAIR_A, PAIR_B, TWIN_1, TWIN_2 = 1, 2, 3, 4


@pytest.fixture(scope="module")
def side_by_side_notebook(module_notebook: NotebookFactory) -> Notebook:
    nb = module_notebook(
        [
            IMPORT,
            app_cell("a", APPS / "plain"),
            app_cell("b", APPS / "plain"),
            app_cell("twin", APPS / "polluter", name="twin"),
            "twin",
        ]
    )
    record_statuses(nb.page)
    for index in range(3):
        nb.run_cell(index)
    return nb


@pytest.fixture
def side_by_side(side_by_side_notebook: Notebook) -> Notebook:
    """The shared notebook with a fresh ``twin`` shown in both of its outputs (tests click in
    it, unmount it, clear one of its outputs), and the two plain apps mounted."""
    nb = side_by_side_notebook
    nb.run_cell(TWIN_1)
    nb.run_cell(TWIN_2)
    for cell in (TWIN_1, TWIN_2):
        expect_status(nb, cell, "twin", "MOUNTED")
    expect(realm_frames(nb.page, "twin")).to_have_count(2)
    expect_py(nb, "(a.status, b.status, twin.status)", ("MOUNTED", "MOUNTED", "MOUNTED"))
    return nb


def test_two_apps_from_one_entry_are_distinct_apps(side_by_side: Notebook) -> None:
    nb = side_by_side
    page = nb.page
    name_a, name_b = str(py(nb, "a.name")), str(py(nb, "b.name"))
    assert name_a != name_b
    for cell, name in ((PAIR_A, name_a), (PAIR_B, name_b)):
        expect_status(nb, cell, name, "MOUNTED")
        expect(host(nb, cell, name).locator("#classic")).to_have_text("42 true fn")
        expect(realm_frames(page, name)).to_have_count(1)
    # Each runs in its own realm: a global changed in one is not the other's.
    in_realm(page, name_a, "sharedVar = 'changed in a'")
    assert in_realm(page, name_b, "sharedVar") == 41
    host(nb, PAIR_A, name_a).locator("#title").evaluate("el => { el.textContent = 'only a'; }")
    expect(host(nb, PAIR_B, name_b).locator("#title")).to_have_text("Plain app")
    expect_py(nb, "(a.status, b.status)", ("MOUNTED", "MOUNTED"))


def test_one_widget_in_two_outputs_runs_two_independent_instances(side_by_side: Notebook) -> None:
    nb = side_by_side
    page = nb.page
    first, second = host(nb, TWIN_1, "twin"), host(nb, TWIN_2, "twin")
    expect_status(nb, TWIN_1, "twin", "MOUNTED")
    expect_status(nb, TWIN_2, "twin", "MOUNTED")
    expect(realm_frames(page, "twin")).to_have_count(2)

    first.locator("#open-modal").click()
    first.locator("#link-a").click()
    expect(first.locator("#modal")).to_have_count(1)
    expect(first.locator("#route")).to_have_text("#/a")
    expect(second.locator("#modal")).to_have_count(0)
    expect(second.locator("#route")).to_have_text("")
    clicks_second = second.locator("#click-count").text_content()
    expect(first.locator("#click-count")).not_to_have_text("0")
    assert second.locator("#click-count").text_content() == clicks_second == "0"

    # Both follow the widget's traits.
    nb.execute("twin.height = '222px'")
    for view in (first, second):
        expect(view).to_have_js_property("clientHeight", 222)


def test_unmount_and_mount_from_python_act_on_every_output(side_by_side: Notebook) -> None:
    nb = side_by_side
    nb.execute("twin.unmount()")
    expect_status(nb, TWIN_1, "twin", "NOT_LOADED")
    expect_status(nb, TWIN_2, "twin", "NOT_LOADED")
    expect(realm_frames(nb.page, "twin")).to_have_count(0)
    expect_py(nb, "twin.status", "NOT_LOADED")
    nb.execute("twin.mount()")
    expect_status(nb, TWIN_1, "twin", "MOUNTED")
    expect_status(nb, TWIN_2, "twin", "MOUNTED")
    expect(realm_frames(nb.page, "twin")).to_have_count(2)
    expect_py(nb, "twin.status", "MOUNTED")


def test_clearing_one_output_unmounts_only_that_instance(side_by_side: Notebook) -> None:
    nb = side_by_side
    page = nb.page
    expect_status(nb, TWIN_1, "twin", "MOUNTED")
    expect_status(nb, TWIN_2, "twin", "MOUNTED")
    seen = len(statuses(host(nb, TWIN_2, "twin")))
    nb.clear_outputs(TWIN_1)
    expect(host(nb, TWIN_1, "twin")).to_have_count(0)
    expect(realm_frames(page, "twin")).to_have_count(1)
    remaining = host(nb, TWIN_2, "twin")
    expect_status(nb, TWIN_2, "twin", "MOUNTED")
    ticks = remaining.locator("#ticks")
    expect(ticks).not_to_have_text(ticks.text_content() or "")
    # The remaining instance was never unmounted or reloaded.
    assert statuses(remaining)[seen:] == []
    # The other apps on the page were not touched.
    expect_status(nb, PAIR_A, str(py(nb, "a.name")), "MOUNTED")


def test_python_status_follows_the_output_still_showing_the_app(notebook: NotebookFactory) -> None:
    nb = notebook(
        [
            IMPORT,
            app_cell("dup", html="<p id='dup'>shown twice</p>", name="dup"),
            "dup",
            "'a round trip through the kernel'",
        ]
    )
    nb.run_all()
    expect_status(nb, 1, "dup", "MOUNTED")
    expect_status(nb, 2, "dup", "MOUNTED")
    expect_py(nb, "dup.status", "MOUNTED")
    removed = host(nb, 1, "dup").element_handle()
    nb.clear_outputs(1)
    # The cleared view has unmounted its instance all the way: any status it reports has been
    # sent by now (statuses reach the model within the task that sets them).
    nb.page.wait_for_function(
        "(el) => !el.isConnected && el.getAttribute('data-microfrontends-status') === 'NOT_LOADED'",
        arg=removed,
        timeout=MOUNT_TIMEOUT_MS,
    )
    # A cell run from the page goes to the kernel after everything the page sent before it, and
    # the kernel handles them in order: once it has run, Python has seen what the view reported.
    nb.run_cell(3)
    assert py(nb, "dup.status") == "MOUNTED"
    assert py(nb, "dup.error") == ""
    expect(realm_frames(nb.page, "dup")).to_have_count(1)
    expect_status(nb, 2, "dup", "MOUNTED")
    expect(host(nb, 2, "dup").locator("#dup")).to_have_text("shown twice")


def test_running_the_cell_again_replaces_the_app(life: Notebook) -> None:
    page = life.page
    expect_status(life, LIFE, "life", "MOUNTED")
    life.run_cell(LIFE)
    expect(life.output(LIFE).locator("[data-microfrontends-app]")).to_have_count(1)
    app = host(life, LIFE, "life")
    expect_status(life, LIFE, "life", "MOUNTED")
    # JupyterLab may attach the new output only after its first statuses: what was seen is
    # the end of the mount sequence, in order.
    seen = statuses(app)
    assert seen and seen == MOUNT_SEQUENCE[-len(seen) :]
    expect(realm_frames(page, "life")).to_have_count(1)
    expect(app.locator("#classic")).to_have_text("42 true fn")
    expect_py(life, "life.status", "MOUNTED")
