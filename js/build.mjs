// Bundles the runtime into the Python package: the anywidget module, the parts it loads from
// the kernel on demand, and the standalone core.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
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
  target: "es2022",
  minify: true,
  legalComments: "none",
  logLevel: "info",
};

// The scripts a strict app's frame runs: written into the frame's document, so the strict
// sandbox carries them as strings. The bootstrap always; the loader when the app is served
// from a local folder, which carries in turn the prelude of the app's workers.
const frameScript = async (entry, define = {}) =>
  (await build({ ...common, entryPoints: [entry], outdir: undefined, format: "iife", write: false, define }))
    .outputFiles[0].text;
const workerPrelude = await frameScript("js/strict/worker-prelude.ts");
const strictDefine = {
  STRICT_FRAME_BOOTSTRAP: JSON.stringify(await frameScript("js/strict/bootstrap.ts")),
  STRICT_FRAME_LOADER: JSON.stringify(
    await frameScript("js/strict/frame-loader.ts", { STRICT_WORKER_PRELUDE: JSON.stringify(workerPrelude) }),
  ),
};

// The parts the widget fetches from the kernel only for the apps that need them (see
// js/loader/parts.ts).
await build({
  ...common,
  define: strictDefine,
  entryPoints: {
    modules: "js/loader/module-graph.ts",
    css: "js/css/rewrite-urls.ts",
    strict: "js/strict/strict-sandbox.ts",
    snapshot: "js/sandbox/snapshot-sandbox.ts",
    page: "js/sandbox/page-sandbox.ts",
    scoped: "js/css/scope.ts",
    proxy: "js/sandbox/proxy-realm.ts",
    routes: "js/patches/route-sync.ts",
    prefetch: "js/loader/prefetch.ts",
    errors: "js/host/error-panel.ts",
    chunks: "js/bridge/chunk-codec.ts",
    realm: "js/sandbox/frame-patches.ts",
    logs: "js/bridge/app-logs.ts",
  },
});

// The widget takes a part from the Jupyter server only if it is of this very build: the parts'
// digest, which the server reads from parts-build.txt (microfrontends/server/handlers.py).
const partsDigest = createHash("sha256");
for (const file of readdirSync(outdir)
  .filter((name) => name.endsWith(".js"))
  .sort()) {
  partsDigest.update(file).update(readFileSync(`${outdir}/${file}`));
}
const partsBuild = partsDigest.digest("hex").slice(0, 16);
writeFileSync(`${outdir}/parts-build.txt`, partsBuild);

// anywidget loads widget.js from a blob URL, so it must be one file: the widget runtime,
// carried as a string by a loader that imports it once per page (see js/widget-loader.ts).
const runtime = await build({
  ...common,
  entryPoints: ["js/widget.ts"],
  outdir: undefined,
  write: false,
  define: { PARTS_BUILD: JSON.stringify(partsBuild) },
});
const runtimeSource = runtime.outputFiles[0].text;
await build({
  ...common,
  entryPoints: { widget: "js/widget-loader.ts" },
  define: {
    RUNTIME_SOURCE: JSON.stringify(runtimeSource),
    RUNTIME_KEY: JSON.stringify(createHash("sha256").update(runtimeSource).digest("hex").slice(0, 16)),
  },
});

// A plain page imports core.js by URL, so its on-demand parts can be chunks beside it.
await build({
  ...common,
  define: strictDefine,
  entryPoints: { core: "js/core.ts" },
  splitting: true,
  chunkNames: "core-[name]-[hash]",
});

// The app SDK (js/app-sdk), built with its own script and copied into the package as it would be
// published: the scaffold (`python -m microfrontends new`) gives every new app this copy.
execFileSync(process.execPath, ["js/app-sdk/build.mjs"], { cwd: root, stdio: "inherit" });
rmSync(`${outdir}/app-sdk`, { recursive: true, force: true });
for (const file of ["package.json", "README.md", "dist"]) {
  cpSync(`${root}js/app-sdk/${file}`, `${outdir}/app-sdk/${file}`, { recursive: true });
}
