"""``MicroApp(..., embed=True)``: which files go into the widget state, and the size limit."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from ipywidgets.widgets.widget import _remove_buffers

from microfrontends import GlobalState, MicroApp
from microfrontends.embed import DEFAULT_EMBED_LIMIT, EmbedSizeError
from microfrontends.entry_graph.urls import asset_key
from microfrontends.protocol import RUNTIME_PARTS
from microfrontends.runtime_parts import RUNTIME_URL as RUNTIME
from microfrontends.transport import AssetError

APPS = Path(__file__).resolve().parents[1] / "apps"


def files(app: MicroApp) -> dict[str, dict[str, Any]]:
    return app._embedded["files"]


def relative(app: MicroApp, base: str) -> dict[str, dict[str, Any]]:
    """The embedded files below ``base``, by their path relative to it."""
    return {url[len(base) :]: file for url, file in files(app).items() if url.startswith(base)}


def local_base(app: MicroApp) -> str:
    return app.entry_url.rsplit("/", 1)[0] + "/"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """Serves tests/apps over http (folders without a slash redirect, as on most servers)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(APPS)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_embed_is_off_by_default() -> None:
    assert MicroApp(APPS / "plain")._embedded == {}


def test_local_folder_embeds_html_css_with_its_image_and_scripts() -> None:
    app = MicroApp(APPS / "plain", embed=True)
    embedded = relative(app, local_base(app))
    assert set(embedded) == {"index.html", "css/style.css", "img/dot.svg", "js/main.js"}
    assert embedded["index.html"]["body"] == (APPS / "plain" / "index.html").read_bytes()
    assert embedded["img/dot.svg"]["type"] == "image/svg+xml"
    assert embedded["css/style.css"]["type"] == "text/css"
    assert embedded["js/main.js"]["url"] == local_base(app) + "js/main.js"


def test_runtime_parts_are_embedded_for_a_page_with_no_kernel() -> None:
    # Every embedded app carries the module loader, the CSS tokenizer (any stylesheet with
    # url() or @font-face needs it), the error panel and its log's capture.
    always = {RUNTIME + p for p in ("modules.js", "css.js", "errors.js", "logs.js")}
    # The default sandbox ("iframe") and the proxy one carry the part that patches their realm.
    realm = RUNTIME + "realm.js"
    app = MicroApp(html="<p>hi</p>", embed=True)
    assert set(files(app)) == always | {realm}
    assert files(app)[RUNTIME + "modules.js"]["type"] == "text/javascript"
    # The parts of the app's modes come with it, and only those.
    strict = MicroApp(html="<p>hi</p>", embed=True, sandbox="strict", css="scoped")
    assert set(files(strict)) == always | {RUNTIME + "strict.js", RUNTIME + "scoped.js"}
    proxy = MicroApp(html="<p>hi</p>", embed=True, sandbox="proxy")
    assert set(files(proxy)) == always | {RUNTIME + "proxy.js", realm}
    # css="none" needs no part; sandbox="none" needs the page realm.
    page = MicroApp(html="<p>hi</p>", embed=True, sandbox="none", css="none")
    assert set(files(page)) == always | {RUNTIME + "page.js"}
    routed = MicroApp(html="<p>hi</p>", embed=True, sync_route=True)
    assert set(files(routed)) == always | {RUNTIME + "routes.js", realm}
    assert set(RUNTIME_PARTS) >= {"proxy", "strict", "scoped", "snapshot", "page", "routes"}


def test_bodies_travel_as_binary_buffers_and_defaults_are_kept() -> None:
    app = MicroApp(APPS / "plain", embed=True)
    state, paths, buffers = _remove_buffers(app.get_state(drop_defaults=True))
    # The app's four files, the module loader, the CSS tokenizer, the error panel, the log's
    # capture and the realm's patches.
    assert len(buffers) == len(files(app)) == 9
    assert ["_embedded", "files", app.entry_url, "body"] in paths
    # An exported page has no Python to fill in defaults: they stay in the state.
    assert state["sandbox"] == "iframe" and state["_view_name"] == "AnyView"
    assert GlobalState().get_state(drop_defaults=True)["_view_name"] == "AnyView"


