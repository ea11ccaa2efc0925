import { describe, expect, it } from "vitest";
import { rewriteCssUrls, splitFontFaces } from "../../js/css/rewrite-urls";

/** Rewrites through a mapper that prefixes, and records what it was asked. */
async function rewrite(css: string): Promise<{ out: string; asked: string[] }> {
  const asked: string[] = [];
  const out = await rewriteCssUrls(css, (url) => {
    asked.push(url);
    return `https://cdn.test/${url}`;
  });
  return { out, asked };
}

describe("rewriteCssUrls", () => {
  it("rewrites an unquoted url() and quotes the result", async () => {
    const { out, asked } = await rewrite("a{background:url(img/a.png) no-repeat}");
    expect(asked).toEqual(["img/a.png"]);
    expect(out).toBe('a{background:url("https://cdn.test/img/a.png") no-repeat}');
  });

  it("rewrites single- and double-quoted url(), with spaces inside the parentheses", async () => {
    const { out, asked } = await rewrite(`a{background:url('a b.png')} b{background:url( "c.png" )}`);
    expect(asked).toEqual(["a b.png", "c.png"]);
    expect(out).toBe('a{background:url("https://cdn.test/a b.png")} b{background:url("https://cdn.test/c.png")}');
  });

  it("rewrites URL() in any case, quoted or not", async () => {
    const { out, asked } = await rewrite('a{background:URL(x.png)} b{background:Url("y.png")}');
    expect(asked).toEqual(["x.png", "y.png"]);
    expect(out).toBe('a{background:url("https://cdn.test/x.png")} b{background:url("https://cdn.test/y.png")}');
  });

  it('rewrites @import "x" (to @import url("...")) and @import url(x), keeping media queries', async () => {
    const { out, asked } = await rewrite('@import "theme.css";\n@IMPORT url(print.css) print;\na{color:red}');
    expect(asked).toEqual(["theme.css", "print.css"]);
    expect(out).toBe(
      '@import url("https://cdn.test/theme.css");\n@IMPORT url("https://cdn.test/print.css") print;\na{color:red}',
    );
  });

  it("rewrites @import url('x') with a quoted url() once", async () => {
    const { out, asked } = await rewrite("@import url('x.css') screen;");
    expect(asked).toEqual(["x.css"]);
    expect(out).toBe('@import url("https://cdn.test/x.css") screen;');
  });

  it("leaves url( inside strings and comments alone", async () => {
    const css = 'a::after{content:"url(x.png)"} /* background: url(y.png) */ b{content:\'@import "z"\'}';
    const { out, asked } = await rewrite(css);
    expect(asked).toEqual([]);
    expect(out).toBe(css);
  });

  it("leaves CSS without URLs byte for byte", async () => {
    const css = ".a > .b:hover { color: rgb(0 0 0 / 50%); --x: {a:b}; }\n@media (min-width: 1px) { .c { d: e } }";
    const { out, asked } = await rewrite(css);
    expect(asked).toEqual([]);
    expect(out).toBe(css);
  });

  it("hands the mapper the unescaped URL, as the browser reads it", async () => {
    const { asked } = await rewrite('a{background:url(a\\)b.png)} b{background:url("c\\"d.png")} c{background:url(\\65 .png)}');
    expect(asked).toEqual(["a)b.png", 'c"d.png', "e.png"]);
  });

  it("escapes quotes, backslashes and newlines in the mapped URL", async () => {
    const out = await rewriteCssUrls("a{background:url(x)}", () => 'q"b\\n\nl');
    expect(out).toBe('a{background:url("q\\"b\\\\n\\a l")}');
  });

  it("waits for an async mapper and keeps the order of the URLs", async () => {
    const delays: Record<string, number> = { "1.png": 20, "2.png": 0, "3.png": 10 };
    const out = await rewriteCssUrls(
      "a{b:url(1.png)}c{d:url(2.png)}e{f:url(3.png)}",
      (url) => new Promise((resolve) => setTimeout(() => resolve(`m/${url}`), delays[url])),
    );
    expect(out).toBe('a{b:url("m/1.png")}c{d:url("m/2.png")}e{f:url("m/3.png")}');
  });

  it("rejects when the mapper fails", async () => {
    await expect(
      rewriteCssUrls("a{b:url(missing.png)}", () => Promise.reject(new Error("404 missing.png"))),
    ).rejects.toThrow("404 missing.png");
  });

  it("leaves the URLs of @namespace alone: they name a namespace, not a resource", async () => {
    const css =
      '@namespace svg url(http://www.w3.org/2000/svg);\n@NAMESPACE url("http://www.w3.org/1999/xhtml");\n' +
      '@namespace m "http://www.w3.org/1998/Math/MathML";\nsvg|a{background:url(x.png)}';
    const { out, asked } = await rewrite(css);
    expect(asked).toEqual(["x.png"]);
    expect(out).toBe(css.replace("url(x.png)", 'url("https://cdn.test/x.png")'));
  });

  it("rewrites every url() of a @font-face src list", async () => {
    const { out, asked } = await rewrite(
      "@font-face{font-family:F;src:url(f.woff2) format('woff2'),url(\"f.woff\") format('woff')}",
    );
    expect(asked).toEqual(["f.woff2", "f.woff"]);
    expect(out).toBe(
      '@font-face{font-family:F;src:url("https://cdn.test/f.woff2") format(\'woff2\'),url("https://cdn.test/f.woff") format(\'woff\')}',
    );
  });
});

