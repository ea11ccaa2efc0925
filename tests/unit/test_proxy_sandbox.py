"""`sandbox="proxy"` on the Python side: accepted, synced, and its runtime part served."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from microfrontends import MicroApp, runtime_parts


def test_proxy_is_a_sandbox_mode() -> None:
    app = MicroApp(html="<p>x</p>", sandbox="proxy")
    assert app.sandbox == "proxy"
    assert app.get_state()["sandbox"] == "proxy"
    app.close()


def test_switching_to_and_from_proxy_later() -> None:
    app = MicroApp(html="<p>x</p>")
    app.sandbox = "proxy"
    assert app.sandbox == "proxy"
    app.sandbox = "iframe"
    assert app.sandbox == "iframe"
    app.close()


@pytest.mark.parametrize("value", ["Proxy", "proxy ", "with"])
def test_near_misses_are_refused_with_the_accepted_modes(value: str) -> None:
    with pytest.raises(ValueError, match=r"accepted: 'iframe', 'proxy', 'strict', 'none'"):
        MicroApp(html="<p>x</p>", sandbox=value)


def _fetch_part(app: MicroApp, part: str) -> tuple[dict[str, Any], list[bytes]]:
    replies: list[tuple[dict[str, Any], list[bytes]]] = []
    app._reply = lambda content, buffers: replies.append((content, buffers))  # type: ignore[method-assign]
    url = runtime_parts.RUNTIME_URL + part
    app._on_custom_message(app, {"kind": "mf:fetch", "id": "p", "url": url}, [])
    [reply] = replies
    return reply


@pytest.mark.skipif(not (runtime_parts.STATIC / "proxy.js").is_file(), reason="runtime not built")
def test_kernel_serves_the_proxy_sandbox_part() -> None:
    app = MicroApp(html="<p>x</p>", sandbox="proxy")
    content, buffers = _fetch_part(app, "proxy.js")
    assert content["ok"] and content["contentType"] == "text/javascript"
    assert b"createProxyRealm" in buffers[0]
    app.close()


def test_a_missing_proxy_part_is_an_error_reply(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = MicroApp(html="<p>x</p>", sandbox="proxy")
    monkeypatch.setattr(runtime_parts, "STATIC", tmp_path)
    content, buffers = _fetch_part(app, "proxy.js")
    assert not content["ok"] and content["status"] == 404
    assert "the proxy sandbox is missing" in content["error"]
    assert "npm run build" in content["error"]
    assert buffers == []
    app.close()
