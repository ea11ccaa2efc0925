"""``python -m microfrontends new``: the folders it makes and how it refuses bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from microfrontends import cli
from microfrontends.scaffold import TEMPLATES, ScaffoldError, create, create_app


@pytest.fixture(autouse=True)
def sdk(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for the built app SDK (static/app-sdk), so no JS build is needed."""
    folder = tmp_path_factory.mktemp("app-sdk")
    (folder / "dist").mkdir()
    (folder / "dist" / "index.js").write_text("export const connect = () => ({});\n")
    (folder / "package.json").write_text('{"name": "@microfrontends/app-sdk"}')
    monkeypatch.setattr(create, "SDK_FOLDER", folder)
    return folder


def test_vanilla_app_is_a_folder_with_the_sdk_and_no_build(tmp_path: Path) -> None:
    folder = create_app("orders", "vanilla", directory=tmp_path, run=_never_run)
    assert folder == tmp_path / "orders"
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md",
        "app-sdk",
        "app.js",
        "index.html",
        "style.css",
    ]
    assert (folder / "app-sdk" / "dist" / "index.js").is_file()
    assert (
        'import { connect, isHosted, mountStandalone } from "./app-sdk/dist/index.js"'
        in (folder / "app.js").read_text()
    )
    assert (
        "python -m http.server 5173 --bind 127.0.0.1 --directory orders"
        in (folder / "README.md").read_text()
    )
    assert not any("__APP_NAME__" in p.read_text() for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("template", ["vite-react", "vite-vue"])
def test_vite_apps_are_installed_and_built_in_their_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    monkeypatch.setattr(create.shutil, "which", lambda name: f"/bin/{name}")
    ran: list[tuple[list[str], Path]] = []
    folder = create_app("orders", template, directory=tmp_path, run=lambda c, f: ran.append((c, f)))
    assert ran == [
        (["/bin/npm", "install", "--prefer-offline", "--no-audit", "--no-fund"], folder),
        (["/bin/npm", "run", "build"], folder),
    ]
    manifest = (folder / "package.json").read_text()
    assert '"name": "orders"' in manifest
    assert '"@microfrontends/app-sdk": "file:./app-sdk"' in manifest
    assert (folder / ".gitignore").read_text() == "node_modules/\ndist/\n"
    assert "npm run dev" in (folder / "README.md").read_text()


def test_no_build_makes_the_folder_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(create.shutil, "which", lambda name: None)  # npm is not needed
    folder = create_app("orders", "vite-react", directory=tmp_path, build=False, run=_never_run)
    assert (folder / "src" / "main.tsx").is_file()


@pytest.mark.parametrize(
    "name", ["Orders", "my_app", "1app", "-app", "", "a/b", "../up", "x" * 51, "app.js"]
)
def test_bad_names_are_refused_before_anything_is_made(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="lowercase letters, digits and -, starting with a letter"):
        create_app(name, directory=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_name_that_is_not_a_str_is_a_type_error(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="the app's name must be a str, not int"):
        create_app(3, directory=tmp_path)  # type: ignore[arg-type]


def test_an_unknown_template_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        ValueError, match="unknown template 'angular'; choose one of vanilla, vite-react, vite-vue"
    ):
        create_app("orders", "angular", directory=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_kept(tmp_path: Path) -> None:
    (tmp_path / "orders").mkdir()
    (tmp_path / "orders" / "mine.txt").write_text("keep me")
    with pytest.raises(FileExistsError, match="already exists; choose another name or remove it"):
        create_app("orders", directory=tmp_path)
    assert [p.name for p in (tmp_path / "orders").iterdir()] == ["mine.txt"]


def test_a_missing_directory_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist; create it first"):
        create_app("orders", directory=tmp_path / "nowhere")


def test_npm_missing_is_said_before_anything_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(create.shutil, "which", lambda name: None)
    with pytest.raises(
        ScaffoldError, match=r"built with npm, which is not on PATH: install Node\.js"
    ):
        create_app("orders", "vite-vue", directory=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_npm_step_names_the_command_and_keeps_the_folder(tmp_path: Path) -> None:
    failing = [
        sys.executable,
        "-c",
        "import sys; print('ERR! 404 Not Found', file=sys.stderr); sys.exit(3)",
    ]
    with pytest.raises(ScaffoldError) as raised:
        create._run(failing, tmp_path)
    message = str(raised.value)
    assert "failed in" in message and "(exit code 3)" in message
    assert "run `npm install && npm run build` there" in message
    assert message.endswith("ERR! 404 Not Found")


def test_an_unbuilt_sdk_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(create, "SDK_FOLDER", tmp_path / "missing")
    with pytest.raises(ScaffoldError, match="the app SDK is not built"):
        create_app("orders", directory=tmp_path)


def test_the_cli_makes_an_app(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new", "orders", "--directory", str(tmp_path)]) == 0
    assert (tmp_path / "orders" / "index.html").is_file()
    assert "In a notebook: MicroApp('orders')" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "code", "error"),
    [
        (["new", "Bad_Name"], 2, "error: app name 'Bad_Name' is not usable"),
        (["new", "orders", "-t", "angular"], 2, "invalid choice: 'angular' (choose from"),
        (["new"], 2, "the following arguments are required: NAME"),
        ([], 2, "the following arguments are required: COMMAND"),
    ],
)
def test_the_cli_refuses_bad_arguments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, error: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main([*argv, "--directory", str(tmp_path)] if len(argv) > 1 else argv)
    assert exited.value.code == code
    assert error in capsys.readouterr().err


def test_the_cli_says_when_the_folder_exists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "orders").mkdir()
    assert cli.main(["new", "orders", "-d", str(tmp_path)]) == 1
    assert "error: " in (err := capsys.readouterr().err) and "already exists" in err


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "microfrontends", "new", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "--template {vanilla,vite-react,vite-vue}" in result.stdout
    assert set(TEMPLATES) == {"vanilla", "vite-react", "vite-vue"}


def _never_run(command: list[str], folder: Path) -> None:
    raise AssertionError(f"ran {command} in {folder}")
