// Builds the peer benchmark: one host-page bundle per framework (dist/<name>.js), one
// minified bundle per framework of just the API the host uses (dist/size/<name>.js, for the
// bundle-size figure), and the two bench-only apps (dist/apps/).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const dist = join(here, 'dist');

export const FRAMEWORKS = {
  ours: "import { mount } from '../../src/microfrontends/static/core.js'; window.__api = mount;",
  qiankun: "import { loadMicroApp } from 'qiankun'; window.__api = loadMicroApp;",
  wujie: "import { startApp, destroyApp } from 'wujie'; window.__api = [startApp, destroyApp];",
  microapp: "import microApp from '@micro-zoe/micro-app'; microApp.start(); window.__api = microApp;",
  garfish: "import Garfish from 'garfish'; window.__api = Garfish;",
};

const common = {
  bundle: true, format: 'iife', target: 'es2022', logLevel: 'warning', legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
};

for (const [name, source] of Object.entries(FRAMEWORKS)) {
  await build({ ...common, entryPoints: [join(here, 'src', `${name}.js`)], outfile: join(dist, `${name}.js`) });
  await build({
    ...common,
    minify: true,
    stdin: { contents: source, resolveDir: here, loader: 'js' },
    outfile: join(dist, 'size', `${name}.js`),
  });
}

// qiankun runs only apps that export lifecycles, and on a later mount of the same app it
// calls them instead of running the scripts again; so both timing apps also export
// `window[<name>] = {bootstrap, mount, unmount}` (UMD style), whose mount renders the same
// ready mark the scripts do. Frameworks that do not call lifecycles ignore it.
const lifecycle = (name, render) => `<script>
  window[${JSON.stringify(name)}] = {
    bootstrap: function () { return Promise.resolve(); },
    mount: function (props) {
      var root = props && props.container && props.container.querySelector ? props.container : document;
      ${render}
      return Promise.resolve();
    },
    unmount: function () { return Promise.resolve(); },
  };
</script>
</body>`;
// The overhead app: bench/apps/overhead/loop.js unchanged, plus one line (in the same script,
// so that it sees the loop's own scope in every sandbox) that hands the loop to the page.
const loop = readFileSync(join(repo, 'bench', 'apps', 'overhead', 'loop.js'), 'utf8');
const register = `
;(function (host) { if (host) host.register('overhead', function (n) { return benchLoop(n); }); })(
  window.benchHost || (window.parent && window.parent.benchHost));
`;
mkdirSync(join(dist, 'apps', 'overhead'), { recursive: true });
writeFileSync(join(dist, 'apps', 'overhead', 'app.js'), loop + register);
writeFileSync(join(dist, 'apps', 'overhead', 'index.html'), readFileSync(join(repo, 'bench', 'apps', 'overhead', 'index.html'), 'utf8')
  .replace('loop.js', 'app.js').replace('</body>', lifecycle('overhead', '')));

// The probe app: tests/apps/polluter unchanged (its markup, style.css and main.js) plus a
// probe script that evaluates the escape expressions and reads the app's own tick counter.
const polluter = readFileSync(join(repo, 'tests', 'apps', 'polluter', 'index.html'), 'utf8')
  .replace('href="style.css"', 'href="/tests/apps/polluter/style.css"')
  .replace('<script src="main.js"></script>', '<script src="/tests/apps/polluter/main.js"></script>\n  <script src="probe.js"></script>');
const probe = `// Evaluated inside the app's sandbox; the page compares each value with its own window.
(function () {
  var globals = {};
  function grab(key, fn) { try { globals[key] = fn(); } catch (error) { globals[key] = 'error: ' + error; } }
  grab('function_return_this', function () { return Function('return this')(); });
  grab('indirect_eval_this', function () { return (0, eval)('this'); });
  grab('globalThis', function () { return globalThis; });
  grab('self', function () { return self; });
  grab('window', function () { return window; });
  grab('document_defaultView', function () { return document.defaultView; });
  var probe = { globals: globals, ticks: function () { return window.ticks; } };
  // Proxy sandboxes read the page's benchHost through their fake window; an iframe realm
  // whose parent is hidden exposes the probe as its own global for the host to read.
  var host = window.benchHost || (window.parent && window.parent.benchHost);
  if (host) host.register('probe', probe);
  window.benchProbe = probe;
})();
`;
mkdirSync(join(dist, 'apps', 'probe'), { recursive: true });
writeFileSync(join(dist, 'apps', 'probe', 'index.html'), polluter.replace('</body>', lifecycle('probe', '')));
writeFileSync(join(dist, 'apps', 'probe', 'probe.js'), probe);
// The small app of the timing figures: tests/apps/plain (markup, style, image, js/main.js)
// with its inline script's top-level declarations written as window properties. Every
// proxy sandbox scopes a classic script's top-level `var`/`function` to that script, so
// the unchanged plain app cannot run in qiankun, wujie, micro-app or garfish (a
// conformance row); the timings need an app every framework runs.
const plain = readFileSync(join(repo, 'tests', 'apps', 'plain', 'index.html'), 'utf8');
const small = plain
  .replace('href="css/style.css"', 'href="/tests/apps/plain/css/style.css"')
  .replace('src="img/dot.svg"', 'src="/tests/apps/plain/img/dot.svg"')
  .replace('src="js/main.js"', 'src="/tests/apps/plain/js/main.js"')
  .replace('var sharedVar = 41;', 'window.sharedVar = 41;')
  .replace("function sharedFn() { return 'fn'; }", "window.sharedFn = function () { return 'fn'; };");
if (!small.includes('window.sharedFn') || !small.includes('/tests/apps/plain/js/main.js')) {
  throw new Error('tests/apps/plain/index.html changed: update the small app in build.mjs');
}
mkdirSync(join(dist, 'apps', 'small'), { recursive: true });
writeFileSync(join(dist, 'apps', 'small', 'index.html'), small.replace('</body>', lifecycle('small',
  "var title = root.querySelector('#title'); if (title) title.setAttribute('data-ready', 'yes');")));
const second = readFileSync(join(repo, 'tests', 'apps', 'second', 'index.html'), 'utf8');
mkdirSync(join(dist, 'apps', 'second'), { recursive: true });
writeFileSync(join(dist, 'apps', 'second', 'index.html'), second.replace('</body>', lifecycle('second',
  "var out = root.querySelector('#second-global'); if (out) out.textContent = String(window.secondGlobal);")));
console.log('built', Object.keys(FRAMEWORKS).join(', '));
