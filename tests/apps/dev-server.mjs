// Starts a dev server on a copy of vite-dev/ or webpack-dev/, as an app author runs one, for
// the dev-server tests and bench/hmr.py:
//     node dev-server.mjs vite|webpack <app folder> <port>
// Prints "ready <url>" once it listens. Its packages come from this folder's node_modules (the
// app folder gets a symlink to them, as an app's own node_modules would be).
import { existsSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [kind, root, portText] = process.argv.slice(2);
const port = Number(portText);
if (!['vite', 'webpack'].includes(kind) || !root || !port) {
  console.error('usage: node dev-server.mjs vite|webpack <app folder> <port>');
  process.exit(2);
}
if (!existsSync(join(root, 'node_modules'))) symlinkSync(join(here, 'node_modules'), join(root, 'node_modules'));
const host = '127.0.0.1';

if (kind === 'vite') {
  const { createServer } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const server = await createServer({
    configFile: false,
    root,
    cacheDir: join(root, '.vite'),
    logLevel: 'warn',
    clearScreen: false,
    plugins: [react()],
    server: { host, port, strictPort: true, fs: { allow: [root, here] } },
  });
  await server.listen();
} else {
  const { default: webpack } = await import('webpack');
  const { default: WebpackDevServer } = await import('webpack-dev-server');
  const compiler = webpack({
    mode: 'development',
    context: root,
    entry: './src/index.js',
    output: { path: join(root, 'dist'), filename: 'main.js', publicPath: '/' },
    devtool: false,
    infrastructureLogging: { level: 'warn' },
    stats: 'errors-only',
  });
  const server = new WebpackDevServer(
    {
      host,
      port,
      hot: false,
      liveReload: true,
      static: { directory: join(root, 'public'), watch: false },
      client: { overlay: false, logging: 'warn' },
      headers: { 'Access-Control-Allow-Origin': '*' },
    },
    compiler,
  );
  await server.start();
}
console.log(`ready http://${host}:${port}/`);
