import { describe, expect, it } from "vitest";
import { type GraphHost, ModuleGraph } from "../../js/loader/module-graph";
import type { Asset, Transport } from "../../js/loader/transport";

const BASE = "https://apps.test/";
/** Every test uses URLs of its own: the graph keeps parsed modules for the page's lifetime. */
let run = 0;

class FakeTransport implements Transport {
  readonly fetched: string[] = [];
  constructor(private readonly files: Record<string, string | [string, string]>) {}

  fetch(url: string): Promise<Asset> {
    this.fetched.push(url);
    const file = this.files[url];
    if (file === undefined) return Promise.reject(new Error(`404 ${url}`));
    const [text, contentType] = typeof file === "string" ? [file, "text/javascript; charset=utf-8"] : file;
    return Promise.resolve({ url, contentType, bytes: new TextEncoder().encode(text) });
  }
}

/** A host whose blob URLs are `blob:test/<n>`, with the text of each kept. */
function fakeHost() {
  const blobs = new Map<string, { text: string; type: string; source: string }>();
  const host: GraphHost & { blobs: typeof blobs } = {
    blobs,
    fail: (source, message) => new Error(`${source}: ${message}`),
    blob(text, type, source) {
      const url = `blob:test/${blobs.size + 1}`;
      blobs.set(url, { text, type, source });
      return url;
    },
    realms: () => [],
  };
  return host;
}

function graph(files: Record<string, string | [string, string]>, imports?: Record<string, string>) {
  const transport = new FakeTransport(files);
  const host = fakeHost();
  return { graph: new ModuleGraph(transport, imports ? { imports } : undefined, BASE, false, host), host, transport };
}

describe("ModuleGraph.resolve", () => {
  const { graph: g } = graph({}, {
    react: "/vendor/react.js",
    "lib/": "https://cdn.test/lib/",
    "lib/special/": "/special/",
    "lib/exact.js": "/exact.js",
  });
  const importer = "https://apps.test/app/src/main.js";

  it("resolves relative, root-relative and absolute specifiers against the importer", () => {
    expect(g.resolve("./a.js", importer)).toBe("https://apps.test/app/src/a.js");
    expect(g.resolve("../b.js", importer)).toBe("https://apps.test/app/b.js");
    expect(g.resolve("/c.js", importer)).toBe("https://apps.test/c.js");
    expect(g.resolve("https://other.test/d.js", importer)).toBe("https://other.test/d.js");
    expect(g.resolve("data:text/javascript,export{}", importer)).toBe("data:text/javascript,export{}");
  });

  it("resolves bare specifiers through the import map, its URLs against the base URL", () => {
    expect(g.resolve("react", importer)).toBe("https://apps.test/vendor/react.js");
    expect(g.resolve("lib/x/y.js", importer)).toBe("https://cdn.test/lib/x/y.js");
  });

  it("prefers an exact key, then the longest prefix", () => {
    expect(g.resolve("lib/exact.js", importer)).toBe("https://apps.test/exact.js");
    expect(g.resolve("lib/special/s.js", importer)).toBe("https://apps.test/special/s.js");
  });

  it("fails on a bare specifier that is not in the map, naming it and the importer", () => {
    expect(() => g.resolve("vue", importer)).toThrow(
      `${importer}: the bare specifier "vue" imported by ${importer} is not in the import map`,
    );
    // A key without "/" is no prefix.
    expect(() => g.resolve("react/jsx-runtime", importer)).toThrow(/bare specifier "react\/jsx-runtime"/);
  });
});

