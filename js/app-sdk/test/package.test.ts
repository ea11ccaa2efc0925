import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCES = join(ROOT, "src");

describe("the package", () => {
  it("imports only its own modules, by the .js names the published files keep", () => {
    for (const file of readdirSync(SOURCES)) {
      const text = readFileSync(join(SOURCES, file), "utf8");
      for (const [, specifier] of text.matchAll(/from\s+["']([^"']+)["']/g)) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\/[\w-]+\.js$/);
        expect(existsSync(join(SOURCES, specifier.replace(/\.js$/, ".ts"))), `${file} -> ${specifier}`).toBe(true);
      }
    }
  });

  it("has no runtime dependencies, and an exports map with types", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.exports["."]).toEqual({ types: "./dist/index.d.ts", import: "./dist/index.js" });
  });
});
