"""Minified and gzipped size of the runtime bundles."""

from __future__ import annotations

import gzip

from harness import REPO_ROOT

STATIC = REPO_ROOT / "src" / "microfrontends" / "static"


def measure() -> dict[str, dict[str, int]]:
    sizes = {}
    for name in ("core.js", "widget.js"):
        data = (STATIC / name).read_bytes()
        sizes[name] = {"minified": len(data), "gzip": len(gzip.compress(data, compresslevel=9))}
    return sizes
