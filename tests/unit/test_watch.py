"""watch=True: the folder watcher (watchfiles in a thread) and MicroApp's ``watch`` trait."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from microfrontends import MicroApp
from microfrontends.watch import FolderWatcher

WAIT = 3.0  # seconds a change may take to be reported on a loaded machine


class Calls:
    """Records each call from the watcher's thread."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.event = threading.Event()

    def __call__(self, paths: list[str]) -> None:
        self.calls.append(paths)
        self.event.set()

    def wait(self) -> list[str]:
        assert self.event.wait(WAIT), "no change was reported"
        self.event.clear()
        return self.calls[-1]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("<p>one</p>")
    return tmp_path


def test_a_burst_of_saves_is_one_change(folder: Path) -> None:
    calls = Calls()
    watcher = FolderWatcher(folder, calls)
    try:
        for text in ("<p>two</p>", "<p>three</p>"):
            (folder / "index.html").write_text(text)
        (folder / "app.js").write_text("1")
        paths = calls.wait()
        assert {Path(p).name for p in paths} == {"index.html", "app.js"}
        time.sleep(0.5)
        assert len(calls.calls) == 1
    finally:
        watcher.close()


def test_node_modules_and_git_are_ignored(folder: Path) -> None:
    calls = Calls()
    watcher = FolderWatcher(folder, calls)
    try:
        for ignored in ("node_modules", ".git"):
            (folder / ignored).mkdir()
            (folder / ignored / "x.js").write_text("1")
        (folder / "index.html").write_text("<p>two</p>")
        assert [Path(p).name for p in calls.wait()] == ["index.html"]
    finally:
        watcher.close()


def test_a_failing_callback_does_not_end_the_watch(folder: Path) -> None:
    calls = Calls()

    def fail_first(paths: list[str]) -> None:
        calls(paths)
        if len(calls.calls) == 1:
            raise RuntimeError("the reload failed")

    watcher = FolderWatcher(folder, fail_first)
    try:
        (folder / "index.html").write_text("<p>two</p>")
        calls.wait()
        (folder / "index.html").write_text("<p>three</p>")
        calls.wait()
    finally:
        watcher.close()


def test_closed_watchers_report_nothing_and_end_their_thread(folder: Path) -> None:
    calls = Calls()
    watcher = FolderWatcher(folder, calls)
    watcher.close()
    assert not watcher._thread.is_alive()
    (folder / "index.html").write_text("<p>two</p>")
    assert not calls.event.wait(1.0)


def test_microapp_watch_reloads_until_switched_off_or_closed(folder: Path) -> None:
    app = MicroApp(folder, watch=True)
    calls = Calls()
    app.reload = lambda: calls([])  # type: ignore[method-assign]
    (folder / "index.html").write_text("<p>two</p>")
    calls.wait()
    app.watch = False
    (folder / "index.html").write_text("<p>three</p>")
    assert not calls.event.wait(1.0)
    app.watch = True
    (folder / "index.html").write_text("<p>four</p>")
    calls.wait()
    watcher = app._watcher
    app.close()
    assert watcher is not None and not watcher._thread.is_alive()


@pytest.mark.parametrize("entry", [{"html": "<p>inline</p>"}, {"entry": "https://example.com/"}])
def test_watch_needs_a_local_folder(entry: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="watch=True reloads an app from a local folder"):
        MicroApp(**entry, watch=True)  # type: ignore[arg-type]
    app = MicroApp(**entry)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="local folder"):
        app.watch = True


def test_watch_takes_true_or_false_only(folder: Path) -> None:
    with pytest.raises(TypeError, match="watch must be True or False"):
        MicroApp(folder, watch="yes")  # type: ignore[arg-type]


def test_a_save_of_stylesheets_only_restyles_and_any_other_save_reloads(folder: Path) -> None:
    (folder / "css dir").mkdir()
    (folder / "style.css").write_text("p { color: red; }")
    (folder / "css dir" / "more.css").write_bytes(b"p { content: '\xff'; }")  # not UTF-8
    app = MicroApp(folder)
    restyled: list[list[dict[str, str]]] = []
    reloads: list[None] = []
    app._restyle = restyled.append  # type: ignore[method-assign]
    app.reload = lambda: reloads.append(None)  # type: ignore[method-assign]
    base = app.watched_base_url
    assert app.entry_url == f"{base}index.html"

    app._changed([str(folder / "style.css"), str(folder / "css dir" / "more.css")])
    # The new text goes with the change where it can; the views fetch the rest.
    assert restyled == [
        [
            {"url": f"{base}style.css", "text": "p { color: red; }"},
            {"url": f"{base}css%20dir/more.css"},
        ]
    ]
    assert reloads == []
    # A stylesheet and any other file; a stylesheet removed: the app must load again.
    app._changed([str(folder / "style.css"), str(folder / "index.html")])
    (folder / "style.css").unlink()
    app._changed([str(folder / "style.css")])
    assert reloads == [None, None]
    assert len(restyled) == 1
    app.close()


def test_a_restyle_leaves_big_stylesheets_for_the_views_to_fetch(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("microfrontends.watch.MAX_SENT_CSS_BYTES", 10)
    for name in ("a.css", "b.css"):
        (folder / name).write_text("p { color: blue; }")
    app = MicroApp(folder)
    restyled: list[list[dict[str, str]]] = []
    app._restyle = restyled.append  # type: ignore[method-assign]
    app._changed([str(folder / "a.css"), str(folder / "b.css")])
    assert [sorted(sheet) for sheet in restyled[0]] == [["text", "url"], ["url"]]
    app.close()
