"""``microfrontends.entry_graph``: what an app's HTML, CSS and JavaScript refer to, as the
browser reads them (the cases prefetch's and embed's own tests do not already cover)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from microfrontends.entry_graph import scripts
from microfrontends.entry_graph.markup import entry_references, srcset_urls
from microfrontends.entry_graph.scripts import module_imports, script_references
from microfrontends.entry_graph.stylesheets import css_references
from microfrontends.entry_graph.urls import resolve_specifier

PAGE = """<!doctype html><html><head>
<link rel="icon" href="favicon.ico"><link rel="manifest" href="app.webmanifest">
<link rel="preload" as="style" href="late.css"><link rel="preload" as="font" href="f.woff2">
<link rel="alternate" href="feed.xml"><link rel="stylesheet" href="data:text/css,a{}">
<script type="importmap">{"imports": {"lib": "./vendor/lib.js", "bad": 1}}</script>
<script>var x = "./classic.png";</script>
<script type="module">import "lib";</script>
<script nomodule src="legacy.js"></script><script type="text/template">{{ x }}</script>
</head><body style="background: url(body.png)">
<img src="a.png" srcset="a-1x.png 1x, a-2x.png 2x"><img src="a.png">
<video src="v.mp4" poster="poster.jpg"></video><object data="doc.svg"></object>
<svg><use href="sprite.svg#icon"></use><use href="#local"></use></svg>
<picture><source srcset="wide.webp 800w"></picture><a href="page.html">link</a>
<div style="background-image: url('div.png'), url(&quot;quoted.png&quot;)"></div>
<base href="v2/">
</body></html>"""


def test_entry_references_find_media_links_and_inline_content() -> None:
    refs = entry_references(PAGE, "http://h/app/")
    # The first <base href> counts even when it comes after the elements it applies to.
    assert refs.base_url == "http://h/app/v2/"
    at = "http://h/app/v2/"
    assert refs.stylesheets == [at + "late.css"]
    assert refs.scripts == [] and refs.modules == []
    assert refs.media == [
        at + "body.png",
        at + "a.png",
        at + "v.mp4",
        at + "poster.jpg",
        at + "doc.svg",
        at + "sprite.svg",
        at + "div.png",
        at + "quoted.png",
    ]
    assert refs.srcset == [at + "a-1x.png", at + "a-2x.png", at + "wide.webp"]
    assert refs.links == [at + "favicon.ico", at + "app.webmanifest", at + "f.woff2"]
    assert refs.inline_scripts == ['var x = "./classic.png";']
    assert refs.inline_modules == ['import "lib";']
    assert refs.import_map == {"lib": at + "vendor/lib.js"}


def test_a_malformed_inline_import_map_is_ignored() -> None:
    html = (
        '<script type="importmap">{not json</script>'
        '<script type="importmap">["a list"]</script>'
        '<script type="importmap">{"imports": {"a": "./a.js"}}</script>'
    )
    assert entry_references(html, "http://h/").import_map == {"a": "http://h/a.js"}


@pytest.mark.parametrize(
    ("srcset", "urls"),
    [
        ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
        ("a.png, b.png", ["a.png", "b.png"]),
        ("a.png,b.png", ["a.png,b.png"]),  # a comma inside a URL belongs to it
        ("  a.png  ,  , b.png 100w  ", ["a.png", "b.png"]),
        ("data:image/png;base64,AA,A= 1x, b.png 2x", ["data:image/png;base64,AA,A=", "b.png"]),
        ("a.png (odd, descriptor) 1x, b.png", ["a.png", "b.png"]),
        ("", []),
    ],
)
def test_srcset_is_split_as_the_html_standard_says(srcset: str, urls: list[str]) -> None:
    assert srcset_urls(srcset) == urls


def test_css_references_in_nested_rules_and_every_import_form() -> None:
    css = """@import url(plain.css); @import "quoted.css" layer(base);
    @import url('data:text/css,a{}');
    .card { & .icon { background: url(icon.svg) } }
    @supports (display: grid) { @media print { .p { background: url("p.png") } } }
    .dup { background: url(icon.svg) } .frag { filter: url(#blur) }"""
    imports, assets = css_references(css, "http://h/css/a.css")
    assert imports == ["http://h/css/plain.css", "http://h/css/quoted.css"]
    assert assets == ["http://h/css/icon.svg", "http://h/css/p.png"]


VITE_CHUNK = """const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["./details-1.js",
"./details-2.css"])))=>i.map(i=>d[i]);
import{shout as e}from"shared-lib";export*from"./re-export.js";
// import "./commented.js"; import("./commented-lazy.js"); "./commented.css"
/* export { x } from "./block-commented.js" */
const tpl = `./not-${e}-a-path.css`, words = "see ./docs/readme.md", esc = "./a\\u0041.png";
const s = "import x from './in-a-string.js'";
var u={details:()=>l(()=>import(`./details-1.js`),__vite__mapDeps([0,1]),import.meta.url),
late:()=>import("../late.js"), computed:(n)=>import(`./pages/${n}.js`),
again:()=>import('../late.js')};
new URL("./logo.PNG", import.meta.url);"""


def test_script_references_read_javascript_as_a_browser_does() -> None:
    found = script_references(VITE_CHUNK)
    assert found.imports == ["shared-lib", "./re-export.js"]
    assert found.dynamic_imports == ["./details-1.js", "../late.js"]
    # Strings that are relative paths to app files, once each; import specifiers are not
    # repeated here, and nothing in comments counts.
    assert found.asset_paths == [
        "./details-1.js",
        "./details-2.css",
        "./a\\u0041.png",
        "./logo.PNG",
    ]


def test_sources_that_cannot_refer_to_anything_give_nothing() -> None:
    found = script_references("var a = 1; function f() { return 'plain text'; }")
    assert (found.imports, found.dynamic_imports, found.asset_paths) == ([], [], [])
    assert module_imports("") == []


def test_a_vendor_bundle_with_no_import_keyword_is_not_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Large UMD bundles (ECharts: 1.1 MB, 0.7 s to parse) say "important" and "exports", not
    the keywords; the parse is skipped, and a keyword after any non-word character still
    counts."""
    parse = scripts._parse
    monkeypatch.setattr(scripts, "_parse", lambda data: pytest.fail("parsed"))
    bundle = "module.exports = { important: 1 }; var importer = $exports;"
    assert script_references(bundle) == script_references("")
    monkeypatch.setattr(scripts, "_parse", parse)
    assert script_references("x=1;import('./lazy.js')").dynamic_imports == ["./lazy.js"]
    assert script_references("x=1;import{a}from'./m.js'").imports == ["./m.js"]


def test_module_imports_from_several_threads_at_once() -> None:
    sources = [f'import "./m{i}.js"; export {{ a }} from "./a{i}.js";' for i in range(40)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(module_imports, sources))
    assert results == [[f"./m{i}.js", f"./a{i}.js"] for i in range(40)]


def test_specifiers_take_the_longest_prefix_and_absolute_urls_pass() -> None:
    imports = {"pkg/": "./v1/", "pkg/sub/": "https://cdn.test/sub/"}
    base = "http://h/app/"
    assert (
        resolve_specifier("pkg/sub/x.js", "http://h/app/m.js", imports, base)
        == "https://cdn.test/sub/x.js"
    )
    assert (
        resolve_specifier("pkg/y.js", "http://h/app/m.js", imports, base) == "http://h/app/v1/y.js"
    )
    assert (
        resolve_specifier("https://cdn.test/z.js#f", "http://h/app/m.js", {}, base)
        == "https://cdn.test/z.js"
    )
    assert resolve_specifier("/root.js", "http://h/app/m.js", {}, base) == "http://h/root.js"


def test_css_references_leave_namespace_urls_alone() -> None:
    """A ``@namespace`` URL names the namespace: nothing is loaded from it."""
    css = '@namespace svg url(http://www.w3.org/2000/svg); @namespace "x.css"; a { b: url(i.png) }'
    assert css_references(css, "http://h/a.css") == ([], ["http://h/i.png"])