describe("splitFontFaces", () => {
  it("takes out every @font-face rule (any case) and keeps the rest as it was", () => {
    const css =
      "@font-face{font-family:A;src:url(a.woff2)}\n.x{color:red}\n@FONT-FACE { font-family: 'B'; src: local(B) }\n.y{color:blue}";
    const { rest, fontFaces } = splitFontFaces(css);
    expect(rest).toBe("\n.x{color:red}\n\n.y{color:blue}");
    expect(fontFaces).toBe("@font-face{font-family:A;src:url(a.woff2)}\n@FONT-FACE { font-family: 'B'; src: local(B) }");
  });

  it("returns CSS without @font-face unchanged, and no font faces", () => {
    const css = ".a{font-family:'font-face'} /* @font-face{} */ .b{content:'@font-face{x}'}";
    expect(splitFontFaces(css)).toEqual({ rest: css, fontFaces: "" });
  });

  it("keeps nested braces inside a @font-face rule with it", () => {
    const { rest, fontFaces } = splitFontFaces("@font-face{font-family:A;src:url(a.woff2);x:{y:z}}.after{}");
    expect(fontFaces).toBe("@font-face{font-family:A;src:url(a.woff2);x:{y:z}}");
    expect(rest).toBe(".after{}");
  });

  it("ends a block-less @font-face at its semicolon, or at the end of the block around it", () => {
    const { rest, fontFaces } = splitFontFaces("@font-face;.after{color:red}@media print{@font-face}.last{}");
    expect(rest).toBe(".after{color:red}@media print{}.last{}");
    expect(fontFaces).toBe("@font-face;\n@media print{@font-face}");
  });

  it("takes a @font-face out of an at-rule block, leaving the block, and hoists it in the same condition", () => {
    const { rest, fontFaces } = splitFontFaces("@supports (display:grid){@font-face{font-family:A}.g{display:grid}}");
    expect(fontFaces).toBe("@supports (display:grid){@font-face{font-family:A}}");
    expect(rest).toBe("@supports (display:grid){.g{display:grid}}");
  });

  it("hoists a @font-face in nested @media, @supports and @layer blocks in all of them, each rule on its own", () => {
    const css =
      "@font-face{font-family:Top}\n" +
      "@layer base {\n  @media (min-width: 600px) and (max-width:900px) {\n    @font-face { font-family: A }\n" +
      "    .a { color: red }\n    @font-face{font-family:B}\n  }\n}\n" +
      "@supports not (display:grid) { .b{} @font-face{font-family:C} }\n" +
      ".after{font-family:A}";
    const { rest, fontFaces } = splitFontFaces(css);
    expect(fontFaces.split("\n")).toEqual([
      "@font-face{font-family:Top}",
      "@layer base{@media (min-width: 600px) and (max-width:900px){@font-face { font-family: A }}}",
      "@layer base{@media (min-width: 600px) and (max-width:900px){@font-face{font-family:B}}}",
      "@supports not (display:grid){@font-face{font-family:C}}",
    ]);
    expect(rest).toBe(
      "\n@layer base {\n  @media (min-width: 600px) and (max-width:900px) {\n    \n    .a { color: red }\n    \n  }\n}\n" +
        "@supports not (display:grid) { .b{}  }\n.after{font-family:A}",
    );
  });

  it("does not take the condition of a block that ended before the @font-face", () => {
    const css = "@media print{.p{}}\n.x{--v:{a:b};color:red}\n@font-face{font-family:A}";
    const { rest, fontFaces } = splitFontFaces(css);
    expect(fontFaces).toBe("@font-face{font-family:A}");
    expect(rest).toBe("@media print{.p{}}\n.x{--v:{a:b};color:red}\n");
  });
});
