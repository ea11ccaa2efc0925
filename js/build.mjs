// Bundles the runtime into the Python package: the anywidget module and the standalone core.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: { widget: "js/widget.ts", core: "js/core.ts" },
  outdir: "src/microfrontends/static",
  bundle: true,
  format: "esm",
  target: "es2020",
  minify: true,
  legalComments: "none",
  logLevel: "info",
});
