"""Entry resolution, names and JSON checks: what MicroApp accepts and how it refuses the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from microfrontends.entry import check_name, resolve_entry, unique_name
from microfrontends.json_values import check_json


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "Sales Chart"
    folder.mkdir()
    (folder / "index.html").write_text("<h1>hi</h1>")
    (folder / "other.html").write_text("<p>other</p>")
    (folder / "data.json").write_text("{}")
    return folder


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://apps.example.com/orders/", "orders"),
        ("http://127.0.0.1:8000/orders/index.html", "orders"),
        ("https://apps.example.com/reports/q3.html", "q3"),
        ("https://apps.example.com", "apps-example-com"),
        ("https://cdn.example.com/2024/", "app-2024"),
    ],
)
def test_http_entries_keep_the_url_and_derive_a_name(url: str, name: str) -> None:
    entry = resolve_entry(url, None)
    assert (entry.kind, entry.url, entry.default_name) == ("url", url, name)


def test_local_folder_is_served_from_its_root(app_dir: Path) -> None:
    entry = resolve_entry(str(app_dir), None)
    assert (entry.kind, entry.root, entry.path) == ("local", app_dir.resolve(), "index.html")
    assert entry.default_name == "sales-chart"


def test_local_html_file_path_like_and_file_url(app_dir: Path) -> None:
    by_path = resolve_entry(app_dir / "other.html", None)
    assert (by_path.root, by_path.path, by_path.default_name) == (
        app_dir.resolve(), "other.html", "other")
    by_index = resolve_entry(app_dir / "index.html", None)
    assert by_index.default_name == "sales-chart"
    by_url = resolve_entry((app_dir / "other.html").as_uri(), None)
    assert (by_url.kind, by_url.path) == ("local", "other.html")


def test_inline_html() -> None:
    entry = resolve_entry(None, "<h1>hi</h1>")
    assert (entry.kind, entry.default_name) == ("inline", "inline")


@pytest.mark.parametrize(
    ("entry", "html", "error", "message"),
    [
        (None, None, TypeError, "neither was given"),
        ("https://a.example/", "<p>", TypeError, "not both"),
        (None, b"<p>", TypeError, "html must be a str"),
        (None, "   ", ValueError, "html is empty"),
        (42, None, TypeError, "not int"),
        ("", None, ValueError, "entry is empty"),
        ("ftp://files.example/app/", None, ValueError, "scheme 'ftp'"),
        ("javascript:alert(1)", None, ValueError, "scheme 'javascript'"),
        ("https:///nohost", None, ValueError, "without a host"),
    ],
)
def test_bad_entries_are_refused_with_what_was_given(
    entry: object, html: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        resolve_entry(entry, html)


def test_missing_paths_and_wrong_files(app_dir: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        resolve_entry(str(app_dir / "nope"), None)
    empty = app_dir / "empty"
    empty.mkdir()
    with pytest.raises(FileNotFoundError, match=r"has no index\.html"):
        resolve_entry(empty, None)
    with pytest.raises(ValueError, match=r"is a \.json file"):
        resolve_entry(app_dir / "data.json", None)


def test_derived_names_are_unique_per_kernel() -> None:
    base = "unique-name-check"
    assert [unique_name(base) for _ in range(3)] == [base, f"{base}-2", f"{base}-3"]


@pytest.mark.parametrize("name", ["orders", "umd-app", "$app", "_x.y-1"])
def test_valid_explicit_names(name: str) -> None:
    assert check_name(name) == name


@pytest.mark.parametrize("name", ["", "1app", "my app", 'a"]b', "x" * 65])
def test_invalid_explicit_names(name: str) -> None:
    with pytest.raises(ValueError, match="not usable"):
        check_name(name)


def test_json_values() -> None:
    check_json({"a": [1, 2.5, "x", None, True, {"b": []}]}, "props")
    with pytest.raises(TypeError, match=r"props\['a'\]\['b'\] is a set"):
        check_json({"a": {"b": {1}}}, "props")
    with pytest.raises(TypeError, match=r"props\['n'\] is nan"):
        check_json({"n": float("nan")}, "props")
    with pytest.raises(TypeError, match="key 1 of type int"):
        check_json({1: "x"}, "props")
    with pytest.raises(TypeError, match=r"props\['f'\]\[0\] is a function"):
        check_json({"f": [lambda: 1]}, "props")
