"""MicroApp(import_map=...): validation, the synced trait, the module loader the kernel serves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from microfrontends import MicroApp, runtime_parts


@pytest.fixture(autouse=True)
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No JS build needed: stubs stand in for a missing bundle (outside src/)."""
    if not (runtime_parts.STATIC / "modules.js").is_file():
        (tmp_path / "widget.js").write_text("export default {};\n")
        (tmp_path / "modules.js").write_text("export class ModuleGraph {}\n")
        monkeypatch.setattr(runtime_parts, "STATIC", tmp_path)
    runtime_parts.widget_module.cache_clear()
    yield
    runtime_parts.widget_module.cache_clear()


def test_import_map_is_synced() -> None:
    imports = {"lit": "https://cdn.example/lit.js", "shared/": "./vendor/shared/"}
    app = MicroApp(html="<p>x</p>", import_map={"imports": imports})
    assert app.import_map == {"imports": imports}
    assert app.get_state("import_map")["import_map"] == {"imports": imports}
    assert MicroApp(html="<p>x</p>").import_map == {}
    assert MicroApp(html="<p>x</p>", import_map=None).import_map == {}


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (["lit"], "must be a dict"),
        ({"imports": ["lit"]}, "must be a dict of specifier -> URL"),
        ({"imports": {"lit": 3}}, "'lit': 3"),
        ({"imports": {"": "./x.js"}}, "non-empty strings"),
        ({"imports": {"lit": ""}}, "non-empty strings"),
        ({"imports": {}, "scopes": {}}, "unsupported keys ['scopes']"),
    ],
)
def test_bad_import_map_is_refused(bad: Any, message: str) -> None:
    with pytest.raises(ValueError, match="import_map") as raised:
        MicroApp(html="<p>x</p>", import_map=bad)
    assert message in str(raised.value)
    app = MicroApp(html="<p>x</p>")
    with pytest.raises(ValueError, match="import_map"):
        app.import_map = bad
    assert app.import_map == {}


def test_kernel_serves_the_module_loader() -> None:
    app = MicroApp(html="<p>x</p>")
    replies: list[tuple[dict[str, Any], list[bytes]]] = []
    app._reply = lambda content, buffers: replies.append((content, buffers))  # type: ignore[method-assign]
    url = runtime_parts.RUNTIME_URL + "modules.js"
    app._on_custom_message(app, {"kind": "mf:fetch", "id": "1", "url": url}, [])
    [(content, buffers)] = replies
    assert content["ok"] and content["id"] == "1" and content["contentType"] == "text/javascript"
    assert b"export" in buffers[0]


def test_missing_module_loader_is_an_error_reply(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = MicroApp(html="<p>x</p>")
    monkeypatch.setattr(runtime_parts, "STATIC", tmp_path)
    replies: list[tuple[dict[str, Any], list[bytes]]] = []
    app._reply = lambda content, buffers: replies.append((content, buffers))  # type: ignore[method-assign]
    url = runtime_parts.RUNTIME_URL + "modules.js"
    app._on_custom_message(app, {"kind": "mf:fetch", "id": "2", "url": url}, [])
    [(content, buffers)] = replies
    assert not content["ok"] and content["status"] == 404 and "npm run build" in content["error"]
    assert buffers == []
