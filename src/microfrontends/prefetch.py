"""``prefetch(entries)``: fetch apps' files into the kernel ahead of mounting them.

For each entry the kernel reads the HTML entry, its linked and inline stylesheets with their
``@import``-ed sheets and ``url()`` assets (images, fonts), its classic scripts, the images and
media its markup loads (``<img src>``, ``<video poster>``, ``url()`` in ``style`` attributes;
not ``srcset`` candidates, of which the browser loads only one), and its ES module graph:
``<script type="module">`` (with a ``src`` or inline) and ``<link rel="modulepreload">`` and
every module they import statically, bare specifiers resolved through the given import map and
the entry's inline ones (dynamic ``import()`` chunks load when the app's code asks, and are not
prefetched; nor are icons and other ``<link>`` files, which the app's mount does not load).
http(s) files go into the kernel's asset cache (see :func:`asset_cache`), so that mounting the
app later sends no request the cache can answer; local files are read once, which warms the
operating system's file cache. The files are found by the crawl of
:mod:`microfrontends.entry_graph`, which ``embed=True`` shares.
"""

from __future__ import annotations

import html
import logging
import os
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ipywidgets

from .entry import ResolvedEntry, resolve_entry
from .entry_graph.crawl import Need, Reference, crawl
from .transport import Asset, AssetCache, AssetError, KernelReader, LocalRoot, shared_fetcher
from .transport.http import format_size

Entry = str | os.PathLike[str]
_HTML_TYPES = ("", "text/html", "application/xhtml+xml")
# What mounting an app loads; not srcset candidates, icons, nor what only its code may load.
_FOLLOWED: tuple[Need, ...] = ("mount",)
_log = logging.getLogger(__name__)


def asset_cache() -> AssetCache:
    """The kernel's cache of http(s) assets, shared by every ``MicroApp`` and :func:`prefetch`.

    It keeps at most ``max_bytes`` of response bodies (100 MB by default), evicting the least
    recently used first; set ``asset_cache().max_bytes`` to change the bound (``0`` turns
    caching off) and call ``asset_cache().clear()`` to empty it. ``stats`` counts the assets
    served fresh (no request), revalidated (a ``304``) and fetched. Files without explicit
    freshness are, as in browsers, fresh for a tenth of their age since ``Last-Modified``;
    ``MicroApp.reload()`` always revalidates what it fetches through the kernel.
    """
    cache = shared_fetcher().cache
    assert cache is not None  # the shared fetcher is always made with a cache
    return cache


@dataclass
class EntryResult:
    """What prefetching one entry did: files read, their bytes, and what failed."""

    entry: str
    files: int = 0
    bytes: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class PrefetchReport:
    """The outcome of :func:`prefetch`: one :class:`EntryResult` per entry, in the given order.

    ``widget`` is the progress display (a bar and a line of text) when one was asked for.
    """

    def __init__(self, results: list[EntryResult], widget: ipywidgets.Widget | None) -> None:
        self.results = results
        self.widget = widget

    @property
    def ok(self) -> bool:
        """Whether every entry was prefetched with no error."""
        return all(result.ok for result in self.results)

    @property
    def errors(self) -> dict[str, list[str]]:
        """The failures, by entry (entries with none are left out)."""
        return {r.entry: r.errors for r in self.results if r.errors}

    def __repr__(self) -> str:
        lines = [_summary(self.results, len(self.results))]
        for entry, errors in self.errors.items():
            lines.extend(f"  {entry}: {error}" for error in errors)
        return "\n".join(lines)


def prefetch(
    entries: Entry | Iterable[Entry],
    *,
    import_map: dict[str, Any] | None = None,
    progress: bool = True,
    max_workers: int = 4,
) -> PrefetchReport:
    """Fetch the apps at ``entries`` into the kernel ahead of mounting them.

    ``entries`` is one entry or several, each as ``MicroApp`` takes it (an http(s) URL, a
    local folder holding ``index.html`` or a local ``.html`` file). ``import_map`` is the
    import map the apps will be given (``MicroApp(import_map=...)``), which their modules'
    bare specifiers resolve through. Up to ``max_workers`` entries are fetched at a time
    (the files of one entry one after another). With ``progress`` (the default), a progress
    bar shows in the notebook while it runs, then what was fetched and what failed.

    Failures do not raise and do not stop the other entries: an entry that cannot be
    resolved or fetched, and each of its files that cannot, are listed in the returned
    :class:`PrefetchReport` (``report.errors``, and its text) and in the progress display.
    A later ``MicroApp`` of a prefetched http(s) entry is served from the kernel's cache
    (:func:`asset_cache`) for every file whose response allowed caching.

    Raises ``ValueError`` only for a malformed ``import_map`` or ``max_workers``.
    """
    if isinstance(entries, (str, os.PathLike)):
        entries = [entries]
    listed = list(entries)
    imports = _imports_of(import_map)
    if isinstance(max_workers, bool) or not isinstance(max_workers, int) or max_workers < 1:
        raise ValueError(f"max_workers={max_workers!r} must be a positive number of threads")
    results = [EntryResult(_describe(entry)) for entry in listed]
    display = _Progress(len(listed)) if progress else None
    if display is not None:
        display.show()
    with ThreadPoolExecutor(
        max_workers=max_workers, thread_name_prefix="microfrontends-prefetch"
    ) as pool:
        futures = {
            pool.submit(_prefetch_into, entry, result, imports): result
            for entry, result in zip(listed, results, strict=True)
        }
        # Progress is drawn from the calling thread as entries finish.
        for done, _future in enumerate(as_completed(futures), start=1):
            if display is not None:
                display.update(results, done)
    return PrefetchReport(results, display.widget if display is not None else None)


