"""MicroApp's Python side: validation, traits, the kernel transport wiring and commands."""

from __future__ import annotations

import math
import os
import pydoc
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import microfrontends
from microfrontends import MicroApp, runtime_parts


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "chart"
    folder.mkdir()
    (folder / "index.html").write_text("<h1>chart</h1>")
    return folder


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[dict[str, Any], list[bytes]]]:
    """What MicroApp sends, with its buffers (the conftest's ``sent`` keeps only contents)."""
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


def fetch(app: MicroApp, sent: list, url: str) -> dict[str, Any]:
    app._on_custom_message(app, {"kind": "mf:fetch", "id": "r", "url": url}, [])
    return sent[-1][0]


def test_only_the_apps_own_folder_is_served(app_dir: Path, sent: list) -> None:
    (app_dir.parent / "secret.txt").write_text("secret")
    app = MicroApp(app_dir)
    missing = fetch(app, sent, app.entry_url.replace("index.html", "nope.js"))
    assert (missing["ok"], missing["status"]) == (False, 404)
    escape = fetch(app, sent, app.entry_url.replace("index.html", "..%2fsecret.txt"))
    assert (escape["ok"], escape["status"]) == (False, 403)
    other = MicroApp("https://apps.example.com/orders/")
    assert fetch(other, sent, app.entry_url)["status"] == 403  # another app's folder
    app.close()
    other.close()


def test_messages_of_other_kinds_are_ignored(sent: list) -> None:
    app = MicroApp(html="<p>x</p>")
    app._on_custom_message(app, {"kind": "something-else"}, [])
    app._on_custom_message(app, "not a dict", [])
    assert sent == []
    app.close()


def test_close_closes_the_widget_and_stops_serving(app_dir: Path) -> None:
    app = MicroApp(app_dir)
    app.close()
    assert app.comm is None
    replies: list[dict[str, Any]] = []
    app._kernel_transport.handle(
        {"kind": "mf:fetch", "id": "1", "url": app.entry_url},
        lambda content, buffers: replies.append(content),
    )
    assert replies[0]["ok"] is False and "closed" in replies[0]["error"]
    app.close()  # closing twice is harmless


def test_a_missing_runtime_bundle_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runtime_parts, "STATIC", tmp_path)
    runtime_parts.widget_module.cache_clear()
    with pytest.raises(RuntimeError, match=r"pip install -e \.`.*npm run build"):
        MicroApp(html="<p>x</p>")


