// Builds the monaco-editor app with Vite, from the packages `npm ci` installed, into dist/:
// the app's ES modules (the entry module, assets/app.js, exports its lifecycles), its CSS with
// the codicon font, the editor's and the JSON language's module workers, all under dist/assets
// with relative URLs so that the app runs from any folder, and an index.html that loads them.
// Run after `npm ci`: `npm run build`. Works offline.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

const result = await build({
  configFile: false,
  root,
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco is big; its size is not this example's concern.
    chunkSizeWarningLimit: 8000,
    rolldownOptions: {
      // A JS entry, not index.html: the entry module's exports are the app's lifecycles,
      // which an HTML entry's generated module would not keep.
      input: join(root, 'src/main.js'),
      preserveEntrySignatures: 'exports-only',
      // Bundling monaco takes its seconds; no warning about it in the setup's log.
      checks: { bundlerTimings: false },
      output: { entryFileNames: 'assets/app.js' },
    },
  },
});
const { output } = Array.isArray(result) ? result[0] : result;
const chunks = new Map(output.filter((file) => file.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
const entry = [...chunks.values()].find((chunk) => chunk.isEntry);
// The CSS of the entry and of every chunk it imports statically, as Vite puts in an HTML entry.
const sheets = new Set();
const seen = new Set();
const visit = (chunk) => {
  if (seen.has(chunk)) return;
  seen.add(chunk);
  for (const name of chunk.imports) visit(chunks.get(name));
  for (const sheet of chunk.viteMetadata?.importedCss ?? []) sheets.add(sheet);
};
visit(entry);
const css = [...sheets].map((file) => `\n    <link rel="stylesheet" href="./${file}" />`).join('');
writeFileSync(
  join(root, 'dist', 'index.html'),
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Monaco</title>${css}
  </head>
  <body>
    <div id="monaco-app">
      <h3>Monaco JSON editor</h3>
      <div id="editor"></div>
      <p data-testid="problems">problems: 0</p>
    </div>
    <script type="module" src="./${entry.fileName}"></script>
  </body>
</html>
`,
);
console.log(`monaco/dist: index.html, ${entry.fileName}${css ? ', its CSS' : ''}, workers`);
