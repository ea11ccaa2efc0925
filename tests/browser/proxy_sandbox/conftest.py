"""What the `sandbox="proxy"` browser tests share: a plain page of the repository's origin that
mounts with core.js, and the check of the Vue todo app in the proxy sandbox."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from ..microapps import check_vue_todo
from ..servers import StaticServer

PAGE = "proxy-sandbox-page.html"

# Mounts with core.js; resolves to what the caller reads off the app (or the error text).
MOUNT = """async ([options, read]) => {
  const { mount } = await import('/src/microfrontends/static/core.js');
  const slot = document.createElement('div');
  document.body.append(slot);
  try {
    const app = await mount(slot, { sandbox: 'proxy', ...options });
    (window.apps ??= {})[app.name] = app;
    return new Function('app', 'return ' + read)(app);
  } catch (error) {
    return { error: String(error.message ?? error) };
  }
}"""


@pytest.fixture
def core_page(page: Page, repo_server: StaticServer) -> Page:
    """An empty page of the repository's origin, where core.js can be imported."""
    page.route(
        f"{repo_server.url}{PAGE}",
        lambda route: route.fulfill(
            body="<!doctype html><title>host page</title><body></body>", content_type="text/html"
        ),
    )
    page.goto(f"{repo_server.url}{PAGE}")
    return page


def mount(page: Page, read: str, **options: object) -> object:
    found = page.evaluate(MOUNT, [options, read])
    assert not (isinstance(found, dict) and "error" in found), found
    return found


def mount_failing(page: Page, **options: object) -> str:
    found = page.evaluate(MOUNT, [options, "0"])
    assert isinstance(found, dict) and "error" in found, found
    return str(found["error"])


def check_todo_in_proxy(app: Locator) -> None:
    """The in-DOM template was compiled (by `new Function`) against the app's `Vue`."""
    check_vue_todo(app, "Check the proxy sandbox")
    # lodash's sortBy put it in alphabetical order among the open items.
    expect(app.get_by_test_id("todo-item").nth(2)).to_have_text("Check the proxy sandbox")
