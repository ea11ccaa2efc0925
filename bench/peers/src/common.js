// Shared glue of every host page: timing, waiting, the trial sequences and the conformance
// probes. Each framework's host script calls install() with an adapter:
//   { name, mount(container, url, appName) -> Promise<handle>, unmount(handle) -> Promise }
const now = () => performance.now();

/** querySelector through open shadow roots (app DOM may live in one), not into iframes. */
export function deep(root, selector) {
  const found = root.querySelector(selector);
  if (found) return found;
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) {
      const inner = deep(el.shadowRoot, selector);
      if (inner) return inner;
    }
  }
  return null;
}

// A macrotask without the 4 ms clamp of nested setTimeout.
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()?.();
const tick = () => new Promise((resolve) => { waiting.push(resolve); channel.port2.postMessage(0); });

export async function waitFor(check, timeout = 10000, what = 'condition') {
  const start = now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (now() - start > timeout) throw new Error(`timeout after ${timeout} ms waiting for ${what}`);
    await tick();
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not settle in ${ms} ms`)), ms); });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const origin = location.origin + '/';

// The apps, their entries and what "rendered and its scripts ran" means for each.
export const APPS = {
  small: {
    url: origin + 'bench/peers/dist/apps/small/',
    ready: (slot) => deep(slot, '#title[data-ready="yes"]'),
    gone: (slot) => !deep(slot, '#title'),
  },
  plain: {
    url: origin + 'tests/apps/plain/',
    ready: (slot) => deep(slot, '#title[data-ready="yes"]'),
    gone: (slot) => !deep(slot, '#title'),
  },
  second: {
    url: origin + 'bench/peers/dist/apps/second/',
    ready: (slot) => deep(slot, '#second-global')?.textContent === '2',
    gone: (slot) => !deep(slot, '#second-title'),
  },
  overhead: {
    url: origin + 'bench/peers/dist/apps/overhead/',
    ready: (slot) => deep(slot, '#overhead'),
    gone: (slot) => !deep(slot, '#overhead'),
  },
  polluter: {
    url: origin + 'tests/apps/polluter/',
    ready: (slot) => deep(slot, '#route') && deep(slot, '#ticks')?.textContent !== '0',
    gone: (slot) => !deep(slot, '#polluter-title'),
  },
  probe: {
    url: origin + 'bench/peers/dist/apps/probe/',
    ready: (slot) => deep(slot, '#route'),
    gone: (slot) => !deep(slot, '#polluter-title'),
  },
  vue: {
    url: origin + 'examples/apps/vue-todo/',
    ready: (slot) => deep(slot, '.todo-item'),
    gone: (slot) => !deep(slot, '#todo-title'),
  },
};

export function install(adapter) {
  window.benchRegistry = {};
  const pageErrors = [];
  window.addEventListener('error', (event) => pageErrors.push(String(event.message || event.error).slice(0, 300)));
  window.addEventListener('unhandledrejection', (event) => pageErrors.push(String(event.reason).slice(0, 300)));
  // Apps in the bench reach this through the page window (proxy sandboxes fall through to
  // it) or through `window.parent` (iframe realms).
  window.benchHost = { register(key, value) { window.benchRegistry[key] = value; } };
  const slot = document.getElementById('slot');

  async function mountApp(key, timeout = 10000) {
    const app = APPS[key];
    const start = now();
    const handle = await withTimeout(adapter.mount(slot, app.url, key), timeout, `${key}: mount()`);
    await waitFor(() => app.ready(slot), timeout, `${key} to render`);
    return { handle, ms: now() - start };
  }

  async function unmountApp(key, handle) {
    const start = now();
    await withTimeout(Promise.resolve(adapter.unmount(handle)), 10000, `${key}: unmount()`);
    await waitFor(() => APPS[key].gone(slot), 10000, `${key} to leave the DOM`);
    return now() - start;
  }

  async function step(result, label, fn) {
    try {
      return await fn();
    } catch (error) {
      result.error = `${label}: ${error && error.stack ? String(error.stack).split('\n').slice(0, 3).join(' | ') : error}`;
      throw error;
    }
  }

  /** One trial of the mount figures in a fresh page. */
  async function trial() {
    const r = {};
    try {
      let m = await step(r, 'cold mount small', () => mountApp('small'));
      r.cold = m.ms;
      r.unmount = await step(r, 'unmount small', () => unmountApp('small', m.handle));
      m = await step(r, 'cold mount second', () => mountApp('second'));
      r.cold_second = m.ms;
      await step(r, 'unmount second', () => unmountApp('second', m.handle));
      m = await step(r, 'warm mount small', () => mountApp('small'));
      r.warm = m.ms;
      const start = now();
      await step(r, 'switch: unmount small', () => unmountApp('small', m.handle));
      m = await step(r, 'switch: mount second', () => mountApp('second'));
      r.switch = now() - start;
      await step(r, 'unmount second', () => unmountApp('second', m.handle));
    } catch (error) {
      r.error = r.error || String(error);
    }
    if (pageErrors.length) r.page_errors = [...new Set(pageErrors)];
    return r;
  }

  /** Mount/unmount cycles of the small app (heap figure). */
  async function cycles(count) {
    for (let i = 0; i < count; i++) {
      const m = await mountApp('small');
      await unmountApp('small', m.handle);
    }
  }

  /** What the app registered with the page, or (iframe realms) its own global. */
  async function exposed(key, handle, global) {
    return waitFor(() => window.benchRegistry[key] || (adapter.realm && adapter.realm(handle)?.[global]), 3000, `${key} to register`);
  }

  async function mountOverhead() {
    const m = await mountApp('overhead');
    const loop = await exposed('overhead', m.handle, 'benchLoop');
    window.benchRegistry.overhead = loop;
    return typeof loop;
  }

  function runOverhead(iterations) {
    return window.benchRegistry.overhead(iterations);
  }

  const isPage = (value) => value === window;
  const cssLeaks = () => {
    const leaks = [];
    const style = (el) => getComputedStyle(el);
    if (style(document.documentElement).borderTopWidth === '4px') leaks.push('html border-top');
    if (style(document.body).backgroundColor === 'rgb(255, 200, 200)') leaks.push('body background');
    if (style(document.getElementById('page-h1')).color === 'rgb(255, 0, 0)') leaks.push('page h1 color');
    if (style(document.getElementById('page-button')).backgroundColor === 'rgb(0, 128, 0)') leaks.push('page button background');
    return leaks;
  };

  /** Rows of the isolation matrix for the polluter app (unchanged), in two phases: the
   * second clicks the app's links, which in some frameworks navigates the whole page. */
  let polluter;
  async function conformPolluter() {
    const rows = {};
    try {
      polluter = await mountApp('polluter');
    } catch (error) {
      return { error: `mount polluter: ${error}` };
    }
    await sleep(200);
    const leaked = ['polluted', 'leakyVar', 'ticks', 'resizeCount', 'clickCount'].filter((k) => k in window);
    rows.globals_off_page = { pass: leaked.length === 0, detail: leaked.length ? `on page window: ${leaked.join(', ')}` : 'none on page window' };
    const leaks = cssLeaks();
    rows.css_no_leak = { pass: leaks.length === 0, detail: leaks.length ? `leaked: ${leaks.join(', ')}` : 'page unaffected' };
    return rows;
  }

  async function conformPolluterNavigation() {
    const rows = {};
    const before = location.href;
    try {
      deep(slot, '#link-a').click();
      await sleep(100);
      const routeA = deep(slot, '#route')?.textContent;
      deep(slot, '#push').click();
      await sleep(100);
      const routePushed = deep(slot, '#route')?.textContent;
      const after = location.href;
      rows.url_unchanged = {
        pass: after === before,
        detail: `page URL ${after === before ? 'unchanged' : `became ${after}`}; app saw route ${JSON.stringify(routeA)} then ${JSON.stringify(routePushed)}`,
      };
    } catch (error) {
      rows.url_unchanged = { pass: false, detail: `error: ${error}` };
    }
    try {
      await unmountApp('polluter', polluter.handle);
    } catch (error) {
      rows.unmount_error = String(error);
    }
    await sleep(100);
    const after = cssLeaks();
    rows.css_removed_after_unmount = { pass: after.length === 0, detail: after.length ? `still: ${after.join(', ')}` : 'clean' };
    history.replaceState(null, '', before);
    return rows;
  }

  async function conformProbe() {
    const rows = {};
    let m;
    try {
      m = await mountApp('probe');
    } catch (error) {
      return { error: `mount probe: ${error}` };
    }
    let probe;
    try {
      probe = await exposed('probe', m.handle, 'benchProbe');
    } catch (error) {
      return { error: `probe: ${error}` };
    }
    // The polluter's own globals and CSS, again, in the variant every framework mounts.
    await sleep(200);
    const leaked = ['polluted', 'leakyVar', 'ticks', 'resizeCount', 'clickCount'].filter((k) => k in window);
    rows.globals_off_page = { pass: leaked.length === 0, detail: leaked.length ? `on page window: ${leaked.join(', ')}` : 'none on page window' };
    const leaks = cssLeaks();
    rows.css_no_leak = { pass: leaks.length === 0, detail: leaks.length ? `leaked: ${leaks.join(', ')}` : 'page unaffected' };
    for (const [key, value] of Object.entries(probe.globals)) {
      rows[`escape_${key}`] = {
        pass: typeof value !== 'string' && !isPage(value),
        detail: typeof value === 'string' ? value : isPage(value) ? 'the page window' : 'not the page window',
      };
    }
    const t0 = probe.ticks();
    await sleep(300);
    const t1 = probe.ticks();
    try {
      await unmountApp('probe', m.handle);
    } catch (error) {
      rows.unmount_error = String(error);
    }
    await sleep(150);
    const t2 = probe.ticks();
    await sleep(400);
    const t3 = probe.ticks();
    rows.timers_stop = {
      pass: t1 > t0 && t3 === t2,
      detail: `ticks while mounted ${t0} -> ${t1}; after unmount ${t2} -> ${t3}`,
    };
    return rows;
  }

  /** tests/apps/plain unchanged: classic scripts share top-level declarations. */
  async function conformPlain() {
    try {
      const m = await mountApp('plain', 5000);
      const text = deep(slot, '#classic')?.textContent;
      await unmountApp('plain', m.handle);
      return { runs: { pass: text === '42 true fn', detail: `#classic reads ${JSON.stringify(text)}` } };
    } catch (error) {
      return { runs: { pass: false, detail: String(error).split('\n')[0] } };
    }
  }

  async function conformVue() {
    const rows = {};
    let m;
    try {
      m = await mountApp('vue');
    } catch (error) {
      rows.renders = { pass: false, detail: String(error) };
      rows.add_todo = { pass: false, detail: 'not rendered' };
      return rows;
    }
    const title = deep(slot, '#todo-title')?.textContent;
    const count = () => {
      let n = 0;
      const list = deep(slot, '#todo-list');
      if (list) n = list.querySelectorAll('.todo-item').length;
      return n;
    };
    rows.renders = { pass: title === 'Todo list' && count() === 3, detail: `title ${JSON.stringify(title)}, ${count()} items` };
    try {
      // Registered after the app's own handlers: if nothing handled the submit, the form
      // would navigate the page; record that instead.
      let unhandledSubmit = false;
      deep(slot, '#todo-form').addEventListener('submit', (event) => {
        if (!event.defaultPrevented) { unhandledSubmit = true; event.preventDefault(); }
      });
      const input = deep(slot, '#new-todo');
      input.value = 'Benchmark the peers';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await sleep(50);
      deep(slot, '#add-todo').click();
      await waitFor(() => count() === 4 || unhandledSubmit, 2000, 'a fourth item');
      if (unhandledSubmit) throw new Error('the form submitted natively (the app did not handle it)');
      const texts = [...deep(slot, '#todo-list').querySelectorAll('.todo-text')].map((e) => e.textContent);
      rows.add_todo = { pass: texts.includes('Benchmark the peers'), detail: `${count()} items; counter ${JSON.stringify(deep(slot, '#todo-count')?.textContent)}` };
    } catch (error) {
      rows.add_todo = { pass: false, detail: `${error}; counter ${JSON.stringify(deep(slot, '#todo-count')?.textContent)}` };
    }
    const leaks = cssLeaks();
    try {
      await unmountApp('vue', m.handle);
    } catch (error) {
      rows.unmount_error = String(error);
    }
    return rows;
  }

  window.bench = { adapter: adapter.name, trial, cycles, mountOverhead, runOverhead, conformPolluter, conformProbe, conformVue, conformPlain, conformPolluterNavigation, deep };
  window.benchReady = true;
}
