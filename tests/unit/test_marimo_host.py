"""marimo stays optional: the layouts import it only when marimo displays them."""

from __future__ import annotations

import subprocess
import sys

MAKE_LAYOUTS = """
import sys
import ipywidgets
from microfrontends import Dashboard, Tabs
Dashboard({"a": ipywidgets.Label("a")}, areas=["a"])
Tabs({"A": ipywidgets.Label("a")})
print("marimo" in sys.modules)
"""


def test_layouts_do_not_import_marimo() -> None:
    result = subprocess.run(
        [sys.executable, "-c", MAKE_LAYOUTS], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
