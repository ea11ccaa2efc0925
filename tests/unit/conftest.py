"""Fixtures the unit tests share."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from microfrontends import GlobalState, MicroApp, runtime_parts


@pytest.fixture(autouse=True)
def runtime(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """No JS build needed: a stub stands in for a missing bundle (outside src/)."""
    if not (runtime_parts.STATIC / "widget.js").is_file():
        static = tmp_path_factory.mktemp("static")
        (static / "widget.js").write_text("export default {};\n")
        monkeypatch.setattr(runtime_parts, "STATIC", static)
    runtime_parts.widget_module.cache_clear()
    yield
    runtime_parts.widget_module.cache_clear()


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What GlobalState and MicroApp send to the page, in order."""
    messages: list[dict[str, Any]] = []
    for cls in (GlobalState, MicroApp):
        monkeypatch.setattr(
            cls, "send", lambda self, content, buffers=None: messages.append(content)
        )
    return messages
