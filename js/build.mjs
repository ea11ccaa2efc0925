// Bundles the runtime into the Python package: the anywidget module, the parts it loads from
// the kernel on demand, and the standalone core.
import { build } from "esbuild";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = `${root}src/microfrontends/static`;
// Chunk names carry hashes: clear out the previous build's.
mkdirSync(outdir, { recursive: true });
for (const file of readdirSync(outdir, { withFileTypes: true }).filter((f) => f.name.endsWith(".js"))) {
  rmSync(`${outdir}/${file.name}`);
}
const common = {
  absWorkingDir: root,
  outdir: "src/microfrontends/static",
  bundle: true,
  format: "esm",
  target: "es2020",
  minify: true,
  legalComments: "none",
  logLevel: "info",
};

// anywidget loads widget.js from a blob URL, so it must be one file; modules (the ES module
// loader's body with es-module-lexer) and strict (the strict sandbox) are parts the widget
// fetches from the kernel only for the apps that need them, as is proxy (the proxy sandbox with
// its JavaScript parser).
await build({
  ...common,
  entryPoints: {
    widget: "js/widget.ts",
    modules: "js/loader/module-graph.ts",
    strict: "js/strict/strict-frame.ts",
    proxy: "js/sandbox/proxy-realm.ts",
  },
});

// A plain page imports core.js by URL, so its on-demand parts can be chunks beside it.
await build({
  ...common,
  entryPoints: { core: "js/core.ts" },
  splitting: true,
  chunkNames: "core-[name]-[hash]",
});
