"""Creating an app folder from a template, and building it when the template needs a build."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

TEMPLATES = ("vanilla", "vite-react", "vite-vue")
# Templates built with npm: `npm install && npm run build` writes dist/, which MicroApp serves.
NPM_TEMPLATES = frozenset({"vite-react", "vite-vue"})

# The name is the folder's, the npm package's and (derived from the folder) the app's.
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,49}$")
PLACEHOLDER = "__APP_NAME__"

_HERE = Path(__file__).parent
SDK_FOLDER = _HERE.parent / "static" / "app-sdk"


class ScaffoldError(RuntimeError):
    """A step of making the app failed (npm missing, an install or a build that failed)."""


def create_app(
    name: str,
    template: str = "vanilla",
    *,
    directory: str | Path = ".",
    build: bool = True,
    run: Callable[[list[str], Path], None] | None = None,
) -> Path:
    """Create the app folder ``directory/name`` from ``template`` and return its path.

    ``vanilla`` needs no build. ``vite-react`` and ``vite-vue`` are installed from the npm
    registry and built (``npm install``, ``npm run build``) unless ``build`` is false; then
    ``MicroApp`` refuses the folder until they are built. ``run`` runs one command in a folder
    (``subprocess.run`` by default).

    Raises ``ValueError`` for a bad name or an unknown template, ``FileExistsError`` when the
    folder exists, ``FileNotFoundError`` when ``directory`` does not, and ``ScaffoldError`` when
    npm is missing or a step of the build fails (the folder is kept, to build by hand).
    """
    check_app_name(name)
    if template not in TEMPLATES:
        raise ValueError(f"unknown template {template!r}; choose one of {', '.join(TEMPLATES)}")
    parent = Path(directory).expanduser()
    if not parent.is_dir():
        raise FileNotFoundError(f"folder {str(parent)!r} does not exist; create it first")
    target = parent / name
    if target.exists() or target.is_symlink():
        raise FileExistsError(
            f"{str(target)!r} already exists; choose another name or remove it first"
        )
    npm = None
    if build and template in NPM_TEMPLATES:
        npm = shutil.which("npm")
        if npm is None:
            raise ScaffoldError(
                f"the {template} template is built with npm, which is not on PATH: install "
                "Node.js 20 or later (it comes with npm), or pass --no-build and build later, "
                "or use --template vanilla, which needs no build"
            )
    if not (SDK_FOLDER / "dist" / "index.js").is_file():
        raise ScaffoldError(
            f"the app SDK is not built ({str(SDK_FOLDER)!r} is missing): run `npm run build` "
            "in the microfrontends source folder"
        )
    _copy_template(_HERE / "templates" / template, target, name)
    shutil.copytree(SDK_FOLDER, target / "app-sdk")
    if npm is not None:
        runner = run or _run
        for command in (
            [npm, "install", "--prefer-offline", "--no-audit", "--no-fund"],
            [npm, "run", "build"],
        ):
            runner(command, target)
    return target


def check_app_name(name: object) -> str:
    """Check an app's name: lowercase letters, digits and -, starting with a letter."""
    if not isinstance(name, str):
        raise TypeError(f"the app's name must be a str, not {type(name).__name__}")
    if not NAME_PATTERN.fullmatch(name):
        raise ValueError(
            f"app name {name!r} is not usable: use lowercase letters, digits and -, starting "
            "with a letter, at most 50 characters (it names the folder, the npm package and "
            "the app)"
        )
    return name


def _copy_template(source: Path, target: Path, name: str) -> None:
    target.mkdir()
    for path in sorted(source.rglob("*")):
        # Files named _x become .x: a dotfile in package data is easy to lose.
        relative = Path(*(re.sub(r"^_", ".", part) for part in path.relative_to(source).parts))
        destination = target / relative
        if path.is_dir():
            destination.mkdir(exist_ok=True)
        else:
            text = path.read_text(encoding="utf-8").replace(PLACEHOLDER, name)
            destination.write_text(text, encoding="utf-8")


def _run(command: list[str], folder: Path) -> None:
    shown = " ".join(["npm", *command[1:]])
    try:
        result = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise ScaffoldError(f"`{shown}` could not start in {str(folder)!r}: {exc}") from None
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip().splitlines()[-15:]
        raise ScaffoldError(
            f"`{shown}` failed in {str(folder)!r} (exit code {result.returncode}); the folder is "
            "kept: fix the cause and run `npm install && npm run build` there.\n"
            + "\n".join(output)
        )
