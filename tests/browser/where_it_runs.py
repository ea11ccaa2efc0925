"""The README's "Where it runs" table (host x feature), made from the tests that check its cells.

A test names the cells it checks with ``@where_it_runs(*features, host=...)``; the hooks below
(this module is a plugin conftest.py registers) record how each such test ended. After a run
in which no test was deselected, ``MICROFRONTENDS_WRITE_DOCS=1`` rewrites the table between the
README's markers with what was seen: "yes" where every test of a cell passed, "no" where one
failed; the cells no test of the run checked keep what they said ("not tested" where none ever
ran; a host these machines cannot run is listed with why):

    MICROFRONTENDS_WRITE_DOCS=1 .venv/bin/python -m pytest tests/browser
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

HOSTS = {
    "JupyterLab": "`jupyter lab`",
    "Notebook 7": "`jupyter notebook`",
    "Voila": "`voila`",
    "marimo run": "`marimo run`, an app",
    "marimo edit": "`marimo edit`, the notebook",
    "Solara": "`solara run`",
    "Panel": "`panel serve`",
}
UNTESTED = {
    "VS Code": "these machines cannot run it (microfrontends keeps to the anywidget contract)",
    "Colab": "these machines cannot run it (microfrontends keeps to the anywidget contract)",
}
FEATURES = {
    "app": "An app",
    "dashboard": "`Dashboard`",
    "tabs": "`Tabs`",
    "state_in": "App → Python",
    "state_out": "Python → app",
    "reacts": "Host reacts",
    "local": "Local folder",
}
FEATURE_TEXT = {
    "app": "a `MicroApp` from a local folder mounts in the host's output",
    "dashboard": "a `Dashboard` of two apps lays them out and mounts both",
    "tabs": "`Tabs` show their apps",
    "state_in": "a click in an app changes the `GlobalState` in Python",
    "state_out": "Python's change of the `GlobalState` shows in the apps",
    "reacts": "the host's own reactivity follows the state an app changed (an ipywidget an "
    "observer updates; a marimo cell that re-runs; a Solara component or a Panel `pn.rx` that "
    "re-renders)",
    "local": "the apps' files come from local folders: through the Jupyter server's extension "
    "or the kernel in Jupyter, through the kernel alone where there is no Jupyter server",
}
README = Path(__file__).resolve().parents[2] / "README.md"
START, END = "<!-- where-it-runs:start -->", "<!-- where-it-runs:end -->"
MARK = "where_it_runs"

_outcomes: dict[tuple[str, str], list[bool]] = {}
_deselected = False


def where_it_runs(*features: str, host: str | None = None) -> pytest.MarkDecorator:
    """Marks a test as the check of ``features`` (keys of :data:`FEATURES`) in ``host``; without
    ``host``, in the host the test's parameters name (a test run in every host)."""
    if host is not None and host not in HOSTS:
        raise ValueError(f"unknown host {host!r}; one of {list(HOSTS)}")
    unknown = [feature for feature in features if feature not in FEATURES]
    if unknown or not features:
        raise ValueError(f"unknown features {unknown}; some of {list(FEATURES)}")
    return getattr(pytest.mark, MARK)(host=host, features=features)


def _host_of(item: pytest.Item, mark: pytest.Mark) -> str | None:
    if mark.kwargs["host"] is not None:
        return str(mark.kwargs["host"])
    params = getattr(getattr(item, "callspec", None), "params", {})
    return next((value for value in params.values() if value in HOSTS), None)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARK}(host, features): checks cells of README's table")


def pytest_deselected(items: list[pytest.Item]) -> None:
    global _deselected
    _deselected = _deselected or any(item.get_closest_marker(MARK) for item in items)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    for mark in item.iter_markers(MARK):
        host = _host_of(item, mark)
        if host and (report.when == "call" or (report.when == "setup" and not report.passed)):
            for feature in mark.kwargs["features"]:
                _outcomes.setdefault((host, feature), []).append(report.passed)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if os.environ.get("MICROFRONTENDS_WRITE_DOCS") == "1" and _outcomes and not _deselected:
        readme = README.read_text()
        cells = {**table_cells(readme), **{key: verdict(seen) for key, seen in _outcomes.items()}}
        README.write_text(with_table(readme, render(cells)))


def verdict(outcomes: list[bool]) -> str:
    return "yes" if all(outcomes) else "**no**"


def table_cells(readme: str) -> dict[tuple[str, str], str]:
    """The cells of the table in ``readme`` (a run of some tests rewrites only their cells)."""
    cells = {}
    for line in _between_markers(readme).splitlines():
        values = [value.strip() for value in line.strip().strip("|").split("|")]
        host = next((host for host in HOSTS if values[0].startswith(f"{host} (")), None)
        if host and len(values) == len(FEATURES) + 1:
            cells.update(
                {
                    (host, feature): value
                    for feature, value in zip(FEATURES, values[1:], strict=True)
                }
            )
    return cells


def render(cells: dict[tuple[str, str], str]) -> str:
    """The table, one row per host and one column per feature, with what each feature means."""
    header = ["Host", *FEATURES.values()]
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
    ]
    for host, how in HOSTS.items():
        row = [cells.get((host, feature), "not tested") for feature in FEATURES]
        lines.append(f"| {host} ({how}) | " + " | ".join(row) + " |")
    for host, why in UNTESTED.items():
        lines.append(f"| {host} | not tested: {why} |" + " |" * (len(FEATURES) - 1))
    legend = [f"- **{FEATURES[key]}**: {text}." for key, text in FEATURE_TEXT.items()]
    return "\n".join([*lines, "", *legend])


_MARKED = re.compile(re.escape(START) + "(.*?)" + re.escape(END), re.S)


def _between_markers(readme: str) -> str:
    found = _MARKED.search(readme)
    if not found:
        raise ValueError(f"README.md has no {START} ... {END} markers")
    return found.group(1)


def with_table(readme: str, table: str) -> str:
    """``readme`` with ``table`` between its markers (which must be there)."""
    _between_markers(readme)
    generated = (
        f"{START}\n<!-- Generated by tests/browser/where_it_runs.py from the tests that ran; "
        f"do not edit by hand. -->\n{table}\n{END}"
    )
    return _MARKED.sub(lambda _: generated, readme)
