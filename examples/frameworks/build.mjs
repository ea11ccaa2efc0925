// Builds every app here with Vite, from the packages `npm ci` installed, into <app>/dist:
// app.js (an IIFE whose result, a global named after the app, holds its lifecycles: how
// qiankun finds a UMD app's), app.css when the app has CSS, and an index.html that loads them.
// Run after `npm ci`: `npm run build`. Works offline.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import vue from '@vitejs/plugin-vue';
import { build } from 'vite';
import solid from 'vite-plugin-solid';

const here = dirname(fileURLToPath(import.meta.url));

// app folder -> its title, entry module, global name, Vite plugins and aliases.
const apps = {
  // StrictMode's double render and effect re-run happen only in React's development build.
  react18: {
    title: 'React 18', global: 'frameworkReact18', mode: 'development',
    alias: { react: 'react18', 'react-dom': 'react-dom18' },
  },
  react19: { title: 'React 19', global: 'frameworkReact19', mode: 'development' },
  // <fw-badge> (shared/badge.js) is a custom element, not a Vue component.
  vue: {
    title: 'Vue 3', global: 'frameworkVue',
    plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'fw-badge' } } })],
  },
  svelte: { title: 'Svelte 5', global: 'frameworkSvelte', plugins: [svelte()] },
  lit: { title: 'Lit', global: 'frameworkLit' },
  preact: { title: 'Preact', global: 'frameworkPreact' },
  solid: { title: 'Solid', global: 'frameworkSolid', entry: 'src/main.jsx', plugins: [solid()] },
  angular: { title: 'Angular', global: 'frameworkAngular' },
};

for (const [name, app] of Object.entries(apps)) {
  const root = join(here, name);
  const mode = app.mode ?? 'production';
  await build({
    configFile: false,
    root,
    mode,
    logLevel: 'warn',
    plugins: app.plugins ?? [],
    resolve: { alias: app.alias ?? {} },
    // Library mode leaves process.env alone; the frameworks read NODE_ENV from it.
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      minify: mode === 'production',
      lib: {
        entry: join(root, app.entry ?? 'src/main.js'),
        formats: ['iife'],
        name: app.global,
        fileName: () => 'app.js',
        cssFileName: 'app',
      },
    },
  });
  const css = existsSync(join(root, 'dist', 'app.css')) ? '\n    <link rel="stylesheet" href="app.css" />' : '';
  writeFileSync(
    join(root, 'dist', 'index.html'),
    `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${app.title}</title>${css}
  </head>
  <body>
    <div id="app"></div>
    <script src="app.js"></script>
  </body>
</html>
`,
  );
  console.log(`${name}/dist: index.html, app.js${css ? ', app.css' : ''}`);
}
