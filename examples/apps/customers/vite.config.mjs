// Builds the customers app into dist/: an index.html, ES modules with hashed names, a
// code-split chunk for the details view, and the CSS its modules import.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  // Relative URLs: the app is served from wherever its folder is (the kernel, a server).
  base: './',
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true },
});
