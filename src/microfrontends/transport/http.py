"""Fetching http(s) assets from the kernel, with a timeout, a size limit and a cache."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import httpx

from .asset import Asset, AssetError, guess_content_type
from .cache import AssetCache

HTTP_SCHEMES = ("http", "https")


def check_http_url(url: str) -> None:
    """Raise an :class:`AssetError` (status 0) unless ``url`` is an http(s) URL with a host."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise AssetError(url, 0, f"invalid URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in HTTP_SCHEMES:
        raise AssetError(
            url,
            0,
            f"unsupported URL scheme {scheme or '(none)'!r}; only http and https can be fetched",
        )
    if not parts.netloc:
        raise AssetError(url, 0, "invalid URL: it has no host")


def format_size(n_bytes: int) -> str:
    """Format a byte count for messages: ``50 MB``, ``1.5 KB``, ``100 bytes``."""
    for unit, size in (("MB", 2**20), ("KB", 2**10)):
        if n_bytes >= size:
            return f"{n_bytes / size:g} {unit}"
    return f"{n_bytes} bytes"


class HttpFetcher:
    """Fetches http(s) URLs for the browser, following redirects.

    ``timeout`` (seconds) bounds each network operation and the whole download;
    ``max_bytes`` bounds the (decoded) body. One ``httpx.Client`` is shared by all
    calls, so a fetcher may be used from several threads. The client (whose TLS set-up
    costs tens of milliseconds) is made on the first fetch, not when an app is created.
    With a ``cache``, fresh assets are served from it with no request and stale ones are
    revalidated (see :mod:`microfrontends.transport.cache`); concurrent fetches of one URL
    then wait for each other, so that the later ones are answered from the cache.
    """

    def __init__(
        self, timeout: float = 10.0, max_bytes: int = 50 * 2**20, cache: AssetCache | None = None
    ) -> None:
        self.timeout = float(timeout)
        self.max_bytes = max_bytes
        self.cache = cache
        self._client_lock = threading.Lock()
        self._http_client: httpx.Client | None = None
        # URL -> [lock, number of fetches holding or waiting for it]
        self._in_flight: dict[str, list[Any]] = {}
        self._in_flight_lock = threading.Lock()

    @property
    def _client(self) -> httpx.Client:
        with self._client_lock:
            if self._http_client is None:
                self._http_client = httpx.Client(follow_redirects=True, timeout=self.timeout)
            return self._http_client

    def fetch(self, url: str, revalidate: bool = False) -> Asset:
        """GET ``url`` and return its asset, whose ``url`` is the final URL.

        A fresh cached asset is returned with no request, unless ``revalidate`` (a reload
        must see the files as they are now), which asks the server whether it changed.
        Raises :class:`AssetError` for an HTTP status >= 400 (with that status), and
        with status 0 for a timeout, a connection error, a body larger than
        ``max_bytes`` or a URL that is not http(s).
        """
        check_http_url(url)
        if self.cache is None:
            return self._fetch(url, revalidate)
        with self._one_at_a_time(url):
            return self._fetch(url, revalidate)

    @contextmanager
    def _one_at_a_time(self, url: str) -> Iterator[None]:
        """Hold ``url``'s lock: one fetch of a URL at a time, the others waiting for it."""
        with self._in_flight_lock:
            flight = self._in_flight.setdefault(url, [threading.Lock(), 0])
            flight[1] += 1
        try:
            with flight[0]:
                yield
        finally:
            with self._in_flight_lock:
                flight[1] -= 1
                if flight[1] == 0:
                    del self._in_flight[url]

    def _fetch(self, url: str, revalidate: bool) -> Asset:
        """:meth:`fetch`, once the URL is checked (and its lock held, with a cache)."""
        cache = self.cache
        cached = cache.get(url) if cache is not None else None
        if (
            cache is not None
            and cached is not None
            and not revalidate
            and cached.is_fresh(cache.now())
        ):
            cache.stats.fresh_hits += 1
            return cached.asset
        headers = cached.conditional_headers() if cached is not None else {}
        deadline = time.monotonic() + self.timeout
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if cache is not None and cached is not None and response.status_code == 304:
                    renewed = cache.renew(url, response.headers)
                    if renewed is not None:
                        cache.stats.revalidated += 1
                        return renewed
                asset = self._asset(url, response, deadline)
                if cache is not None:
                    cache.stats.misses += 1
                    cache.store(url, asset, response.headers)
                return asset
        except httpx.TimeoutException:
            raise AssetError(url, 0, f"timed out after {self.timeout} s") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise AssetError(url, 0, f"{type(exc).__name__}: {exc}") from None

    def close(self) -> None:
        """Close the shared client and its connections."""
        with self._client_lock:
            if self._http_client is not None:
                self._http_client.close()
                self._http_client = None

    def _asset(self, url: str, response: httpx.Response, deadline: float) -> Asset:
        """Check a streamed response's status and read its body into an Asset."""
        if response.status_code >= 400:
            raise AssetError(
                url,
                response.status_code,
                f"HTTP {response.status_code} {response.reason_phrase}".rstrip(),
            )
        final_url = str(response.url)
        content_type = response.headers.get("content-type") or guess_content_type(response.url.path)
        body = self._read_body(url, response, deadline)
        return Asset(
            url=final_url, status=response.status_code, content_type=content_type, body=body
        )

    def _read_body(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        """Read the body, aborting past ``max_bytes`` or past the deadline."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise self._too_large(url)
        chunks: list[bytes] = []
        received = 0
        for chunk in response.iter_bytes():
            received += len(chunk)
            if received > self.max_bytes:
                raise self._too_large(url)
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout("download exceeded the timeout")
            chunks.append(chunk)
        return b"".join(chunks)

    def _too_large(self, url: str) -> AssetError:
        """The error for a body past ``max_bytes``."""
        limit = format_size(self.max_bytes)
        return AssetError(url, 0, f"the response is larger than the {limit} limit")


@functools.cache
def shared_fetcher() -> HttpFetcher:
    """The kernel's one http(s) fetcher, with its one cache, used by every app and prefetch.

    Connections and TLS set-up are reused, and an asset fetched for one app (or prefetched)
    serves the next.
    """
    return HttpFetcher(cache=AssetCache())
