"""Minified and gzipped size of the runtime bundles as shipped in the Python package."""

from __future__ import annotations

import gzip
import re
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


# A chunk an entry imports statically (`import{a}from"./core-chunk-X.js"`), not `import("...")`.
STATIC_IMPORT = re.compile(rb'(?:\bfrom|\bimport)\s*"\./([\w.-]+\.js)"')


def _static_chunks(path: Path) -> list[Path]:
    """The chunks ``path`` imports statically, recursively: they load with it."""
    found: list[Path] = []
    for name in STATIC_IMPORT.findall(path.read_bytes()):
        chunk = path.parent / name.decode()
        if chunk not in found:
            found += [chunk, *(c for c in _static_chunks(chunk) if c not in found)]
    return found


def measure() -> dict[str, dict[str, int]]:
    """Sizes of each bundle; an entry bundle's figures include the chunks it imports statically."""
    sizes = {}
    loaded_with_entry = {chunk for name in ENTRY_BUNDLES for chunk in _static_chunks(STATIC / name)}
    for path in sorted(STATIC.glob("*.js"), key=lambda p: (p.name not in ENTRY_BUNDLES, p.name)):
        if path in loaded_with_entry:
            continue  # counted in its entry's figures
        parts = [path, *_static_chunks(path)] if path.name in ENTRY_BUNDLES else [path]
        minified = b"\n".join(_minified(part) for part in parts)
        sizes[path.name] = {
            "shipped": sum(part.stat().st_size for part in parts),
            "minified": len(minified),
            "gzip": len(gzip.compress(minified, compresslevel=9)),
            "on_demand": path.name not in ENTRY_BUNDLES,
        }
    return sizes


if __name__ == "__main__":
    print(measure())