def test_an_unbuilt_checkout_imports(tmp_path: Path) -> None:
    package = Path(microfrontends.__file__).parent
    shutil.copytree(
        package, tmp_path / "microfrontends", ignore=shutil.ignore_patterns("static", "__pycache__")
    )
    code = (
        "import microfrontends\n"
        "try:\n"
        "    microfrontends.MicroApp(html='<p>x</p>')\n"
        "except RuntimeError as err:\n"
        "    print('refused:', err)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    assert "refused:" in result.stdout and "was not built" in result.stdout


def test_names_are_distinct_per_kernel_and_explicit_names_are_avoided(app_dir: Path) -> None:
    first, second = MicroApp(app_dir), MicroApp(app_dir / "index.html")
    assert first.name.startswith("chart") and second.name.startswith("chart")
    assert first.name != second.name
    explicit = MicroApp(html="<p>", name="orders-explicit")
    derived = MicroApp("https://apps.example.com/orders-explicit/")
    assert (explicit.name, derived.name) == ("orders-explicit", "orders-explicit-2")
    for app in (first, second, explicit, derived):
        app.close()


def test_repr_names_the_app_and_where_it_comes_from(app_dir: Path) -> None:
    local = MicroApp(app_dir, name="local-repr")
    assert repr(local) == (
        f"MicroApp(name='local-repr', entry={str(app_dir.resolve() / 'index.html')!r}, "
        "status='NOT_LOADED')"
    )
    remote = MicroApp("https://apps.example.com/orders/", name="remote-repr")
    assert "entry='https://apps.example.com/orders/'" in repr(remote)
    assert "entry='inline html'" in repr(MicroApp(html="<p>", name="inline-repr"))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pydoc reads ipywidgets' old names
def test_help_shows_the_parameters() -> None:
    text = pydoc.render_doc(MicroApp, renderer=pydoc.plaintext)
    for word in ("entry", "html", "sandbox", "transport", "lifecycle_timeout", "Raises"):
        assert word in text
    assert isinstance(microfrontends.__version__, str) and microfrontends.__version__


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
        ({"sandbox": "qiankun"}, ValueError, "sandbox='qiankun' is not supported"),
        ({"css": "strict"}, ValueError, "css='strict' is not supported"),
        ({"transport": "ftp"}, ValueError, "transport='ftp'"),
        ({"height": -5}, ValueError, "positive number"),
        ({"height": ""}, ValueError, "not a CSS length"),
        ({"height": [1]}, TypeError, "not list"),
        ({"lifecycle_timeout": 0}, ValueError, "positive number of seconds"),
        ({"lifecycle_timeout": "10"}, TypeError, "not str"),
        ({"lifecycle_timeout": True}, TypeError, "not bool"),
        ({"lifecycle_timeout": math.nan}, ValueError, "positive number of seconds"),
        ({"height": "-10px"}, ValueError, "not a CSS length"),
        ({"height": math.inf}, ValueError, "positive number"),
        ({"height": True}, TypeError, "not bool"),
        ({"sandbox": None}, ValueError, "accepted: 'iframe', 'proxy', 'strict', 'none'"),
        ({"css": "Shadow"}, ValueError, "accepted: 'shadow', 'scoped', 'none'"),
        ({"transport": "proxy"}, ValueError, "accepted: 'auto', 'kernel', 'browser'"),
        ({"name": 3}, TypeError, "name must be a str"),
        ({"props": {"x": math.nan}}, TypeError, r"props\['x'\] is nan"),
        ({"props": {1: "x"}}, TypeError, "JSON object keys must be str"),
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
    MicroApp("https://apps.example.com/x/", transport="browser").close()


@pytest.mark.parametrize(
    ("trait", "value", "error", "message"),
    [
        ("sandbox", "wujie", ValueError, "sandbox='wujie' is not supported"),
        ("css", "strict", ValueError, "css='strict' is not supported"),
        ("transport", "browser", ValueError, "browser has no access"),
        ("transport", "strict", ValueError, "transport='strict'"),
        ("name", "has space", ValueError, "not usable"),
        ("height", "", None, ""),
        ("height", None, None, ""),
        ("height", 320, None, "320px"),
        ("height", "-1px", ValueError, "not a CSS length"),
        ("lifecycle_timeout", 0, ValueError, "positive number of seconds"),
        ("lifecycle_timeout", 2, None, 2.0),
    ],
)
def test_later_assignments_are_checked_like_the_constructor(
    app_dir: Path, trait: str, value: object, error: type[Exception] | None, message: Any
) -> None:
    app = MicroApp(app_dir, height=100)
    before = getattr(app, trait)
    if error is None:
        setattr(app, trait, value)
        assert getattr(app, trait) == message
    else:
        with pytest.raises(error, match=message):
            setattr(app, trait, value)
        assert getattr(app, trait) == before
    app.close()


def test_later_props_are_checked_and_refused_whole() -> None:
    app = MicroApp(html="<p>x</p>", props={"a": 1})
    with pytest.raises(TypeError, match=r"props\['bad'\] is a function"):
        app.props = {"a": 2, "bad": lambda: 1}
    assert app.props == {"a": 1}
    app.close()


def test_heights() -> None:
    assert MicroApp(html="<p>", height="50vh").height == "50vh"
    assert MicroApp(html="<p>", height=" 12em ").height == "12em"
    assert MicroApp(html="<p>", height=250.5).height == "250.5px"
    assert MicroApp(html="<p>", height=400.0).height == "400px"
    assert MicroApp(html="<p>", height=1_000_000).height == "1000000px"  # not 1e+06px
    assert MicroApp(html="<p>").height == ""


def test_snapshot_sandbox_is_accepted_and_documented(app_dir: Path) -> None:
    app = MicroApp(app_dir, sandbox="snapshot")
    assert app.sandbox == "snapshot"
    app.sandbox = "iframe"
    app.sandbox = "snapshot"
    assert app.sandbox == "snapshot"
    app.close()
    with pytest.raises(ValueError, match="'none', 'snapshot'"):
        MicroApp(app_dir, sandbox="snapshots")
    # The one-app-at-a-time rule is part of the documented contract.
    assert "Only one snapshot app can be" in (MicroApp.__doc__ or "")
