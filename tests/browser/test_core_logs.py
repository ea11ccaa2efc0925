"""The plain-page core's ``onLog``: each entry of an app's log reaches the page that mounted it,
the app's own only, in every sandbox that runs the app in the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .conftest import open_core_page
from .servers import StaticServer

# Logs, then fails in a timer and in a promise, and names a stylesheet that is not there.
CHATTY = """<link rel="stylesheet" href="missing.css"><p>chatty</p>
<script>
  console.warn('careful', 42);
  setTimeout(() => { throw new Error('timer broke'); });
  Promise.reject(new Error('promise broke'));
</script>"""

MOUNT = """async ([sandbox, html, base]) => {
  const { mount } = await import('/src/microfrontends/static/core.js');
  window.entries = [];
  console.warn('the page itself');
  await mount(document.getElementById('slot'), {
    name: 'chatty', html: html.replace('missing.css', base + 'missing.css'), sandbox,
    onLog: (entry) => window.entries.push(entry),
  });
}"""


@pytest.mark.parametrize("sandbox", ["iframe", "proxy", "snapshot"])
def test_on_log_gets_the_apps_console_errors_and_missing_files(
    page: Page, core_page_server: StaticServer, sandbox: str
) -> None:
    open_core_page(page, core_page_server)
    base = f"{core_page_server.url}tests/apps/"
    page.evaluate(MOUNT, [sandbox, CHATTY, base])
    page.wait_for_function("window.entries.length >= 4")
    entries = page.evaluate("window.entries")
    kinds = {(entry["kind"], entry["level"], entry["message"]) for entry in entries}
    assert ("console", "warn", "careful 42") in kinds
    assert any(kind == "error" and "timer broke" in message for kind, _, message in kinds)
    assert any(kind == "rejection" and "promise broke" in message for kind, _, message in kinds)
    assert any(kind == "file" and "missing.css" in message for kind, _, message in kinds)
    assert not any("the page itself" in message for _, _, message in kinds)
    stacks = [entry.get("stack", "") for entry in entries if entry["kind"] == "error"]
    assert any("timer broke" in stack for stack in stacks)
