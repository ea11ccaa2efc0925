import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The runtime's layers, bottom first (ARCHITECTURE.md): a module may import its own layer and
 * the ones below it, never one above. The entry points (widget.ts, core.ts, ...) sit on top.
 */
const LAYERS = [["contract"], ["lifecycle"], ["css", "loader"], ["patches"], ["sandbox", "strict", "bridge"], ["host"]];
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../js");

function layerOf(file: string): number {
  const folder = relative(ROOT, file).split("/")[0];
  const at = LAYERS.findIndex((layer) => layer.includes(folder));
  return at < 0 ? LAYERS.length : at;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every relative import of a module (static, type-only, re-export and `import()` types), as files. */
function importsOf(file: string): string[] {
  // Without comments: a doc comment may show an import.
  const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](\.[^"']+)["']/g)].map((m) => m[1]);
  return specifiers.map((specifier) => `${resolve(dirname(file), specifier)}.ts`);
}

// js/app-sdk is a package of its own for app authors, not part of the runtime (its own test
// checks that it imports nothing outside itself).
const runtimeSources = sources(ROOT).filter((file) => !relative(ROOT, file).startsWith("app-sdk/"));
const graph = new Map(runtimeSources.map((file) => [file, importsOf(file)]));

describe("the runtime's imports", () => {
  it("name files that exist", () => {
    for (const [file, imports] of graph) {
      for (const target of imports) expect(graph.has(target), `${relative(ROOT, file)} -> ${target}`).toBe(true);
    }
  });

  it("never go up a layer", () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      imports.filter((target) => layerOf(target) > layerOf(file)).map((target) => `${relative(ROOT, file)} -> ${relative(ROOT, target)}`),
    );
    expect(upward).toEqual([]);
  });

  it("close no circle", () => {
    const circles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        circles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(ROOT, f)).join(" -> "));
        return;
      }
      state.set(file, "open");
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, "done");
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });
});