def test_es_modules_chunks_and_their_css_are_embedded() -> None:
    app = MicroApp(
        APPS / "vite-app" / "dist",
        embed=True,
        import_map={"imports": {"shared-lib": "./shared-lib.js"}},
    )
    embedded = relative(app, local_base(app))
    names = {path.split("-")[0] if path.startswith("assets/") else path for path in embedded}
    # The entry module, its CSS, the lazy chunk (import("./details-*.js")) and the CSS Vite
    # lists for it, and the bare specifier through the import map.
    assert {"index.html", "assets/index", "assets/details", "shared-lib.js"} <= names
    assert sum(path.endswith(".css") for path in embedded) == 2
    assert sum(path.startswith("assets/details") for path in embedded) == 2


def test_css_imports_fonts_srcset_inline_styles_and_base_href(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        '<head><base href="sub/"><link rel="stylesheet" href="main.css">'
        "<style>.a { background: url('inline.png') }</style></head>"
        '<body><div style="background-image: url(attr.png)"></div>'
        '<img srcset="small.png 1x, big.png 2x" src="data:image/png;base64,AAAA">'
        '<script type="module">import "./mod.js";</script></body>'
    )
    for name, text in {
        "main.css": '@import "more.css"; @font-face { src: url("font.woff2") format("woff2") }',
        "more.css": ".b { background: url(img/more.svg#frag) } .c { background: url(#local) }",
        "mod.js": 'import{x as y}from"./dep.js";export const z=()=>import("./lazy.js");',
    }.items():
        (tmp_path / "sub" / name).write_text(text)
    for name in (
        "inline.png",
        "attr.png",
        "small.png",
        "big.png",
        "font.woff2",
        "img/more.svg",
        "dep.js",
        "lazy.js",
    ):
        (tmp_path / "sub" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "sub" / name).write_bytes(b"x")
    app = MicroApp(tmp_path, embed=True)
    assert set(relative(app, local_base(app))) == {
        "index.html",
        "sub/main.css",
        "sub/more.css",
        "sub/font.woff2",
        "sub/img/more.svg",
        "sub/inline.png",
        "sub/attr.png",
        "sub/small.png",
        "sub/big.png",
        "sub/mod.js",
        "sub/dep.js",
        "sub/lazy.js",
    }


