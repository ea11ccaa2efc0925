"""The Python and JavaScript sides of the kernel <-> page contract hold the same constants."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from microfrontends import protocol

ROOT = Path(__file__).resolve().parents[2]
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
PRINT_EXPORTS = (
    "const exports = await import(process.argv[1]);"
    "process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(exports))));"
)


def python_constants() -> dict[str, Any]:
    """The public constants of ``microfrontends.protocol``, as JSON would carry them."""
    constants = {
        name: value
        for name, value in vars(protocol).items()
        if name.isupper() and not name.startswith("_")
    }
    return dict(json.loads(json.dumps(constants)))


def javascript_constants(tmp_path: Path) -> dict[str, Any]:
    """What ``js/contract/protocol.ts`` exports, bundled by our esbuild and run by node."""
    node = shutil.which("node")
    if node is None or not ESBUILD.is_file():
        pytest.skip("needs node and the repository's esbuild (`npm ci`)")
    bundle = tmp_path / "protocol.mjs"
    subprocess.run(
        [
            str(ESBUILD),
            str(ROOT / "js" / "contract" / "protocol.ts"),
            "--bundle",
            "--format=esm",
            "--platform=node",
            "--log-level=warning",
            f"--outfile={bundle}",
        ],
        check=True,
    )
    printed = subprocess.run(
        [node, "--input-type=module", "-e", PRINT_EXPORTS, bundle.as_uri()],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(printed.stdout))


def test_both_sides_hold_the_same_constants(tmp_path: Path) -> None:
    python, javascript = python_constants(), javascript_constants(tmp_path)
    assert sorted(python.keys() - javascript.keys()) == [], "only in protocol.py"
    assert sorted(javascript.keys() - python.keys()) == [], "only in protocol.ts"
    assert python == javascript


def test_the_contract_is_not_empty() -> None:
    # Guards the test above against a protocol.py whose constants it would no longer see.
    assert {"FETCH_KIND", "VIRTUAL_ORIGIN", "RUNTIME_PARTS", "ANSWER_HEADER"} <= set(
        python_constants()
    )
