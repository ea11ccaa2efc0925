"""The listing of local app folders that the kernel publishes for the server extension."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from microfrontends.transport import local_root_id
from microfrontends.transport.registry import publish_root, published_root, registry_dir


@pytest.fixture(autouse=True)
def runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    return tmp_path / "runtime"


def test_a_published_folder_is_found_by_its_id(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    root_id = publish_root(app)
    assert root_id == local_root_id(app)
    assert published_root(root_id) == app.resolve()


def test_the_listing_is_private_to_the_user(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    publish_root(app)
    assert registry_dir().stat().st_mode & 0o077 == 0


def test_ids_that_name_no_listed_folder_find_nothing(tmp_path: Path) -> None:
    assert published_root("0123456789abcdef") is None
    assert published_root("../../etc/passwd") is None
    assert published_root("") is None


def test_a_listing_whose_folder_does_not_hash_to_its_name_is_refused(tmp_path: Path) -> None:
    app, other = tmp_path / "app", tmp_path / "other"
    app.mkdir()
    other.mkdir()
    root_id = publish_root(app)
    assert root_id is not None
    (registry_dir() / f"{root_id}.json").write_text(json.dumps({"root": str(other)}))
    assert published_root(root_id) is None


def test_a_listing_that_cannot_be_written_only_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(blocker))
    app = tmp_path / "app"
    app.mkdir()
    assert publish_root(app) is None
    assert "go through the kernel only" in caplog.text
