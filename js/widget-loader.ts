/**
 * What anywidget loads as `_esm`. anywidget imports `_esm` from a fresh blob URL for every
 * widget, so a runtime shipped as `_esm` itself would be parsed and evaluated once per widget,
 * each copy with its own caches. This loader carries the runtime (js/widget.ts, bundled) as a
 * string and imports it once per page: every widget shares one instance, keyed by the
 * runtime's hash so that a changed runtime loads anew.
 */
declare const RUNTIME_SOURCE: string;
declare const RUNTIME_KEY: string;

type Runtime = { initialize?: (context: never) => unknown; render: (context: never) => unknown };

const key = Symbol.for(`microfrontends.runtime.${RUNTIME_KEY}`);
const registry = globalThis as unknown as Record<symbol, Promise<Runtime> | undefined>;

async function importRuntime(): Promise<Runtime> {
  const url = URL.createObjectURL(new Blob([RUNTIME_SOURCE], { type: "text/javascript" }));
  try {
    return ((await import(/* @vite-ignore */ url)) as { default: Runtime }).default;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function sharedRuntime(): Promise<Runtime> {
  let runtime = registry[key];
  if (!runtime) {
    runtime = registry[key] = importRuntime();
    // A failed import is not kept: the next widget tries again.
    runtime.catch(() => registry[key] === runtime && delete registry[key]);
  }
  return runtime;
}

/** anywidget calls a default-exported function once per widget and uses what it resolves to. */
export default sharedRuntime;