def prefetch_entry(entry: Entry, import_map: dict[str, Any] | None = None) -> EntryResult:
    """Prefetch one entry (see :func:`prefetch`), with no progress display."""
    result = EntryResult(_describe(entry))
    _prefetch_into(entry, result, _imports_of(import_map))
    return result


def _imports_of(import_map: object) -> dict[str, str]:
    """The ``imports`` of an import map, checked: ``{"imports": {specifier: url}}`` or None."""
    if import_map is None:
        return {}
    imports = import_map.get("imports", {}) if isinstance(import_map, dict) else None
    if not isinstance(imports, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in imports.items()
    ):
        raise ValueError(
            f"import_map must be {{'imports': {{specifier: url}}}} with strings, not {import_map!r}"
        )
    return dict(imports)


def prefetch_in_background(
    resolved: ResolvedEntry, import_map: dict[str, Any] | None = None
) -> None:
    """Start prefetching a resolved entry in a daemon thread, for ``MicroApp(prefetch=True)``.

    Failures are not reported here: the app's own load reports them when it mounts.
    """
    result = EntryResult(_describe_resolved(resolved))
    thread = threading.Thread(
        target=_walk_quietly,
        args=(resolved, result, _imports_of(import_map)),
        name="microfrontends-prefetch",
        daemon=True,
    )
    thread.start()


def _describe(entry: object) -> str:
    return os.fspath(entry) if isinstance(entry, (str, os.PathLike)) else repr(entry)


def _describe_resolved(resolved: ResolvedEntry) -> str:
    return resolved.url or str(Path(resolved.root or ".") / resolved.path)


def _walk_quietly(resolved: ResolvedEntry, result: EntryResult, imports: dict[str, str]) -> None:
    try:
        _walk(resolved, result, imports)
    except Exception:
        _log.exception("microfrontends: prefetching %s failed", result.entry)


def _prefetch_into(entry: Entry, result: EntryResult, imports: dict[str, str]) -> None:
    """Resolve and walk one entry, recording every failure in ``result``; never raises."""
    try:
        resolved = resolve_entry(entry, None)
    except (TypeError, ValueError, OSError) as exc:
        result.errors.append(f"{type(exc).__name__}: {exc}")
        return
    try:
        _walk(resolved, result, imports)
    except Exception as exc:  # a bug must not stop the other entries
        result.errors.append(f"internal error: {exc!r}")


def _reader(resolved: ResolvedEntry) -> tuple[str, KernelReader]:
    """The entry's URL, and its reader: local files from their folder, others by http."""
    if resolved.kind != "local" or resolved.root is None:
        return resolved.url, KernelReader(None, shared_fetcher())
    reader = KernelReader(LocalRoot(resolved.root), shared_fetcher())
    return f"{reader.local_base_url}{resolved.path}", reader


def _walk(resolved: ResolvedEntry, result: EntryResult, imports: dict[str, str]) -> None:
    """Read the entry and every file mounting it loads (see the module's docstring)."""
    entry_url, reader = _reader(resolved)

    def on_file(reference: Reference, asset: Asset) -> bool:
        result.files += 1
        result.bytes += len(asset.body)
        media_type = asset.content_type.split(";")[0].strip().lower()
        if reference.kind == "html" and media_type not in _HTML_TYPES:
            result.errors.append(f"{asset.url} is not an HTML entry: it was served as {media_type}")
            return False
        return True

    def on_error(_reference: Reference, error: AssetError) -> None:
        result.errors.append(str(error))

    crawl(entry_url, reader.read, on_file, on_error, import_map=imports, follow=_FOLLOWED)


def _summary(results: list[EntryResult], total: int) -> str:
    done = len(results)
    failed = sum(1 for r in results if not r.ok)
    size = format_size(sum(r.bytes for r in results))
    files = sum(r.files for r in results)
    text = f"Prefetched {done - failed} of {total} apps ({files} files, {size})"
    return text + (f"; {failed} with errors" if failed else "")


class _Progress:
    """A progress bar and a line of text, shown in the notebook while entries are fetched."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar = ipywidgets.IntProgress(
            value=0, min=0, max=max(total, 1), description="Prefetch", bar_style="info"
        )
        self.label = ipywidgets.HTML(f"0 of {total} apps")
        self.widget = ipywidgets.VBox([ipywidgets.HBox([self.bar, self.label])])

    def show(self) -> None:
        """Display the bar when running in a kernel (where outputs render widgets)."""
        try:
            from IPython import get_ipython
            from IPython.display import display
        except ImportError:
            return
        shell: Any = get_ipython()
        if shell is not None and getattr(shell, "kernel", None) is not None:
            display(self.widget)

    def update(self, results: list[EntryResult], done: int) -> None:
        self.bar.value = done
        finished = [r for r in results if r.files or r.errors]
        if done < self.total:
            self.label.value = html.escape(f"{done} of {self.total} apps")
            return
        self.bar.bar_style = "success" if all(r.ok for r in results) else "warning"
        failures = "".join(
            f"<li><code>{html.escape(r.entry)}</code>: {html.escape(error)}</li>"
            for r in finished
            for error in r.errors
        )
        self.label.value = html.escape(_summary(results, self.total)) + (
            f"<ul>{failures}</ul>" if failures else ""
        )
