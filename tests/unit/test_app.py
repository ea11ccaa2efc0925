"""MicroApp's Python side: validation, traits, the kernel transport wiring and commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from microfrontends import MicroApp


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "chart"
    folder.mkdir()
    (folder / "index.html").write_text("<h1>chart</h1>")
    return folder


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[dict[str, Any], list[bytes]]]:
    messages: list[tuple[dict[str, Any], list[bytes]]] = []
    monkeypatch.setattr(
        MicroApp, "send", lambda self, content, buffers=None: messages.append((content, buffers))
    )
    return messages


def test_local_entry_gets_a_virtual_url_and_is_served(app_dir: Path, sent: list) -> None:
    app = MicroApp(app_dir, name="chart", height=300)
    assert app.entry_url.startswith("https://kernel.microfrontends.invalid/")
    assert app.entry_url.endswith("/index.html")
    assert (app.name, app.height, app.status, app.error) == ("chart", "300px", "NOT_LOADED", "")
    app._on_custom_message(app, {"kind": "mf:fetch", "id": "1", "url": app.entry_url}, [])
    reply, buffers = sent[-1]
    assert reply["ok"] is True and reply["id"] == "1"
    assert reply["contentType"].startswith("text/html")
    assert buffers == [b"<h1>chart</h1>"]
    app.close()


def test_status_and_error_are_read_only_in_python_but_set_by_the_browser() -> None:
    app = MicroApp(html="<p>x</p>")
    with pytest.raises(Exception, match="read-only"):
        app.status = "MOUNTED"
    app.set_state({"status": "LOAD_ERROR", "error": "load failed"})
    assert (app.status, app.error) == ("LOAD_ERROR", "load failed")
    app.close()


def test_commands_are_sent_to_every_view(sent: list) -> None:
    app = MicroApp(html="<p>x</p>")
    app.unmount()
    app.mount()
    app.reload()
    commands = [content["command"] for content, _ in sent if content.get("kind") == "mf:command"]
    assert commands == ["unmount", "mount", "reload"]
    app.close()


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"sandbox": "proxy"}, ValueError, "sandbox='proxy' is not supported"),
        ({"css": "scoped"}, ValueError, "css='scoped' is not supported"),
        ({"transport": "ftp"}, ValueError, "transport='ftp'"),
        ({"height": -5}, ValueError, "positive number"),
        ({"height": ""}, ValueError, "not a CSS length"),
        ({"height": [1]}, TypeError, "not list"),
        ({"lifecycle_timeout": 0}, ValueError, "positive number of seconds"),
        ({"lifecycle_timeout": "10"}, TypeError, "not str"),
        ({"props": [1]}, TypeError, "props must be a dict"),
        ({"props": {"s": {1}}}, TypeError, r"props\['s'\] is a set"),
        ({"name": "has space"}, ValueError, "not usable"),
    ],
)
def test_bad_arguments(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        MicroApp(html="<p>x</p>", **kwargs)


def test_browser_transport_cannot_read_local_folders(app_dir: Path) -> None:
    with pytest.raises(ValueError, match="browser has no access"):
        MicroApp(app_dir, transport="browser")


def test_later_props_are_checked_and_refused_whole() -> None:
    app = MicroApp(html="<p>x</p>", props={"a": 1})
    with pytest.raises(TypeError, match=r"props\['bad'\] is a function"):
        app.props = {"a": 2, "bad": lambda: 1}
    assert app.props == {"a": 1}
    app.close()


def test_heights() -> None:
    assert MicroApp(html="<p>", height="50vh").height == "50vh"
    assert MicroApp(html="<p>", height=250.5).height == "250.5px"
    assert MicroApp(html="<p>").height == ""
