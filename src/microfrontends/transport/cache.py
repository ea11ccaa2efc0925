"""The kernel's cache of http(s) assets: HTTP validators and freshness, bounded in bytes.

A private cache in the sense of RFC 9111, for the assets the kernel fetches for the browser
and for :func:`microfrontends.prefetch`:

- ``Cache-Control: no-store`` (or ``Vary: *``) responses are not stored;
- a response is *fresh* for ``max-age`` seconds (less its ``Age``), else until ``Expires``,
  else, heuristically, for a tenth of the time since its ``Last-Modified`` (at most a day);
  ``no-cache`` makes it stale at once. A fresh asset is served with no request;
- a stale asset with an ``ETag`` or ``Last-Modified`` is revalidated with ``If-None-Match`` /
  ``If-Modified-Since``; a ``304 Not Modified`` serves the stored bytes and renews freshness;
- the stored bodies never exceed ``max_bytes`` in total: the least recently used go first.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from .asset import Asset

DEFAULT_MAX_BYTES = 100 * 2**20
"""The default bound on the bytes the kernel's cache keeps (100 MB)."""

HEURISTIC_FRACTION = 0.1
HEURISTIC_LIMIT = 24 * 3600.0


def cache_directives(headers: Mapping[str, str]) -> dict[str, str]:
    """The ``Cache-Control`` directives, lower-cased names to (unquoted) values, "" if none."""
    directives: dict[str, str] = {}
    for part in headers.get("cache-control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name.strip().lower()] = value.strip().strip('"')
    return directives


def _http_date(value: str | None) -> float | None:
    """An HTTP date as a POSIX timestamp, or None when absent or unreadable."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _seconds(value: str | None) -> float | None:
    return float(value) if value is not None and value.isdigit() else None


def is_storable(status: int, headers: Mapping[str, str]) -> bool:
    """Whether a response may be kept: a 200 without ``no-store`` or ``Vary: *``."""
    if status != 200 or "no-store" in cache_directives(headers):
        return False
    return headers.get("vary", "").strip() != "*"


def freshness_lifetime(headers: Mapping[str, str], now: float) -> float:
    """Seconds from ``now`` (POSIX time) that a response with ``headers`` stays fresh (0: stale)."""
    directives = cache_directives(headers)
    if "no-cache" in directives:
        return 0.0
    age = _seconds(headers.get("age")) or 0.0
    max_age = _seconds(directives.get("max-age"))
    if max_age is not None:
        return max(0.0, max_age - age)
    date = _http_date(headers.get("date")) or now
    expires = headers.get("expires")
    if expires is not None:
        expires_at = _http_date(expires)  # an unreadable Expires means "already expired"
        return 0.0 if expires_at is None else max(0.0, expires_at - date - age)
    last_modified = _http_date(headers.get("last-modified"))
    if last_modified is None or last_modified >= date:
        return 0.0
    return max(0.0, min((date - last_modified) * HEURISTIC_FRACTION, HEURISTIC_LIMIT) - age)


@dataclass
class CachedAsset:
    """One stored response: its asset, its validators and until when it is fresh (monotonic)."""

    asset: Asset
    etag: str | None
    last_modified: str | None
    fresh_until: float

    @property
    def size(self) -> int:
        return len(self.asset.body)

    def is_fresh(self, now: float) -> bool:
        return now < self.fresh_until

    def conditional_headers(self) -> dict[str, str]:
        """The headers that ask the server whether the stored bytes are still current."""
        headers: dict[str, str] = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass
class CacheStats:
    """Counts since the cache was made: served with no request, after a 304, and fetched."""

    fresh_hits: int = 0
    revalidated: int = 0
    misses: int = 0
    evictions: int = 0
    stored: int = 0


class AssetCache:
    """A thread-safe, byte-bounded LRU store of http(s) assets keyed by requested URL.

    ``max_bytes`` (default :data:`DEFAULT_MAX_BYTES`, 100 MB) bounds the total size of the
    stored bodies; it can be changed at any time (shrinking evicts at once). An asset larger
    than the bound is not stored. The kernel shares one cache between all apps: see
    :func:`microfrontends.asset_cache`.
    """

    def __init__(
        self, max_bytes: int = DEFAULT_MAX_BYTES, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._entries: OrderedDict[str, CachedAsset] = OrderedDict()
        self._lock = threading.Lock()
        self._clock = clock
        self._total = 0
        self._max_bytes = self._check_bound(max_bytes)
        self.stats = CacheStats()

    @staticmethod
    def _check_bound(max_bytes: object) -> int:
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 0:
            raise ValueError(
                f"max_bytes={max_bytes!r} must be a number of bytes >= 0 (0 turns caching off)"
            )
        return max_bytes

    @property
    def max_bytes(self) -> int:
        """The bound on the stored bytes; assigning a smaller one evicts at once."""
        return self._max_bytes

    @max_bytes.setter
    def max_bytes(self, value: int) -> None:
        bound = self._check_bound(value)
        with self._lock:
            self._max_bytes = bound
            self._evict()

    @property
    def total_bytes(self) -> int:
        """The size of the bodies stored now."""
        return self._total

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, url: object) -> bool:
        return url in self._entries

    def now(self) -> float:
        return self._clock()

    def get(self, url: str) -> CachedAsset | None:
        """The stored response for ``url`` (now the most recently used), or None."""
        with self._lock:
            entry = self._entries.get(url)
            if entry is not None:
                self._entries.move_to_end(url)
            return entry

    def store(self, url: str, asset: Asset, headers: Mapping[str, str]) -> None:
        """Keep ``asset`` fetched from ``url`` if its response allows; else forget ``url``."""
        if not is_storable(asset.status, headers) or len(asset.body) > self._max_bytes:
            self.forget(url)
            return
        entry = CachedAsset(
            asset, headers.get("etag"), headers.get("last-modified"), self._fresh_until(headers)
        )
        with self._lock:
            previous = self._entries.pop(url, None)
            if previous is not None:
                self._total -= previous.size
            self._entries[url] = entry
            self._total += entry.size
            self.stats.stored += 1
            self._evict()

    def renew(self, url: str, headers: Mapping[str, str]) -> Asset | None:
        """After a 304 for ``url``: take its new validators and freshness; return the asset."""
        with self._lock:
            entry = self._entries.get(url)
            if entry is None:
                return None
            if "no-store" in cache_directives(headers):
                self._entries.pop(url)
                self._total -= entry.size
                return entry.asset
            entry.etag = headers.get("etag") or entry.etag
            entry.last_modified = headers.get("last-modified") or entry.last_modified
            entry.fresh_until = self._fresh_until(headers)
            self._entries.move_to_end(url)
            return entry.asset

    def forget(self, url: str) -> None:
        with self._lock:
            entry = self._entries.pop(url, None)
            if entry is not None:
                self._total -= entry.size

    def clear(self) -> None:
        """Drop every stored asset (the statistics stay)."""
        with self._lock:
            self._entries.clear()
            self._total = 0

    def _fresh_until(self, headers: Mapping[str, str]) -> float:
        return self._clock() + freshness_lifetime(headers, time.time())

    def _evict(self) -> None:
        """Drop least recently used entries until the bound holds (the lock is held)."""
        while self._total > self._max_bytes and self._entries:
            _url, entry = self._entries.popitem(last=False)
            self._total -= entry.size
            self.stats.evictions += 1

    def __repr__(self) -> str:
        return (
            f"AssetCache({len(self)} assets, {self._total} of {self._max_bytes} bytes, "
            f"{self.stats})"
        )
