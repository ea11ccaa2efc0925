"""LocalRoot: reading an app's folder, and no way out of it (traversal, symlinks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from marks import needs_symlinks

from microfrontends.transport import Asset, AssetError, LocalRoot


def test_local_root_must_exist(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="missing"):
        LocalRoot(tmp_path / "missing")
    (tmp_path / "file.txt").write_text("")
    with pytest.raises(NotADirectoryError, match=r"file\.txt"):
        LocalRoot(tmp_path / "file.txt")


def test_local_root_is_resolved(app_dir: Path) -> None:
    assert LocalRoot(app_dir / "sub" / "..").root == app_dir.resolve()


def test_local_reads_file_with_type(local: LocalRoot) -> None:
    asset = local.read("assets/style.css", url="https://v/assets/style.css")
    assert asset == Asset("https://v/assets/style.css", 200, "text/css", b"body{}")


def test_local_url_defaults_to_path(local: LocalRoot) -> None:
    assert local.read("app.js").url == "app.js"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("", b"<h1>root</h1>"),
        ("./", b"<h1>root</h1>"),
        ("sub/", b"<h1>sub</h1>"),
        ("./sub/", b"<h1>sub</h1>"),
        ("sub%2f", b"<h1>sub</h1>"),
        ("sub/?x=1", b"<h1>sub</h1>"),
    ],
)
def test_local_folder_serves_index(local: LocalRoot, path: str, body: bytes) -> None:
    asset = local.read(path)
    assert (asset.content_type, asset.body) == ("text/html", body)


def test_local_folder_without_slash_is_404(local: LocalRoot) -> None:
    with pytest.raises(AssetError, match=r"sub is a folder") as info:
        local.read("sub")
    assert info.value.status == 404


@pytest.mark.parametrize("path", ["app.js?v=3", "app.js#top", "app.js?a=1#b"])
def test_local_strips_query_and_fragment(local: LocalRoot, path: str) -> None:
    assert local.read(path).body == b"console.log(1)"


def test_local_decodes_percent_encoding(local: LocalRoot) -> None:
    assert local.read("a%20b.txt").body == b"spaced"
    assert local.read("%61pp.js").body == b"console.log(1)"


def test_local_missing_file_is_404(local: LocalRoot) -> None:
    with pytest.raises(AssetError, match=r"nope/missing\.js") as info:
        local.read("nope/missing.js", url="https://v/nope/missing.js")
    assert info.value.status == 404
    assert info.value.url == "https://v/nope/missing.js"
    assert "https://v/nope/missing.js" in str(info.value)


def test_local_missing_index_is_404(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match=r"index\.html") as info:
        LocalRoot(tmp_path).read("")
    assert info.value.status == 404


@pytest.mark.parametrize(
    "path",
    [
        "../secret.txt",
        "assets/../../secret.txt",
        "..",
        "/etc/passwd",
        "//etc/passwd",
        "%2fetc/passwd",
        "%2e%2e/secret.txt",
        "%2E%2E/secret.txt",
        "..%2fsecret.txt",
        "..%2Fsecret.txt",
        "%2e%2e%2fsecret.txt",
        "%252e%252e/secret.txt",
        "%252e%252e%252fsecret.txt",
        "%25252e%25252e/secret.txt",
        "..\\secret.txt",
        "assets\\..\\..\\secret.txt",
        "..%5csecret.txt",
        "app.js%00.html",
        "app.js\x00",
    ],
)
def test_local_refuses_traversal(local: LocalRoot, path: str) -> None:
    with pytest.raises(AssetError, match="escapes the app's root") as info:
        local.read(path)
    assert info.value.status == 403


@needs_symlinks
def test_local_refuses_file_symlink_out(local: LocalRoot, app_dir: Path) -> None:
    (app_dir / "leak.txt").symlink_to(app_dir.parent / "secret.txt")
    with pytest.raises(AssetError, match="escapes") as info:
        local.read("leak.txt")
    assert info.value.status == 403


@needs_symlinks
def test_local_refuses_folder_symlink_out(local: LocalRoot, app_dir: Path) -> None:
    (app_dir / "linked").symlink_to(app_dir.parent / "outside", target_is_directory=True)
    for path in ("linked/", "linked/index.html", "linked/../../secret.txt"):
        with pytest.raises(AssetError, match="escapes") as info:
            local.read(path)
        assert info.value.status == 403


@needs_symlinks
def test_local_refuses_index_symlink_out(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "elsewhere.html").write_text("elsewhere")
    (root / "index.html").symlink_to(tmp_path / "elsewhere.html")
    with pytest.raises(AssetError, match="escapes"):
        LocalRoot(root).read("")


@needs_symlinks
def test_local_follows_symlinks_inside_root(local: LocalRoot, app_dir: Path) -> None:
    (app_dir / "alias.js").symlink_to(app_dir / "app.js")
    (app_dir / "more").symlink_to(app_dir / "assets", target_is_directory=True)
    assert local.read("alias.js").body == b"console.log(1)"
    assert local.read("more/style.css").content_type == "text/css"


@needs_symlinks
def test_local_symlink_loop_is_404(local: LocalRoot, app_dir: Path) -> None:
    (app_dir / "loop").symlink_to(app_dir / "loop")
    with pytest.raises(AssetError, match="symlink loop") as info:
        local.read("loop")
    assert info.value.status == 404


@needs_symlinks
def test_local_root_itself_may_be_a_symlink(app_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "app-link").symlink_to(app_dir, target_is_directory=True)
    assert LocalRoot(tmp_path / "app-link").read("app.js").body == b"console.log(1)"
