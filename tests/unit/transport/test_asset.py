"""What every transport answers with: an asset's content type, and the error it raises."""

from __future__ import annotations

import pytest

from microfrontends.transport import AssetError, guess_content_type


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("app.js", "text/javascript"),
        ("chunk.MJS", "text/javascript"),
        ("a/b/style.css", "text/css"),
        ("index.html", "text/html"),
        ("data.json", "application/json"),
        ("logo.svg", "image/svg+xml"),
        ("mod.wasm", "application/wasm"),
        ("font.woff2", "font/woff2"),
        ("photo.png", "image/png"),
        ("no-extension", "application/octet-stream"),
        ("blob.unknownext", "application/octet-stream"),
    ],
)
def test_guess_content_type(path: str, expected: str) -> None:
    assert guess_content_type(path) == expected


def test_asset_error_message_names_url_and_cause() -> None:
    err = AssetError("https://x/y.js", 404, "HTTP 404 Not Found")
    assert str(err) == "GET https://x/y.js failed: HTTP 404 Not Found"
    assert (err.url, err.status) == ("https://x/y.js", 404)
