"""The README's "Where it runs" table: what a run writes, and a later run of some tests keeps."""

from __future__ import annotations

import pytest

from tests.browser.where_it_runs import (
    END,
    START,
    render,
    table_cells,
    verdict,
    where_it_runs,
    with_table,
)

README = f"# x\n\n{START}\nold\n{END}\n\n## After\n"


def test_a_run_of_some_tests_rewrites_only_their_cells() -> None:
    first = with_table(README, render({("Voila", "app"): verdict([True, True])}))
    assert first.endswith("## After\n") and first.startswith("# x\n")
    kept = table_cells(first)
    assert kept[("Voila", "app")] == "yes"
    assert kept[("Solara", "tabs")] == "not tested"
    second = with_table(first, render({**kept, ("Solara", "tabs"): verdict([True, False])}))
    cells = table_cells(second)
    assert cells[("Voila", "app")] == "yes"
    assert cells[("Solara", "tabs")] == "**no**"


def test_the_readme_must_have_the_markers_and_marks_known_names() -> None:
    with pytest.raises(ValueError, match="markers"):
        with_table("# no table\n", "table")
    with pytest.raises(ValueError, match="unknown host"):
        where_it_runs("app", host="Excel")
    with pytest.raises(ValueError, match="unknown features"):
        where_it_runs("teleport")
