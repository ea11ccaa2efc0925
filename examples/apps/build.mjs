// Copies the third-party files each example app needs from node_modules into the
// app's vendor/ folder (gitignored). Run after `npm ci`: `npm run build`.
// Works offline: it only reads node_modules.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, 'node_modules');

// app folder -> list of [file inside node_modules, name inside vendor/]
const vendored = {
  'vue-todo': [
    ['vue/dist/vue.global.prod.js', 'vue.global.prod.js'],
    ['vue/LICENSE', 'vue.LICENSE'],
    ['lodash/lodash.min.js', 'lodash.min.js'],
    ['lodash/LICENSE', 'lodash.LICENSE'],
  ],
  chart: [
    ['echarts/dist/echarts.min.js', 'echarts.min.js'],
    ['echarts/LICENSE', 'echarts.LICENSE'],
  ],
  'orders-table': [
    ['vue/dist/vue.global.prod.js', 'vue.global.prod.js'],
    ['vue/LICENSE', 'vue.LICENSE'],
  ],
  summary: [
    ['lodash/lodash.min.js', 'lodash.min.js'],
    ['lodash/LICENSE', 'lodash.LICENSE'],
  ],
};

if (!existsSync(modules)) {
  console.error(`build.mjs: ${modules} is missing; run \`npm ci\` in ${here} first`);
  process.exit(1);
}

for (const [app, files] of Object.entries(vendored)) {
  const vendor = join(here, app, 'vendor');
  rmSync(vendor, { recursive: true, force: true });
  mkdirSync(vendor, { recursive: true });
  for (const [from, to] of files) {
    const source = join(modules, from);
    if (!existsSync(source)) {
      console.error(`build.mjs: ${source} not found (is the dependency installed?)`);
      process.exit(1);
    }
    copyFileSync(source, join(vendor, to));
  }
  console.log(`${app}/vendor: ${files.map(([, to]) => to).join(', ')}`);
}