describe("ModuleGraph.load", () => {
  it("rewrites static imports to the blob URLs of their rewritten dependencies, made first", async () => {
    const dir = `${BASE}t${++run}/`;
    const { graph: g, host } = graph(
      {
        [`${dir}main.js`]: `import { b } from "./b.js";\nimport v from 'vendor';\nexport * from "./b.js";\nconsole.log(b, v);`,
        [`${dir}b.js`]: "export const b = 1;",
        [`${dir}vendor.js`]: "export default 2;",
      },
      { vendor: `${dir}vendor.js` },
    );
    const url = await g.load(`${dir}main.js`);
    const byText = (source: string) => [...host.blobs].find(([, blob]) => blob.source === source)!;
    const [bBlob, b] = byText(`${dir}b.js`);
    const [vendorBlob] = byText(`${dir}vendor.js`);
    expect(b.text).toBe(`export const b = 1;\n//# sourceURL=${dir}b.js`);
    expect(b.type).toBe("text/javascript");
    const main = host.blobs.get(url)!;
    expect(main.source).toBe(`${dir}main.js`);
    expect(main.text).toBe(
      `import { b } from "${bBlob}";\nimport v from '${vendorBlob}';\nexport * from "${bBlob}";\nconsole.log(b, v);` +
        `\n//# sourceURL=${dir}main.js`,
    );
    // Dependencies get their blob URLs before the module that imports them.
    expect([...host.blobs.keys()].indexOf(url)).toBe(host.blobs.size - 1);
  });

  it("routes dynamic imports through the realm's import helper with the importer's URL", async () => {
    const dir = `${BASE}t${++run}/`;
    const source = `const m = await import("./lazy.js");\nconst n = await import(name);`;
    const { graph: g, host, transport } = graph({ [`${dir}main.js`]: source });
    const text = host.blobs.get(await g.load(`${dir}main.js`))!.text;
    expect(text).toBe(
      `const m = await __microfrontends_import__("./lazy.js",${JSON.stringify(`${dir}main.js`)});\n` +
        `const n = await __microfrontends_import__(name,${JSON.stringify(`${dir}main.js`)});` +
        `\n//# sourceURL=${dir}main.js`,
    );
    // Dynamic imports load when they run, not with the graph.
    expect(transport.fetched).toEqual([`${dir}main.js`]);
  });

  it("gives import.meta the module's own URL, not the blob's", async () => {
    const dir = `${BASE}t${++run}/`;
    const { graph: g, host } = graph({ [`${dir}m.js`]: "export const here = new URL('./x.png', import.meta.url).href;" });
    const text = host.blobs.get(await g.load(`${dir}m.js`))!.text;
    const url = JSON.stringify(`${dir}m.js`);
    expect(text.startsWith(`import.meta.url=${url};import.meta.resolve=(s)=>new URL(s,${url}).href;export const here`)).toBe(
      true,
    );
  });

  it("fetches each module once for a graph with shared dependencies", async () => {
    const dir = `${BASE}t${++run}/`;
    const { graph: g, transport } = graph({
      [`${dir}a.js`]: 'import "./b.js"; import "./c.js";',
      [`${dir}b.js`]: 'import "./c.js";',
      [`${dir}c.js`]: "export {};",
    });
    await g.load(`${dir}a.js`);
    await g.load(`${dir}b.js`);
    expect([...transport.fetched].sort()).toEqual([`${dir}a.js`, `${dir}b.js`, `${dir}c.js`]);
  });

  it("links a cycle: the module linked first names its partner by a cycle key, the other by blob URL", async () => {
    const dir = `${BASE}t${++run}/`;
    const { graph: g, host } = graph({
      [`${dir}a.js`]: 'import { b } from "./b.js"; export const a = () => b;',
      [`${dir}b.js`]: 'import { a } from "./a.js"; export const b = () => a;',
    });
    const aBlob = await g.load(`${dir}a.js`);
    const a = host.blobs.get(aBlob)!.text;
    const [bBlob, b] = [...host.blobs].find(([, blob]) => blob.source === `${dir}b.js`)!;
    expect(a).toContain(`from "${bBlob}"`);
    expect(b.text).toMatch(new RegExp(`from "@microfrontends/cycle/${dir.replace(/[./]/g, "\\$&")}a\\.js#\\d+"`));
  });

  it("leaves JSON and CSS modules as they are", async () => {
    const dir = `${BASE}t${++run}/`;
    const { graph: g, host } = graph({
      [`${dir}m.js`]: `import data from "./d.json" with { type: "json" };`,
      [`${dir}d.json`]: ['{"import": "./x.js"}', "application/json"],
    });
    await g.load(`${dir}m.js`);
    const json = [...host.blobs.values()].find((blob) => blob.source === `${dir}d.json`)!;
    expect(json).toEqual({ text: '{"import": "./x.js"}', type: "application/json", source: `${dir}d.json` });
  });

  it("loads blob: and data: URLs as they are", async () => {
    const { graph: g, transport } = graph({});
    expect(await g.load("blob:https://apps.test/123")).toBe("blob:https://apps.test/123");
    expect(await g.load("data:text/javascript,export{}")).toBe("data:text/javascript,export{}");
    expect(transport.fetched).toEqual([]);
  });

  it("fails on a module served as HTML, on a missing module, and on a syntax error", async () => {
    const dir = `${BASE}t${++run}/`;
    const { graph: g } = graph({
      [`${dir}html.js`]: ["<!doctype html><p>Not found</p>", "text/html"],
      [`${dir}bad.js`]: "import { from './x.js';",
      [`${dir}imports-missing.js`]: 'import "./missing.js";',
    });
    await expect(g.load(`${dir}html.js`)).rejects.toThrow(`the module ${dir}html.js was served as text/html, not JavaScript`);
    await expect(g.load(`${dir}bad.js`)).rejects.toThrow(`the module ${dir}bad.js could not be parsed`);
    await expect(g.load(`${dir}imports-missing.js`)).rejects.toThrow(`404 ${dir}missing.js`);
  });

  it("rewrites an inline module against the document's URL", async () => {
    const dir = `${BASE}t${++run}/`;
    const { graph: g, host } = graph({ [`${dir}dep.js`]: "export default 1;" });
    const url = await g.loadInline('import x from "./dep.js"; console.log(x);', `${dir}index.html`);
    const [depBlob] = [...host.blobs].find(([, blob]) => blob.source === `${dir}dep.js`)!;
    expect(host.blobs.get(url)!.text).toBe(
      `import x from "${depBlob}"; console.log(x);\n//# sourceURL=${dir}index.html`,
    );
  });
});
