// Copies the third-party files the test apps need from node_modules (gitignored
// destinations, see .gitignore). Run after `npm ci`: `npm run build`. Works offline.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, 'node_modules');

// destination folder -> list of [file inside node_modules, name inside the folder]
const copies = {
  'polluter/fonts': [
    ['@fontsource/roboto/files/roboto-latin-400-normal.woff2', 'polluter.woff2'],
    ['@fontsource/roboto/LICENSE', 'LICENSE'],
  ],
  // sql.js's README way: a classic script and the .wasm it finds beside the page.
  'sqljs/vendor': [
    ['sql.js/dist/sql-wasm.js', 'sql-wasm.js'],
    ['sql.js/dist/sql-wasm.wasm', 'sql-wasm.wasm'],
    ['sql.js/LICENSE', 'LICENSE'],
  ],
  // wasm-pack's `--target web` output, as automerge publishes it in its web/ folder.
  'wasm-pack/pkg': [
    ['@automerge/automerge-wasm/web/automerge_wasm.js', 'automerge_wasm.js'],
    ['@automerge/automerge-wasm/web/automerge_wasm_bg.wasm', 'automerge_wasm_bg.wasm'],
    ['@automerge/automerge-wasm/LICENSE', 'LICENSE'],
  ],
};

if (!existsSync(modules)) {
  console.error(`build.mjs: ${modules} is missing; run \`npm ci\` in ${here} first`);
  process.exit(1);
}

for (const [folder, files] of Object.entries(copies)) {
  const dest = join(here, folder);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  for (const [from, to] of files) {
    const source = join(modules, from);
    if (!existsSync(source)) {
      console.error(`build.mjs: ${source} not found (is the dependency installed?)`);
      process.exit(1);
    }
    copyFileSync(source, join(dest, to));
  }
  console.log(`${folder}: ${files.map(([, to]) => to).join(', ')}`);
}
