"""The one crawl of an app's entry graph: from the HTML entry to every file it loads, in turn.

``prefetch`` reads what mounting the app loads into the kernel's caches; ``embed=True`` reads
every file the app may load into the widget state. Both walk the same graph here and differ in
which :data:`Need` they follow and in what they do with each file.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal, get_args
from urllib.parse import urljoin

from ..transport import Asset, AssetError
from .markup import entry_references
from .scripts import module_imports, script_references
from .stylesheets import css_references
from .urls import asset_key, resolve_specifier

Kind = Literal["html", "css", "module", "script", "asset"]
"""How a file is read: the entry, a stylesheet, an ES module, a classic script, or not at all."""
Need = Literal["mount", "page", "guess"]
"""How sure it is that the app loads a file. ``mount``: mounting the app loads it (the entry, its
stylesheets with their imports and ``url()``\\ s, scripts, the static imports of its modules, the
images and media of its markup). ``page``: the markup names it and the browser may load it
(``srcset`` candidates, icons, manifests, preloads). ``guess``: only the app's code may
(``import("x")``, relative paths written as strings, how bundlers list a lazy chunk's CSS)."""
NEEDS: tuple[Need, ...] = get_args(Need)


@dataclass(frozen=True)
class Reference:
    """A file the app names: its absolute URL, how to read it, and how sure it is to load."""

    url: str
    kind: Kind
    need: Need


def crawl(
    entry_url: str,
    read: Callable[[str], Asset],
    on_file: Callable[[Reference, Asset], bool],
    on_error: Callable[[Reference, AssetError], None],
    *,
    html: str = "",
    import_map: dict[str, str] | None = None,
    follow: Collection[Need] = NEEDS,
    workers: int = 1,
) -> None:
    """Read the entry at ``entry_url`` (or the inline ``html`` served from there) and, in turn,
    every file it names whose need is in ``follow``.

    Each http(s) file is read once (by :func:`.urls.asset_key`, its final URL after a redirect
    included); other schemes are left to the browser. Each round of the crawl reads the files
    found in the previous one with up to ``workers`` threads, so an http(s) app arrives in as
    many round trips as its references are deep. ``on_file(reference, asset)`` hears each file
    read and answers whether to read what it names; ``on_error(reference, error)`` hears each
    failure. Bare module specifiers resolve through ``import_map``'s entries and those of the
    entry's inline import maps.
    """
    names = _Names(dict(import_map or {}), entry_url, frozenset(follow))
    pending = list(names.of(html, entry_url, "html")) if html else []
    if not html:
        pending.append(Reference(entry_url, "html", "mount"))
    tried: set[str] = set()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="microfrontends-crawl") as pool:
        while pending:
            batch: list[tuple[Reference, str]] = []
            for reference in pending:
                key = asset_key(reference.url)
                if key not in tried and key.startswith(("http://", "https://")):
                    tried.add(key)
                    batch.append((reference, key))
            pending = []
            for (reference, _key), result in zip(
                batch, pool.map(lambda item: _attempt(read, item[1]), batch), strict=True
            ):
                if isinstance(result, AssetError):
                    on_error(reference, result)
                elif on_file(reference, result) and reference.kind != "asset":
                    tried.add(asset_key(result.url))
                    text = result.body.decode("utf-8", "replace")
                    pending.extend(names.of(text, result.url, reference.kind))


def _attempt(read: Callable[[str], Asset], url: str) -> Asset | AssetError:
    try:
        return read(url)
    except AssetError as err:
        return err


@dataclass
class _Names:
    """Finds the files a file names, bare module specifiers resolved through the app's import
    map: the given one and any the entry holds inline."""

    imports: dict[str, str]
    map_base: str
    follow: frozenset[Need]

    def of(self, text: str, url: str, kind: Kind) -> Iterator[Reference]:
        """Each file ``text``, served from ``url``, names with a need the crawl follows."""
        return (found for found in self._all(text, url, kind) if found.need in self.follow)

    def _all(self, text: str, url: str, kind: Kind) -> Iterator[Reference]:
        if kind == "html":
            refs = entry_references(text, url)
            # The runtime resolves the given import map against the entry's base URL.
            self.map_base = refs.base_url
            self.imports.update(refs.import_map)
            linked: tuple[tuple[list[str], Kind, Need], ...] = (
                (refs.stylesheets, "css", "mount"),
                (refs.scripts, "script", "mount"),
                (refs.modules, "module", "mount"),
                (refs.media, "asset", "mount"),
                (refs.srcset + refs.links, "asset", "page"),
            )
            for urls, linked_kind, need in linked:
                yield from (Reference(ref, linked_kind, need) for ref in urls)
            written_inline: tuple[tuple[list[str], Kind], ...] = (
                (refs.inline_css, "css"),
                (refs.inline_scripts, "script"),
                (refs.inline_modules, "module"),
            )
            for texts, inline_kind in written_inline:
                for inline in texts:
                    yield from self.of(inline, refs.base_url, inline_kind)
        elif kind == "css":
            sheets, assets = css_references(text, url)
            yield from (Reference(sheet, "css", "mount") for sheet in sheets)
            yield from (Reference(asset, "asset", "mount") for asset in assets)
        elif "guess" not in self.follow:
            # Only a module's static imports are certain: skip parsing for the rest.
            if kind == "module":
                yield from self._modules(module_imports(text), url, "mount")
        else:
            found = script_references(text)
            if kind == "module":
                # A static import is certain; a dynamic one may sit in code that never runs.
                yield from self._modules(found.imports, url, "mount")
                yield from self._modules(found.dynamic_imports, url, "guess")
            for path in found.asset_paths:
                yield Reference(urljoin(url, path), _kind_of_path(path), "guess")

    def _modules(self, specifiers: list[str], importer: str, need: Need) -> Iterator[Reference]:
        for specifier in specifiers:
            module = resolve_specifier(specifier, importer, self.imports, self.map_base)
            if module is not None:
                yield Reference(module, "module", need)


def _kind_of_path(path: str) -> Kind:
    lowered = path.lower()
    if lowered.endswith(".css"):
        return "css"
    if lowered.endswith((".js", ".mjs")):
        return "module"
    return "asset"
