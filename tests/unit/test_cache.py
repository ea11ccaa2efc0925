"""The kernel's http(s) asset cache, against a real local server that counts requests."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from email.utils import formatdate

import pytest
from counting_server import CountingServer, Route

from microfrontends.transport import Asset, AssetCache, HttpFetcher, KernelTransport
from microfrontends.transport.cache import freshness_lifetime, is_storable


@pytest.fixture
def server() -> Iterator[CountingServer]:
    server = CountingServer()
    yield server
    server.stop()


@pytest.fixture
def cache() -> AssetCache:
    return AssetCache()


@pytest.fixture
def fetcher(cache: AssetCache) -> Iterator[HttpFetcher]:
    fetcher = HttpFetcher(timeout=5.0, cache=cache)
    yield fetcher
    fetcher.close()


def test_etag_is_revalidated_and_304_serves_the_stored_bytes(
    server: CountingServer, fetcher: HttpFetcher, cache: AssetCache
) -> None:
    server.routes["/app.js"] = Route(b"console.log(1)", "text/javascript", {"ETag": '"v1"'})
    first = fetcher.fetch(f"{server.url}/app.js")
    second = fetcher.fetch(f"{server.url}/app.js")
    assert second.body == first.body == b"console.log(1)"
    assert second.content_type == "text/javascript"
    assert server.requests["/app.js"] == 2
    assert server.not_modified["/app.js"] == 1
    assert server.conditional == [("/app.js", {"If-None-Match": '"v1"'})]
    assert cache.stats.revalidated == 1


def test_last_modified_is_revalidated_with_if_modified_since(
    server: CountingServer, fetcher: HttpFetcher
) -> None:
    stamp = formatdate(time.time() - 86400, usegmt=True)
    server.routes["/a.css"] = Route(
        b"a{}", "text/css", {"Last-Modified": stamp, "Cache-Control": "max-age=0"}
    )
    fetcher.fetch(f"{server.url}/a.css")
    assert fetcher.fetch(f"{server.url}/a.css").body == b"a{}"
    assert server.conditional == [("/a.css", {"If-Modified-Since": stamp})]
    assert server.not_modified["/a.css"] == 1


def test_a_changed_asset_replaces_the_stored_one(
    server: CountingServer, fetcher: HttpFetcher
) -> None:
    server.routes["/app.js"] = Route(b"old", headers={"ETag": '"v1"'})
    fetcher.fetch(f"{server.url}/app.js")
    server.routes["/app.js"] = Route(b"new", headers={"ETag": '"v2"'})
    assert fetcher.fetch(f"{server.url}/app.js").body == b"new"
    assert fetcher.fetch(f"{server.url}/app.js").body == b"new"
    assert server.not_modified["/app.js"] == 1  # the third request, for v2


def test_max_age_serves_with_no_request(
    server: CountingServer, fetcher: HttpFetcher, cache: AssetCache
) -> None:
    server.routes["/app.js"] = Route(b"x", headers={"Cache-Control": "max-age=600", "ETag": '"v1"'})
    for _ in range(3):
        assert fetcher.fetch(f"{server.url}/app.js").body == b"x"
    assert server.requests["/app.js"] == 1
    assert cache.stats.fresh_hits == 2


def test_concurrent_fetches_of_one_url_make_one_request(
    server: CountingServer, fetcher: HttpFetcher
) -> None:
    server.routes["/slow.js"] = Route(b"x", headers={"Cache-Control": "max-age=600"}, delay=0.3)
    with ThreadPoolExecutor(max_workers=3) as pool:
        slow = [pool.submit(fetcher.fetch, f"{server.url}/slow.js") for _ in range(3)]
        assert [future.result().body for future in slow] == [b"x"] * 3
    assert server.requests["/slow.js"] == 1


def test_age_counts_against_max_age(server: CountingServer, fetcher: HttpFetcher) -> None:
    server.routes["/a"] = Route(
        b"x", headers={"Cache-Control": "max-age=600", "Age": "600", "ETag": '"v1"'}
    )
    fetcher.fetch(f"{server.url}/a")
    fetcher.fetch(f"{server.url}/a")
    assert server.not_modified["/a"] == 1


def test_no_store_is_not_cached(
    server: CountingServer, fetcher: HttpFetcher, cache: AssetCache
) -> None:
    server.routes["/secret"] = Route(b"s", headers={"Cache-Control": "no-store", "ETag": '"v1"'})
    fetcher.fetch(f"{server.url}/secret")
    fetcher.fetch(f"{server.url}/secret")
    assert server.requests["/secret"] == 2
    assert server.conditional == []
    assert f"{server.url}/secret" not in cache and cache.total_bytes == 0


def test_no_cache_is_stored_but_always_revalidated(
    server: CountingServer, fetcher: HttpFetcher
) -> None:
    server.routes["/a"] = Route(
        b"x", headers={"Cache-Control": "no-cache, max-age=600", "ETag": '"v1"'}
    )
    for _ in range(3):
        fetcher.fetch(f"{server.url}/a")
    assert server.requests["/a"] == 3
    assert server.not_modified["/a"] == 2


def test_old_last_modified_is_fresh_heuristically(
    server: CountingServer, fetcher: HttpFetcher
) -> None:
    ten_days_ago = formatdate(time.time() - 10 * 86400, usegmt=True)
    server.routes["/lib.js"] = Route(b"x", headers={"Last-Modified": ten_days_ago})
    fetcher.fetch(f"{server.url}/lib.js")
    fetcher.fetch(f"{server.url}/lib.js")
    assert server.requests["/lib.js"] == 1


def test_revalidate_asks_the_server_even_when_fresh(
    server: CountingServer, fetcher: HttpFetcher
) -> None:
    server.routes["/a"] = Route(b"x", headers={"Cache-Control": "max-age=600", "ETag": '"1"'})
    fetcher.fetch(f"{server.url}/a")
    assert fetcher.fetch(f"{server.url}/a", revalidate=True).body == b"x"
    assert server.not_modified["/a"] == 1


def test_errors_are_not_cached(
    server: CountingServer, fetcher: HttpFetcher, cache: AssetCache
) -> None:
    from microfrontends.transport import AssetError

    for _ in range(2):
        with pytest.raises(AssetError):
            fetcher.fetch(f"{server.url}/missing")
    assert server.requests["/missing"] == 2 and len(cache) == 0


def _asset(url: str, size: int) -> Asset:
    return Asset(url=url, status=200, content_type="text/plain", body=b"x" * size)


FRESH = {"cache-control": "max-age=600"}


def test_eviction_drops_the_least_recently_used() -> None:
    cache = AssetCache(max_bytes=250)
    cache.store("a", _asset("a", 100), FRESH)
    cache.store("b", _asset("b", 100), FRESH)
    assert cache.get("a") is not None  # a is now more recent than b
    cache.store("c", _asset("c", 100), FRESH)
    assert "b" not in cache and "a" in cache and "c" in cache
    assert cache.total_bytes == 200 and cache.stats.evictions == 1


def test_an_asset_larger_than_the_bound_is_not_stored() -> None:
    cache = AssetCache(max_bytes=50)
    cache.store("a", _asset("a", 20), FRESH)
    cache.store("big", _asset("big", 51), FRESH)
    assert "big" not in cache and "a" in cache


def test_shrinking_the_bound_evicts_at_once() -> None:
    cache = AssetCache(max_bytes=1000)
    for name in "abcd":
        cache.store(name, _asset(name, 100), FRESH)
    cache.max_bytes = 150
    assert list(name for name in "abcd" if name in cache) == ["d"]
    assert cache.total_bytes == 100
    cache.max_bytes = 0
    assert len(cache) == 0


def test_replacing_an_entry_keeps_the_byte_count() -> None:
    cache = AssetCache(max_bytes=1000)
    cache.store("a", _asset("a", 100), FRESH)
    cache.store("a", _asset("a", 30), FRESH)
    assert cache.total_bytes == 30 and len(cache) == 1


@pytest.mark.parametrize("bound", [-1, 1.5, "10", True])
def test_bad_bounds_are_refused(bound: object) -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        AssetCache(max_bytes=bound)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_bytes"):
        AssetCache().max_bytes = bound  # type: ignore[assignment]


def test_default_bound_is_100_mb() -> None:
    assert AssetCache().max_bytes == 100 * 2**20


@pytest.mark.parametrize(
    ("headers", "lifetime"),
    [
        ({"cache-control": "max-age=60"}, 60),
        ({"cache-control": "public, max-age=60", "age": "20"}, 40),
        ({"cache-control": 'max-age="60"'}, 60),
        ({"cache-control": "no-cache, max-age=60"}, 0),
        (
            {"date": "Mon, 23 Nov 2026 10:00:00 GMT", "expires": "Mon, 23 Nov 2026 10:05:00 GMT"},
            300,
        ),
        ({"expires": "0"}, 0),
        (
            {
                "date": "Mon, 23 Nov 2026 10:00:00 GMT",
                "last-modified": "Mon, 23 Nov 2026 09:00:00 GMT",
            },
            360,
        ),
        (
            {
                "date": "Mon, 23 Nov 2026 10:00:00 GMT",
                "last-modified": "Mon, 23 Nov 2025 10:00:00 GMT",
            },
            86400,
        ),
        ({"etag": '"x"'}, 0),
    ],
)
def test_freshness_lifetime(headers: dict[str, str], lifetime: float) -> None:
    assert freshness_lifetime(headers, time.time()) == pytest.approx(lifetime)


def test_storable_responses() -> None:
    assert is_storable(200, {})
    assert not is_storable(200, {"cache-control": "private, no-store"})
    assert not is_storable(200, {"vary": "*"})
    assert not is_storable(206, {})


def test_a_second_app_of_the_same_entry_sends_no_request(server: CountingServer) -> None:
    """Two apps' kernel transports share the kernel's fetcher, and so its cache."""
    ten_days_ago = formatdate(time.time() - 10 * 86400, usegmt=True)
    for path in ("/index.html", "/app.js"):
        server.routes[path] = Route(
            b"<p>hi</p>" if path.endswith("html") else b"1",
            headers={"Last-Modified": ten_days_ago, "ETag": '"1"'},
        )
    shared = HttpFetcher(timeout=5.0, cache=AssetCache())
    replies: list[dict[str, object]] = []
    for _app in range(2):
        transport = KernelTransport(None, shared)
        for path in ("/index.html", "/app.js"):
            done: list[dict[str, object]] = []
            transport.handle(
                {"kind": "mf:fetch", "id": path, "url": server.url + path},
                lambda content, _buffers, done=done: done.append(content),
            )
            deadline = time.monotonic() + 10
            while not done and time.monotonic() < deadline:
                time.sleep(0.01)
            replies.extend(done)
        transport.close()
    assert [reply["ok"] for reply in replies] == [True] * 4
    assert server.requests == {"/index.html": 1, "/app.js": 1}
    shared.close()


def test_a_fresh_kernel_fetch_revalidates(server: CountingServer) -> None:
    """The browser's reload sends ``fresh``: the kernel asks the server again."""
    server.routes["/a.js"] = Route(b"1", headers={"Cache-Control": "max-age=600", "ETag": '"1"'})
    shared = HttpFetcher(timeout=5.0, cache=AssetCache())
    transport = KernelTransport(None, shared)
    for fresh in (False, True):
        done: list[dict[str, object]] = []
        transport.handle(
            {"kind": "mf:fetch", "id": "x", "url": server.url + "/a.js", "fresh": fresh},
            lambda content, _b, done=done: done.append(content),
        )
        deadline = time.monotonic() + 10
        while not done and time.monotonic() < deadline:
            time.sleep(0.01)
        assert done and done[0]["ok"]
    assert server.requests["/a.js"] == 2 and server.not_modified["/a.js"] == 1
    transport.close()
    shared.close()
