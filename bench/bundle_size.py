"""Minified and gzipped size of the runtime bundles as shipped in the Python package."""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

from harness import REPO_ROOT

STATIC = REPO_ROOT / "src" / "microfrontends" / "static"
ESBUILD = REPO_ROOT / "node_modules" / ".bin" / "esbuild"
# What a page loads to mount an app; any other bundle is a chunk loaded on demand.
ENTRY_BUNDLES = ("core.js", "widget.js")


def _minified(path: Path) -> bytes:
    """The bundle through esbuild's minifier, so the figure holds even if a build skips it."""
    return subprocess.run(
        [str(ESBUILD), str(path), "--minify", "--format=esm", "--log-level=error"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip


def measure() -> dict[str, dict[str, int]]:
    sizes = {}
    for path in sorted(STATIC.glob("*.js"), key=lambda p: (p.name not in ENTRY_BUNDLES, p.name)):
        minified = _minified(path)
        sizes[path.name] = {
            "shipped": path.stat().st_size,
            "minified": len(minified),
            "gzip": len(gzip.compress(minified, compresslevel=9)),
            "on_demand": path.name not in ENTRY_BUNDLES,
        }
    return sizes


if __name__ == "__main__":
    print(measure())
