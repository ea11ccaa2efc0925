"""How the plain-page core loads an app over HTTP: fast (a spare realm made while the page is
idle, the files an entry named last time fetched alongside the entry on a later visit, a loading
indicator that only a slow load shows), through the browser's HTTP cache, and with failures that
name the file and the cause. Served by a counting server that logs when each request arrived and
was answered (nothing is cached unless a route says so)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from unit.counting_server import CountingServer, Route

STATIC = Path(__file__).resolve().parents[2] / "src" / "microfrontends" / "static"
NO_STORE = {"Cache-Control": "no-store"}
PAGE = """<!doctype html><html><body><div id="slot"></div>
<script type="module">
  import { mount } from "/static/core.js";
  const slot = document.getElementById('slot');
  window.mountEntry = (name, path) =>
    mount(slot, { name, entry: location.origin + path, transport: 'browser' });
  // Mounts an app at any URL: 'mounted', or why the mount failed.
  window.tryMount = (name, entry) =>
    mount(slot, { name, entry, transport: 'browser' }).then(() => 'mounted', String);
  // Mounts and records every loading indicator the app's shadow root was given meanwhile.
  window.mountWatched = async (options) => {
    const mounting = mount(slot, { transport: 'browser', ...options });
    const indicators = [];
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.classList?.contains('microfrontends-loading')) indicators.push(node.textContent);
        }
      }
    }).observe(slot.lastElementChild.shadowRoot, { childList: true });
    window.watched = await mounting;
    return indicators;
  };
  window.ready = true;
