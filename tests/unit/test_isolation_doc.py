"""docs/isolation.md is the rendering of docs/isolation.json, which the conformance suite writes
(with MICROFRONTENDS_WRITE_DOCS=1, from a passing run) and checks against its assertions."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def renderer():
    spec = importlib.util.spec_from_file_location(
        "isolation_doc", REPO_ROOT / "bench" / "isolation_doc.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_doc_is_the_rendering_of_the_suites_results() -> None:
    module = renderer()
    results = json.loads(module.RESULTS.read_text())
    assert module.DOC.read_text() == module.render(results)


def test_every_mode_that_is_not_pending_has_results_for_every_row() -> None:
    results = json.loads(renderer().RESULTS.read_text())
    for column in results["columns"]:
        if column["pending"]:
            continue
        assert set(results["modes"][column["key"]]) == set(results["rows"]), column["key"]


def test_the_doc_says_only_strict_is_a_security_boundary() -> None:
    text = renderer().DOC.read_text()
    assert 'Only `sandbox="strict"` is a security boundary.' in text
    assert "## Which mode to pick" in text
