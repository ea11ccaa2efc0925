"""The unit of transfer: one asset's bytes, and the error raised when it cannot be had."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import PurePosixPath

DEFAULT_CONTENT_TYPE = "application/octet-stream"

# Types the browser must see exactly (module scripts are refused under any other type);
# these win over the platform's mimetypes tables, which vary between systems.
_KNOWN_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".cjs": "text/javascript",
    ".css": "text/css",
    ".html": "text/html",
    ".htm": "text/html",
    ".json": "application/json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


@dataclass(frozen=True)
class Asset:
    """The bytes of one file of an app, as the browser will receive them.

    ``url`` is the final URL (after redirects, or the virtual URL of a local file),
    ``status`` the HTTP status and ``content_type`` the media type of ``body``.
    """

    url: str
    status: int
    content_type: str
    body: bytes


class AssetError(Exception):
    """An asset could not be fetched or read.

    ``status`` is the HTTP status the failure maps to (404, 403, a server's 5xx...),
    or 0 when there was no usable HTTP response (network error, timeout, size limit,
    unsupported URL). The message names the URL and the cause.
    """

    def __init__(self, url: str, status: int, reason: str) -> None:
        super().__init__(f"GET {url} failed: {reason}")
        self.url = url
        self.status = status
        self.reason = reason


def guess_content_type(path: str) -> str:
    """Return the media type for a file name or URL path, by its extension."""
    suffix = PurePosixPath(path).suffix.lower()
    if suffix in _KNOWN_TYPES:
        return _KNOWN_TYPES[suffix]
    guessed, _encoding = mimetypes.guess_type(f"file{suffix}", strict=False)
    return guessed or DEFAULT_CONTENT_TYPE
