// One mount/unmount cycle of a framework app (examples/frameworks/<app>/dist), for
// bench/framework_cycles.py on bench/page.html: through microfrontends' core.js, as a plain
// <iframe src="dist/index.html"> made and removed, or in one plain iframe kept. Each cycle
// resolves with [milliseconds until the app's counter button is there, milliseconds to take it down].

// The qiankun-style state functions the apps' `mount` needs (examples/frameworks/shared/host.js),
// made afresh for every cycle so that nothing outside the cycle keeps a listener alive.
function cycleState() {
  let state = { count: 0 };
  let listener = null;
  return {
    onGlobalStateChange(callback, fireImmediately) {
      listener = callback;
      if (fireImmediately) callback(state, state);
    },
    setGlobalState(patch) {
      const previous = state;
      state = { ...state, ...patch };
      listener?.(state, previous);
    },
    offGlobalStateChange() {
      listener = null;
    },
  };
}

function counter(root) {
  return root.querySelector('[data-testid="counter"]');
}

// Resolves once the app has rendered its button under `root` (a document or a shadow root).
function rendered(root) {
  if (counter(root)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error("the app did not render its counter within 10 s"));
    }, 10000);
    const observer = new MutationObserver(() => {
      if (!counter(root)) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(root, { childList: true, subtree: true });
  });
}

function left(root) {
  if (counter(root)) throw new Error("the app left its DOM behind");
}

function slot() {
  const element = document.getElementById("slot");
  element.style.cssText = "width: 400px; height: 200px";
  return element;
}

function loadFrame(entry, parent) {
  const frame = document.createElement("iframe");
  frame.style.cssText = "width: 400px; height: 200px; border: 0";
  const loaded = new Promise((resolve) => frame.addEventListener("load", resolve, { once: true }));
  frame.src = `${entry}index.html`;
  parent.append(frame);
  return loaded.then(() => frame);
}

// The app's lifecycles in a plain frame, and what a host would give them.
function inFrame(frame, global, name) {
  const lifecycles = frame.contentWindow[global];
  if (!lifecycles) throw new Error(`the frame has no global ${global}`);
  return [lifecycles, { ...cycleState(), name, container: frame.contentDocument }];
}

const keptFrames = new Map();

window.frameworkCycles = {
  // `keep`: unmount() parks the app (its realm stays loaded; the next mount only calls its
  // `mount`); otherwise unload() destroys the realm and the next mount loads the app afresh.
  async microfrontends({ entry, name, sandbox, keep }) {
    const start = performance.now();
    const app = await window.microfrontends.mount(slot(), { entry, name, sandbox, props: cycleState() });
    const root = app.host.shadowRoot;
    await rendered(root);
    const mounted = performance.now();
    await (keep ? app.unmount() : app.unload());
    const down = performance.now();
    left(root);
    return [mounted - start, down - mounted];
  },

  // The page an app would be without a host: its index.html in an iframe. The app's bundle only
  // exports its lifecycles, so once the frame has loaded, the calls a host makes start it.
  async iframe({ entry, global, name }) {
    const start = performance.now();
    const frame = await loadFrame(entry, slot());
    const [lifecycles, props] = inFrame(frame, global, name);
    await lifecycles.bootstrap(props);
    await lifecycles.mount(props);
    await rendered(frame.contentDocument);
    const mounted = performance.now();
    frame.remove();
    return [mounted - start, performance.now() - mounted];
  },

  // One plain iframe loaded once and kept: each cycle calls the app's own `mount` and `unmount`
  // in it, as a parked app's cycle does (what the framework itself keeps, with no host).
  async iframeKept({ entry, global, name }) {
    if (!keptFrames.has(entry)) {
      const frame = await loadFrame(entry, document.body);
      const [lifecycles, props] = inFrame(frame, global, name);
      await lifecycles.bootstrap(props);
      keptFrames.set(entry, frame);
    }
    const frame = keptFrames.get(entry);
    const [lifecycles, props] = inFrame(frame, global, name);
    const start = performance.now();
    await lifecycles.mount(props);
    await rendered(frame.contentDocument);
    const mounted = performance.now();
    await lifecycles.unmount(props);
    const down = performance.now();
    left(frame.contentDocument);
    return [mounted - start, down - mounted];
  },
};

// What is left on the page besides the page's one spare realm (a parked app keeps its realm, a
// kept plain iframe stays).
window.frameworkLeftOver = () => ({
  frames: document.querySelectorAll("iframe:not([data-microfrontends-spare])").length,
  slot: document.getElementById("slot").innerHTML.length,
});