</script></body></html>"""


def app_html(stylesheet: str) -> bytes:
    return (
        f'<!doctype html><html><head><link rel="stylesheet" href="{stylesheet}"></head>'
        '<body><p id="out">waiting</p><script src="main.js"></script></body></html>'
    ).encode()


@pytest.fixture()
def server() -> Iterator[CountingServer]:
    server = CountingServer()
    server.routes["/page.html"] = Route(PAGE.encode(), "text/html", NO_STORE)
    for part in STATIC.glob("*.js"):
        server.routes[f"/static/{part.name}"] = Route(part.read_bytes(), "text/javascript")
    server.routes["/app/index.html"] = Route(app_html("style.css"), "text/html", NO_STORE)
    for name, color in (("style.css", "rgb(0, 0, 255)"), ("other.css", "rgb(0, 128, 0)")):
        css = f"#out {{ color: {color}; }}".encode()
        server.routes[f"/app/{name}"] = Route(css, "text/css", NO_STORE)
    server.routes["/app/main.js"] = Route(
        b"document.getElementById('out').textContent = 'ran';", "text/javascript", NO_STORE
    )
    yield server
    server.stop()


def open_page(page: Page, server: CountingServer) -> None:
    page.goto(f"{server.url}/page.html")
    page.wait_for_function("window.ready === true")


def visit(page: Page, server: CountingServer, name: str) -> list[tuple[str, str]]:
    """Opens the page afresh, mounts the app and returns what the server saw of its files."""
    server.events.clear()
    open_page(page, server)
    page.evaluate("(name) => mountEntry(name, '/app/index.html')", name)
    expect(page.locator(f'[data-microfrontends-app="{name}"] #out')).to_have_text("ran")
    return [event for event in server.events if event[1].startswith("/app/")]


def test_a_later_visit_fetches_the_files_the_entry_named_alongside_the_entry(
    page: Page, server: CountingServer
) -> None:
    # The entry takes a while to answer; its stylesheet and script do not.
    server.routes["/app/index.html"].delay = 0.8
    first = visit(page, server, "learner")
    # First visit: the files are asked for once the entry has been read.
    answered = first.index(("answered", "/app/index.html"))
    assert answered < first.index(("arrived", "/app/style.css"))
    assert answered < first.index(("arrived", "/app/main.js"))

    second = visit(page, server, "learner")
    # Later visit (the same browser): they are asked for while the entry is still on its way.
    answered = second.index(("answered", "/app/index.html"))
    assert second.index(("arrived", "/app/style.css")) < answered
    assert second.index(("arrived", "/app/main.js")) < answered
    app = page.locator('[data-microfrontends-app="learner"]')
    expect(app.locator("#out")).to_have_css("color", "rgb(0, 0, 255)")
    assert server.requests["/app/style.css"] == 2  # once per visit, not twice in one

    # The entry now names another stylesheet: only what it names now applies, and that is
    # what the next visit fetches early.
    server.routes["/app/index.html"].body = app_html("other.css")
    visit(page, server, "learner")
    expect(app.locator("#out")).to_have_css("color", "rgb(0, 128, 0)")
    remembered = page.evaluate(
        "JSON.parse(localStorage.getItem('microfrontends:entry-assets'))"
        "[location.origin + '/app/index.html']"
    )
    assert remembered == [f"{server.url}/app/other.css", f"{server.url}/app/main.js"]


def test_a_mount_takes_the_spare_realm_made_while_the_page_was_idle(
    page: Page, server: CountingServer
) -> None:
    open_page(page, server)
    spare = page.locator("iframe[data-microfrontends-spare]")
    expect(spare).to_have_count(1)
    page.evaluate("document.querySelector('iframe[data-microfrontends-spare]').id = 'first-spare'")

    page.evaluate("async () => { window.spared = await mountEntry('spared', '/app/index.html'); }")
    expect(page.locator('[data-microfrontends-app="spared"] #out')).to_have_text("ran")
    # The app's realm is the spare, now with the app's URL, base and name.
    expect(page.locator('iframe#first-spare[data-microfrontends-realm="spared"]')).to_have_count(1)
    assert page.evaluate("spared.window.location.pathname") == "/app/index.html"
    assert page.evaluate("spared.window.document.baseURI") == f"{server.url}/app/index.html"
    # Once the app is up and the page idle, the next spare is made.
    expect(spare).to_have_count(1)
    expect(page.locator("iframe#first-spare[data-microfrontends-spare]")).to_have_count(0)

    page.evaluate("spared.unload()")
    expect(page.locator("iframe[data-microfrontends-realm]")).to_have_count(0)
    expect(spare).to_have_count(1)

    # A spare the page took away is not used: the mount makes its own realm.
    page.evaluate("document.querySelector('iframe[data-microfrontends-spare]').remove()")
    page.evaluate("async () => { await mountEntry('unspared', '/app/index.html'); }")
    expect(page.locator('[data-microfrontends-app="unspared"] #out')).to_have_text("ran")
    expect(page.locator('iframe[data-microfrontends-realm="unspared"]')).to_have_count(1)


def test_only_a_slow_load_shows_the_loading_indicator(
    isolated_page: Page, server: CountingServer
) -> None:
    # The page's timers run on a clock the test moves: what decides is whether the app is up
    # before the indicator's delay, not how fast this machine is. (A clock is the context's:
    # the page has a browser of its own, so that no later test's page starts with it.)
    page = isolated_page
    page.clock.install()
    open_page(page, server)
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    # An inline app is up before the indicator is due (the clock stands still), and the
    # indicator's timer is cancelled: time passing afterwards shows none.
    page.evaluate(
        "() => { window.quick = mountWatched({ name: 'quick', html: '<p id=q>quick</p>' }); }"
    )
    expect(page.locator('[data-microfrontends-app="quick"] #q')).to_have_text("quick")
    page.clock.run_for(5000)
    assert page.evaluate("quick") == []
    page.evaluate("watched.unload()")

    # An entry that does not come: once the delay has passed, the indicator shows, and it goes
    # when the app is up.
    held = threading.Event()
    server.routes["/app/index.html"].hold = held
    try:
        page.evaluate(
            "() => { window.slow = mountWatched("
            "{ name: 'slow', entry: location.origin + '/app/index.html' }); }"
        )
        app = page.locator('[data-microfrontends-app="slow"]')
        expect(app).to_have_attribute("data-microfrontends-status", "LOADING_SOURCE_CODE")
        page.clock.run_for(5000)
        expect(app.locator(".microfrontends-loading")).to_have_count(1)
        assert server.events.count(("answered", "/app/index.html")) == 0
    finally:
        held.set()
    page.clock.resume()
    expect(app.locator("#out")).to_have_text("ran")
    assert page.evaluate("slow") == ["Loading slow…"]
    expect(app.locator(".microfrontends-loading")).to_have_count(0)


@pytest.mark.parametrize(
    "stored",
    [
        "not json",
        '["a list"]',
        '{"ENTRY": "not a list"}',
        '{"ENTRY": [1, null, "ORIGIN/app/gone.css"]}',
    ],
    ids=["not-json", "not-an-object", "not-a-list", "a-file-gone"],
)
def test_a_damaged_or_stale_memory_of_an_entry_does_not_stop_its_mount(
    page: Page, server: CountingServer, stored: str
) -> None:
    entry = f"{server.url}/app/index.html"
    open_page(page, server)
    page.evaluate(
        "(value) => localStorage.setItem('microfrontends:entry-assets', value)",
        stored.replace("ENTRY", entry).replace("ORIGIN", server.url),
    )
    visit(page, server, "remembering")
    app = page.locator('[data-microfrontends-app="remembering"]')
    expect(app).to_have_attribute("data-microfrontends-status", "MOUNTED")
    expect(app.locator(".microfrontends-error")).to_have_count(0)
    expect(app.locator("#out")).to_have_css("color", "rgb(0, 0, 255)")
    if "gone" in stored:
        assert server.requests["/app/gone.css"] == 1  # asked early, answered 404, not used
    # What is remembered now is what the entry names.
    remembered = page.evaluate(
        "JSON.parse(localStorage.getItem('microfrontends:entry-assets'))[location.origin"
        " + '/app/index.html']"
    )
    assert remembered == [f"{server.url}/app/style.css", f"{server.url}/app/main.js"]


def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_http_failures_name_the_file_and_the_cause(page: Page, server: CountingServer) -> None:
    broken = app_html("/app/style.css").replace(b"main.js", b"nope.js")
    server.routes["/broken/index.html"] = Route(broken, "text/html")
    open_page(page, server)
    unreachable = f"http://127.0.0.1:{closed_port()}/app/"
    cases = [
        ("gone", f"{server.url}/no-such-app/", "HTTP 404", f"{server.url}/no-such-app/"),
        ("unreachable", unreachable, "failed in the browser", unreachable),
        ("broken", f"{server.url}/broken/index.html", "HTTP 404", f"{server.url}/broken/nope.js"),
    ]
    for name, entry, cause, source in cases:
        error = page.evaluate("([name, entry]) => tryMount(name, entry)", [name, entry])
        assert cause in error and source in error, error
        app = page.locator(f'[data-microfrontends-app="{name}"]')
        expect(app).to_have_attribute("data-microfrontends-status", "LOAD_ERROR")
        expect(app.locator(".microfrontends-error-source")).to_contain_text(source)
        expect(app.locator(".microfrontends-error-message")).to_contain_text(cause)
    # The page and its other apps go on.
    page.evaluate("mountEntry('working', '/app/index.html')")
    expect(page.locator('[data-microfrontends-app="working"] #out')).to_have_text("ran")


def test_a_later_visit_uses_the_http_cache_and_retry_asks_the_server_again(
    page: Page, server: CountingServer
) -> None:
    cached = {"Cache-Control": "max-age=600"}
    broken = b"throw new Error('version 1 is broken');"
    server.routes["/app/main.js"] = Route(broken, "text/javascript", cached)
    for _ in range(2):
        open_page(page, server)
        error = page.evaluate("tryMount('cached', location.origin + '/app/index.html')")
        assert "version 1 is broken" in error, error
    # The second visit took main.js from the browser's HTTP cache.
    assert server.requests["/app/main.js"] == 1
    server.routes["/app/main.js"] = Route(
        b"document.getElementById('out').textContent = 'version 2';", "text/javascript", cached
    )
    app = page.locator('[data-microfrontends-app="cached"]')
    app.locator(".microfrontends-retry").click()
    expect(app.locator("#out")).to_have_text("version 2")
    expect(app).to_have_attribute("data-microfrontends-status", "MOUNTED")
    assert server.requests["/app/main.js"] == 2
