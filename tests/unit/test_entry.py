"""Entry resolution, names and JSON checks: what MicroApp accepts and how it refuses the rest."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from microfrontends.entry import check_name, claim_name, resolve_entry, unique_name
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
        ("https://apps.example.com/Sales%20Chart/?v=2#/home", "sales-chart"),
        ("HTTPS://apps.example.com/x/index.htm", "x"),
        # cut to 48 characters, with no dash left dangling at the cut
        ("https://apps.example.com/" + "x" * 47 + "-tail/", "x" * 47),
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
        app_dir.resolve(),
        "other.html",
        "other",
    )
    by_index = resolve_entry(app_dir / "index.html", None)
    assert by_index.default_name == "sales-chart"
    by_url = resolve_entry((app_dir / "other.html").as_uri(), None)
    assert (by_url.kind, by_url.path) == ("local", "other.html")


class _PathLike:
    """A path-like object that is not a pathlib.Path."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def __fspath__(self) -> str:
        return str(self._path)


def test_any_path_like_and_file_urls_with_or_without_localhost(app_dir: Path) -> None:
    assert resolve_entry(_PathLike(app_dir), None).root == app_dir.resolve()
    on_localhost = "file://localhost" + (app_dir / "index.html").as_posix()
    assert resolve_entry(on_localhost, None).path == "index.html"
    # as_uri() percent-encodes the space in "Sales Chart"
    assert resolve_entry(app_dir.as_uri() + "/", None).default_name == "sales-chart"


def test_htm_files_and_index_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "Report.HTM").write_text("<p>")
    entry = resolve_entry(tmp_path / "Report.HTM", None)
    assert (entry.path, entry.default_name) == ("Report.HTM", "report")


def test_resolved_entries_are_frozen() -> None:
    entry = resolve_entry("https://a.example/", None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.url = "https://b.example/"  # type: ignore[misc]


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
        ("data:text/html,<h1>x</h1>", None, ValueError, "scheme 'data'"),
        ("mailto:someone@example.com", None, ValueError, "accepted are http"),
        ("https:///nohost", None, ValueError, "without a host"),
        ("http://[::1/app/", None, ValueError, "not a valid URL"),
        ("file://fileserver/apps/chart/", None, ValueError, "host 'fileserver'"),
        (["https://a.example/"], None, TypeError, "not list"),
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
    with pytest.raises(FileNotFoundError, match="does not exist"):
        resolve_entry((app_dir / "nope.html").as_uri(), None)
    empty = app_dir / "empty"
    empty.mkdir()
    with pytest.raises(FileNotFoundError, match=r"has no index\.html"):
        resolve_entry(empty, None)
    with pytest.raises(ValueError, match=r"is a \.json file"):
        resolve_entry(app_dir / "data.json", None)


def test_missing_relative_paths_name_the_folder_they_were_looked_for_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError) as raised:
        resolve_entry("apps/chart", None)
    assert str(tmp_path / "apps" / "chart") in str(raised.value)


def test_derived_names_are_unique_per_kernel() -> None:
    base = "unique-name-check"
    assert [unique_name(base) for _ in range(3)] == [base, f"{base}-2", f"{base}-3"]


def test_derived_names_skip_names_already_taken() -> None:
    # A folder named "taken-2" and the second app named "taken" must not collide.
    assert unique_name("taken-2") == "taken-2"
    claim_name("taken")
    assert [unique_name("taken"), unique_name("taken")] == ["taken-3", "taken-4"]


def test_derived_names_are_unique_across_threads() -> None:
    names: list[str] = []
    threads = [
        threading.Thread(target=lambda: names.extend(unique_name("threaded") for _ in range(50)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(names) == len(set(names)) == 400


@pytest.mark.parametrize("name", ["orders", "umd-app", "$app", "_x.y-1", "A" * 64])
def test_valid_explicit_names(name: str) -> None:
    assert check_name(name) == name


@pytest.mark.parametrize(
    "name", ["", "1app", "my app", 'a"]b', "x" * 65, "orders\n", "-app", "app/x", "é"]
)
def test_invalid_explicit_names(name: str) -> None:
    with pytest.raises(ValueError, match="not usable"):
        check_name(name)


def test_names_must_be_strings() -> None:
    with pytest.raises(TypeError, match="name must be a str, not int"):
        check_name(7)


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


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"x": float("inf")}, r"props\['x'\] is inf, which is not JSON"),
        ({"x": [1, (2, b"raw")]}, r"props\['x'\]\[1\]\[1\] is a bytes"),
        ({"x": object()}, r"props\['x'\] is an object, which is not JSON"),
        ({"x": {"y": {None: 1}}}, r"props\['x'\]\['y'\] has the key None of type NoneType"),
        ({"x": 1j}, r"props\['x'\] is a complex"),
    ],
)
def test_json_refusals_name_the_path_and_the_type(value: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        check_json(value, "props")


def test_json_refuses_values_that_contain_themselves() -> None:
    looped: dict[str, object] = {"a": []}
    looped["a"].append(looped)  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match=r"props\['a'\]\[0\] contains itself"):
        check_json(looped, "props")
    shared = [1, 2]
    check_json({"a": shared, "b": [shared, shared]}, "props")  # shared, not cyclic: fine


def test_a_folder_with_a_package_json_is_served_from_its_built_dist(tmp_path: Path) -> None:
    folder = tmp_path / "orders"
    (folder / "dist").mkdir(parents=True)
    (folder / "package.json").write_text("{}")
    (folder / "vite.config.ts").write_text("")
    (folder / "index.html").write_text('<script type="module" src="/src/main.tsx"></script>')
    (folder / "dist" / "index.html").write_text("<h1>built</h1>")
    entry = resolve_entry(str(folder), None)
    assert (entry.kind, entry.root, entry.path) == (
        "local",
        (folder / "dist").resolve(),
        "index.html",
    )
    assert entry.default_name == "orders"


def test_an_unbuilt_vite_folder_says_how_to_build_it(tmp_path: Path) -> None:
    folder = tmp_path / "orders"
    folder.mkdir()
    (folder / "package.json").write_text("{}")
    (folder / "vite.config.ts").write_text("")
    (folder / "index.html").write_text('<script type="module" src="/src/main.tsx"></script>')
    with pytest.raises(
        FileNotFoundError,
        match=r"a Vite app that is not built \(no dist/index\.html\): run `npm install && npm",
    ):
        resolve_entry(str(folder), None)


def test_a_folder_with_a_package_json_and_no_build_tool_keeps_its_index_html(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "package.json").write_text("{}")
    (folder / "index.html").write_text("<h1>hi</h1>")
    assert resolve_entry(str(folder), None).root == folder.resolve()
    (folder / "index.html").unlink()
    with pytest.raises(
        FileNotFoundError, match=r"has a package\.json but neither dist/index\.html nor index\.html"
    ):
        resolve_entry(str(folder), None)