def test_a_missing_referenced_file_is_named_in_a_warning(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<link rel="stylesheet" href="gone.css"><p>x</p>')
    with pytest.warns(UserWarning, match=r"lacks 1 referenced file.*gone\.css.*404"):
        app = MicroApp(tmp_path, embed=True, name="gappy")
    assert set(relative(app, local_base(app))) == {"index.html"}


def test_nothing_outside_the_app_folder_is_embedded(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("TOP SECRET")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "index.html").write_text('<img src="../secret.txt">')
    with pytest.warns(UserWarning, match="secret.txt"):
        app = MicroApp(tmp_path / "app", embed=True)
    assert all(b"TOP SECRET" not in file["body"] for file in files(app).values())


def test_http_entry_embeds_by_url_and_follows_the_redirect(server: str) -> None:
    app = MicroApp(server + "plain", embed=True)  # redirects to plain/
    embedded = files(app)
    assert embedded[server + "plain"]["url"] == server + "plain/"
    assert embedded[server + "plain"]["body"] == (APPS / "plain" / "index.html").read_bytes()
    for path in ("css/style.css", "img/dot.svg", "js/main.js"):
        assert embedded[server + "plain/" + path]["body"] == (APPS / "plain" / path).read_bytes()


def test_an_entry_that_cannot_be_fetched_raises(server: str) -> None:
    with pytest.raises(AssetError, match="404"):
        MicroApp(server + "no-such-app/", embed=True)


def test_size_limit_error_names_the_app_size_limit_and_how_to_raise_it() -> None:
    with pytest.raises(EmbedSizeError) as info:
        MicroApp(APPS / "plain", name="tiny", embed=True, embed_limit=500)
    message = str(info.value)
    assert "'tiny'" in message
    assert "at least 693 bytes" in message
    assert "more than the embed limit of 500 bytes" in message
    assert "embed_limit=" in message
    assert isinstance(info.value, ValueError)


def test_default_limit_and_a_raised_one() -> None:
    assert DEFAULT_EMBED_LIMIT == 10 * 2**20
    app = MicroApp(APPS / "plain", embed=True, embed_limit=100_000)
    assert len(files(app)) == 9


@pytest.mark.parametrize(
    ("limit", "error"), [("1MB", TypeError), (True, TypeError), (0, ValueError), (-5, ValueError)]
)
def test_bad_limits_are_refused(limit: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="embed_limit"):
        MicroApp(APPS / "plain", embed=True, embed_limit=limit)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://x.test/a b/c.css#frag", "https://x.test/a%20b/c.css"),
        ("https://x.test/é.svg", "https://x.test/%C3%A9.svg"),
        ("https://x.test/a%20b.js", "https://x.test/a%20b.js"),
        ("HTTPS://X.Test:443/A.js?v=1", "https://x.test/A.js?v=1"),
        ("http://x.test:8080", "http://x.test:8080/"),
    ],
)
def test_keys_are_written_as_the_browser_writes_urls(url: str, key: str) -> None:
    assert asset_key(url) == key


def test_inline_html_embeds_the_absolute_urls_it_references(server: str) -> None:
    app = MicroApp(
        html=f'<link rel="stylesheet" href="{server}plain/css/style.css"><p>x</p>', embed=True
    )
    embedded = files(app)
    assert embedded[server + "plain/css/style.css"]["type"] == "text/css"
    # Relative to the stylesheet: its url(../img/dot.svg).
    dot = (APPS / "plain" / "img" / "dot.svg").read_bytes()
    assert embedded[server + "plain/img/dot.svg"]["body"] == dot


def test_scripts_srcset_and_import_map_are_read_as_the_browser_reads_them(tmp_path: Path) -> None:
    (tmp_path / "v2").mkdir()
    (tmp_path / "index.html").write_text(
        '<base href="v2/"><link rel="icon" href="icon.svg">'
        '<img srcset="data:image/png;base64,AA,AA 1x, hi.png 2x">'
        '<script nomodule src="legacy.js"></script>'
        '<script type="module" src="main.js"></script>'
    )
    (tmp_path / "v2" / "main.js").write_text(
        'import "lib"; import "./gone.js";\n'
        '// "./commented.css" import("./commented.js")\n'
        'const later = () => import(`./lazy.js`), never = () => import("./never.js");\n'
        'const css = ["./chunk.css", `./${later}.css`];\n'
    )
    for name in (
        "icon.svg",
        "hi.png",
        "legacy.js",
        "lib.js",
        "lazy.js",
        "chunk.css",
        "commented.css",
        "commented.js",
    ):
        (tmp_path / "v2" / name).write_text("/* x */")
    # The import map resolves against the entry's base URL, as the runtime resolves it.
    with pytest.warns(UserWarning, match=r"lacks 1 referenced file.*v2/gone\.js \(404") as caught:
        app = MicroApp(tmp_path, embed=True, import_map={"imports": {"lib": "./lib.js"}})
    assert len(caught) == 1  # the dynamic import of a missing file is not reported
    assert set(relative(app, local_base(app))) == {
        "index.html",
        "v2/icon.svg",
        "v2/hi.png",
        "v2/main.js",
        "v2/lib.js",
        "v2/lazy.js",
        "v2/chunk.css",
    }
