"""``prefetch()``: what it fetches, what it reports, and that mounting afterwards sends no
request; against a real local server that counts requests."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import ipywidgets
import pytest
from counting_server import CountingServer, Route

import microfrontends
from microfrontends import MicroApp, PrefetchReport, asset_cache, prefetch
from microfrontends.entry_graph.markup import entry_references
from microfrontends.entry_graph.scripts import module_imports
from microfrontends.entry_graph.stylesheets import css_references
from microfrontends.entry_graph.urls import resolve_specifier
from microfrontends.prefetch import prefetch_entry
from microfrontends.transport import KernelTransport, shared_fetcher

CACHEABLE = {"Cache-Control": "max-age=600", "ETag": '"1"'}

INDEX = b"""<!doctype html><html><head>
<link rel="stylesheet" href="styles/app.css">
<link rel="modulepreload" href="/assets/chunk.js">
<style>body { background: url("img/bg.png") }</style>
<script src="vendor.js"></script>
<script type="module" src="/assets/main.js"></script>
<script type="application/json">{"not": "fetched"}</script>
</head><body><div id="app"></div></body></html>"""

APP_FILES = {
    "/app/": (INDEX, "text/html"),
    "/app/styles/app.css": (
        b'@import "theme.css"; .a { background: url(../img/a.png) }',
        "text/css",
    ),
    "/app/styles/theme.css": (b"@font-face { src: url('font.woff2') format('woff2') }", "text/css"),
    "/app/styles/font.woff2": (b"wOF2", "font/woff2"),
    "/app/img/a.png": (b"PNG-a", "image/png"),
    "/app/img/bg.png": (b"PNG-bg", "image/png"),
    "/app/vendor.js": (b"var vendor = 1;", "text/javascript"),
    "/assets/main.js": (b"import './chunk.js';", "text/javascript"),
    "/assets/chunk.js": (b"export {};", "text/javascript"),
}


@pytest.fixture
def server() -> Iterator[CountingServer]:
    server = CountingServer()
    for path, (body, kind) in APP_FILES.items():
        server.routes[path] = Route(body, kind, dict(CACHEABLE))
    yield server
    server.stop()


def test_entry_references_in_document_order() -> None:
    refs = entry_references(INDEX.decode(), "http://h/app/")
    assert refs.stylesheets == ["http://h/app/styles/app.css"]
    assert refs.scripts == ["http://h/app/vendor.js"]
    assert refs.modules == ["http://h/assets/chunk.js", "http://h/assets/main.js"]
    assert refs.inline_css == ['body { background: url("img/bg.png") }']


def test_entry_references_respect_base_href_and_skip_data_urls() -> None:
    html = (
        '<base href="/v2/"><script src="a.js"></script><script src="data:,1"></script>'
        '<script nomodule src="old.js"></script><link rel="icon" href="i.png">'
    )
    refs = entry_references(html, "http://h/app/index.html")
    assert refs.base_url == "http://h/v2/" and refs.scripts == ["http://h/v2/a.js"]
    assert refs.stylesheets == [] and refs.modules == []


def test_css_references_read_css_as_a_browser_does() -> None:
    css = """@import url("b.css") screen; /* url(comment.png) */
    .a { background: url( x.png ); content: "url(string.png)" }
    @media (min-width: 1px) { .b { background: URL('y.png#frag') } }
    .c { background: url(data:image/png;base64,AAAA) }"""
    imports, assets = css_references(css, "http://h/s/a.css")
    assert imports == ["http://h/s/b.css"]
    assert assets == ["http://h/s/x.png", "http://h/s/y.png"]


def test_prefetch_fetches_every_asset_once(server: CountingServer) -> None:
    report = prefetch(f"{server.url}/app/", progress=False)
    assert report.ok, report
    assert server.requests == {path: 1 for path in APP_FILES}
    (result,) = report.results
    assert result.files == len(APP_FILES)
    assert result.bytes == sum(len(body) for body, _ in APP_FILES.values())


def test_mounting_after_prefetch_sends_no_request(server: CountingServer) -> None:
    prefetch([f"{server.url}/app/"], progress=False)
    before = server.total()
    transport = KernelTransport(None, shared_fetcher())
    replies: list[dict[str, object]] = []
    for path in APP_FILES:
        transport.handle(
            {"kind": "mf:fetch", "id": path, "url": server.url + path},
            lambda content, _buffers: replies.append(content),
        )
    deadline = time.monotonic() + 10
    while len(replies) < len(APP_FILES) and time.monotonic() < deadline:
        time.sleep(0.01)
    transport.close()
    assert [reply["ok"] for reply in replies] == [True] * len(APP_FILES)
    assert server.total() == before


def test_errors_are_reported_per_entry_and_do_not_stop_the_others(
    server: CountingServer, tmp_path: Path
) -> None:
    broken = dict(APP_FILES)
    del server.routes["/app/img/a.png"]
    server.routes["/data.json"] = Route(b"{}", "application/json")
    entries = [
        f"{server.url}/app/",
        f"{server.url}/missing/",
        tmp_path / "nowhere",
        f"{server.url}/data.json",
        42,
    ]
    report = prefetch(entries, progress=False)  # type: ignore[arg-type]
    assert not report.ok
    errors = report.errors
    assert list(errors) == [
        f"{server.url}/app/",
        f"{server.url}/missing/",
        str(tmp_path / "nowhere"),
        f"{server.url}/data.json",
        "42",
    ]
    assert errors[f"{server.url}/app/"] == [
        f"GET {server.url}/app/img/a.png failed: HTTP 404 Not Found"
    ]
    assert "HTTP 404" in errors[f"{server.url}/missing/"][0]
    assert "FileNotFoundError" in errors[str(tmp_path / "nowhere")][0]
    assert "served as application/json" in errors[f"{server.url}/data.json"][0]
    assert "TypeError" in errors["42"][0]
    # The broken app's other files were still fetched.
    assert report.results[0].files == len(broken) - 1
    assert "1 of 5 apps" not in repr(report) and "0 of 5 apps" in repr(report)
    assert "a.png failed: HTTP 404" in repr(report)


def test_progress_bar_counts_entries_and_names_failures(server: CountingServer) -> None:
    entries = [f"{server.url}/app/", f"{server.url}/missing/"]
    report = prefetch(entries, progress=True)
    assert isinstance(report.widget, ipywidgets.VBox)
    bar = next(
        w for w in report.widget.children[0].children if isinstance(w, ipywidgets.IntProgress)
    )
    label = next(w for w in report.widget.children[0].children if isinstance(w, ipywidgets.HTML))
    assert (bar.value, bar.max) == (2, 2)
    assert bar.bar_style == "warning"
    assert "Prefetched 1 of 2 apps" in label.value
    assert f"{server.url}/missing/" in label.value and "HTTP 404" in label.value


def test_progress_bar_success(server: CountingServer) -> None:
    report = prefetch([f"{server.url}/app/"] * 3, progress=True)
    assert report.ok and report.widget is not None
    bar = report.widget.children[0].children[0]
    assert (bar.value, bar.max, bar.bar_style) == (3, 3, "success")


def test_no_progress_widget_when_not_asked(server: CountingServer) -> None:
    assert prefetch(f"{server.url}/app/", progress=False).widget is None


def test_bad_max_workers_is_refused() -> None:
    with pytest.raises(ValueError, match="max_workers"):
        prefetch([], max_workers=0)


def _local_app(root: Path) -> Path:
    (root / "css").mkdir(parents=True)
    (root / "index.html").write_text(
        '<link rel="stylesheet" href="css/app.css"><script src="app.js"></script>'
        '<script src="gone.js"></script>'
    )
    (root / "css" / "app.css").write_text(".a { background: url(../logo.svg) }")
    (root / "logo.svg").write_text("<svg/>")
    (root / "app.js").write_text("1")
    return root


def test_local_entries_are_read_and_missing_files_reported(tmp_path: Path) -> None:
    result = prefetch_entry(_local_app(tmp_path / "app"))
    assert result.files == 4
    assert len(result.errors) == 1 and "no file gone.js" in result.errors[0]


def test_asset_cache_is_the_shared_fetchers() -> None:
    assert asset_cache() is shared_fetcher().cache
    assert microfrontends.asset_cache is asset_cache
    assert isinstance(prefetch([], progress=False), PrefetchReport)


def test_microapp_prefetch_trait(server: CountingServer) -> None:
    app = MicroApp(f"{server.url}/app/", prefetch=True)
    assert app.prefetch is True
    assert MicroApp(f"{server.url}/app/").prefetch is False


def test_microapp_prefetch_warms_the_kernel_for_kernel_transport(server: CountingServer) -> None:
    MicroApp(f"{server.url}/app/", transport="kernel", prefetch=True)
    deadline = time.monotonic() + 10
    while server.total() < len(APP_FILES) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.requests == {path: 1 for path in APP_FILES}


def test_module_imports_are_the_static_ones() -> None:
    source = (
        '// import "comment.js"\nimport a from "./a.js"; export { b } from "../b.js";\n'
        'import "side.js"; const s = "import x from \'./str.js\'"; import("./lazy.js");'
    )
    assert module_imports(source) == ["./a.js", "../b.js", "side.js"]


def test_specifiers_resolve_through_the_import_map() -> None:
    imports = {"lib": "./vendor/lib.js", "pkg/": "https://cdn.test/pkg/"}
    base = "http://h/app/"
    assert (
        resolve_specifier("./x.js", "http://h/app/m/i.js", imports, base) == "http://h/app/m/x.js"
    )
    assert (
        resolve_specifier("lib", "http://h/app/m/i.js", imports, base)
        == "http://h/app/vendor/lib.js"
    )
    assert (
        resolve_specifier("pkg/a.js", "http://h/x.js", imports, base) == "https://cdn.test/pkg/a.js"
    )
    assert resolve_specifier("unmapped", "http://h/x.js", imports, base) is None


def test_prefetch_walks_the_module_graph(server: CountingServer) -> None:
    server.routes["/g/"] = Route(
        b'<script type="module" src="main.js"></script>', "text/html", dict(CACHEABLE)
    )
    modules = {
        "/g/main.js": b'import { a } from "./a.js"; import "shared";',
        "/g/a.js": b'export * from "./deep/b.js"; export const a = () => import("./lazy.js");',
        "/g/deep/b.js": b'import "../a.js"; export const b = 1;',
        "/g/vendor/shared.js": b"export {};",
    }
    for path, body in modules.items():
        server.routes[path] = Route(body, "text/javascript", dict(CACHEABLE))
    report = prefetch(
        f"{server.url}/g/", import_map={"imports": {"shared": "./vendor/shared.js"}}, progress=False
    )
    assert report.ok, report
    assert server.requests == {"/g/": 1, **{path: 1 for path in modules}}


def test_bad_import_map_is_refused() -> None:
    with pytest.raises(ValueError, match="import_map"):
        prefetch([], import_map={"imports": {"a": 1}})


def test_prefetch_takes_inline_modules_and_the_markups_images(server: CountingServer) -> None:
    server.routes["/m/"] = Route(
        b'<link rel="icon" href="icon.png"><div style="background: url(bg.png)"></div>'
        b'<img src="photo.png" srcset="photo-1x.png 1x, photo-2x.png 2x">'
        b'<script type="module">import { a } from "./a.js"; import("./lazy.js");</script>',
        "text/html",
        dict(CACHEABLE),
    )
    files = {
        "/m/a.js": (b'import "./b.js";', "text/javascript"),
        "/m/b.js": (b"export {};", "text/javascript"),
        "/m/bg.png": (b"PNG", "image/png"),
        "/m/photo.png": (b"PNG", "image/png"),
    }
    for path, (body, kind) in files.items():
        server.routes[path] = Route(body, kind, dict(CACHEABLE))
    report = prefetch(f"{server.url}/m/", progress=False)
    assert report.ok, report
    # Not the dynamic import, the icon, or srcset candidates (the browser picks one).
    assert server.requests == {"/m/": 1, **{path: 1 for path in files}}
