"""Installs the peers and builds the host bundles (build.mjs, into dist/); reads their versions
and the size of each framework's runtime bundle."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from frameworks import FRAMEWORKS, PACKAGES
from harness import REPO_ROOT

HERE = Path(__file__).resolve().parent


def build() -> None:
    if not (HERE / "node_modules").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    for folder in ("examples/apps/vue-todo/vendor", "tests/apps/plain"):
        if not (REPO_ROOT / folder).exists():
            sys.exit(
                f"missing {folder}: run `npm ci --prefix examples/apps && "
                "npm run build --prefix examples/apps`"
            )
    subprocess.run(["node", "build.mjs"], cwd=HERE, check=True)


def versions() -> dict[str, str]:
    found = {}
    for packages in PACKAGES.values():
        for package in packages:
            meta = HERE / "node_modules" / package / "package.json"
            found[package] = json.loads(meta.read_text())["version"]
    found["esbuild"] = json.loads((HERE / "node_modules/esbuild/package.json").read_text())[
        "version"
    ]
    return found


def bundle_sizes() -> dict[str, dict[str, int]]:
    sizes = {}
    for name in FRAMEWORKS:
        data = (HERE / "dist" / "size" / f"{name}.js").read_bytes()
        sizes[name] = {"minified": len(data), "gzip": len(gzip.compress(data, compresslevel=9))}
    return sizes
