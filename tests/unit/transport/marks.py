"""Marks the transport tests share."""

from __future__ import annotations

import os

import pytest

needs_symlinks = pytest.mark.skipif(
    not hasattr(os, "symlink") or os.name == "nt", reason="needs POSIX symlinks"
)
