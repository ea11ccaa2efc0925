/**
 * The framework-agnostic core: mounts an app on any web page, with no notebook and no kernel.
 *
 *   import { mount } from "./core.js";
 *   const app = await mount(document.querySelector("#slot"), { entry: "/apps/orders/" });
 *   await app.unmount();
 */
import type { LogEntry } from "./contract/app-log";
import { AppHost, type SandboxMode } from "./host/app-host";
import type { CssMode } from "./host/app-root";
import { Status } from "./lifecycle/status";
import type { ImportMap } from "./loader/modules";
import { whenIdle } from "./loader/idle";
import { readLearnedAssets } from "./loader/learned-assets";
import { setPartLoader, type PartName } from "./loader/parts";
import { browserTransport, cachedTransport } from "./loader/transport";
import { keepSpareFrame } from "./sandbox/spare-frame";

// The on-demand parts are chunks beside core.js (apps mount when asked: no idle prefetch).
const parts: Record<Exclude<PartName, "prefetch">, () => Promise<unknown>> = {
  modules: () => import("./loader/module-graph"),
  css: () => import("./css/rewrite-urls"),
  strict: () => import("./strict/strict-sandbox"),
  scoped: () => import("./css/scope"),
  proxy: () => import("./sandbox/proxy-realm"),
  snapshot: () => import("./sandbox/snapshot-sandbox"),
  page: () => import("./sandbox/page-sandbox"),
  routes: () => import("./patches/route-sync"),
  errors: () => import("./host/error-panel"),
  chunks: () => import("./bridge/chunk-codec"),
  realm: () => import("./sandbox/frame-patches"),
  logs: () => import("./bridge/app-logs"),
};
setPartLoader(async (name) => {
  if (name === "prefetch") throw new Error("the core has no prefetch part");
  return parts[name]();
});

// A page that imports the core is about to mount apps: while it is idle, their first realm is
// made and the files their entries named before are looked up.
keepSpareFrame();
whenIdle(readLearnedAssets);

export { Status };

export interface MountOptions {
  /** URL of the app's HTML entry (an `index.html` or a folder URL). */
  entry?: string;
  /** Inline HTML instead of an entry. */
  html?: string;
  /** Defaults to a name derived from the entry. */
  name?: string;
  props?: Record<string, unknown>;
  sandbox?: SandboxMode;
  css?: CssMode;
  /** Only the page's own `fetch` exists without a kernel. */
  transport?: "browser";
  /** Milliseconds a lifecycle may take before the app is marked broken (default 10000). */
  lifecycleTimeout?: number;
  /**
   * Bare specifiers the app's ES modules import, and the URLs to load them from (relative URLs
   * resolve against the entry): `{imports: {"lit": "https://cdn.example/lit.js"}}`.
   */
  importMap?: ImportMap;
  /**
   * Called with each entry of the app's log: what it writes to its console, its uncaught errors
   * and unhandled rejections (with their stack), and files it failed to load. Only the app's own.
   */
  onLog?: (entry: LogEntry) => void;
}

export type { LogEntry };

export interface MountedApp {
  readonly name: string;
  readonly status: Status;
  /** The element hosting the app (`data-microfrontends-app`). */
  readonly host: HTMLElement;
  /** The app's global object. */
  readonly window: Window;
  update(props: Record<string, unknown>): Promise<void>;
  /**
   * Takes the app off the page. In the iframe and proxy sandboxes, an app with lifecycles stays
   * loaded, parked (its `unmount` is called, its realm kept, its timers paused and its fonts and
   * page listeners taken off, as qiankun and single-spa keep a loaded app): a later `mount()` of
   * the same name and entry only calls its `mount`. Any other app is unloaded.
   */
  unmount(): Promise<void>;
  /** Unmounts and unloads the app: its realm goes, and a later `mount()` loads it afresh. */
  unload(): Promise<void>;
}

/** How many unmounted apps stay loaded for a later mount; the least recently used go first. */
const PARKED_LIMIT = 8;

/** Unmounted apps that stay loaded, by name, with what they were mounted from. */
const parked = new Map<string, { app: AppHost; from: string }>();

function park(name: string, app: AppHost, from: string): void {
  parked.delete(name);
  parked.set(name, { app, from });
  for (const [oldest, { app: evicted }] of parked) {
    if (parked.size <= PARKED_LIMIT) break;
    parked.delete(oldest);
    void evicted.destroy();
  }
}

/** The parked app to mount again, if it was loaded from the same definition. */
function unpark(name: string, from: string): AppHost | undefined {
  const found = parked.get(name);
  if (!found) return undefined;
  parked.delete(name);
  if (found.from === from) return found.app;
  void found.app.destroy();
  return undefined;
}

/** Where each app's log goes: the options of its latest `mount()` say (a parked app is mounted again). */
const logTargets = new WeakMap<AppHost, MountOptions["onLog"]>();

let unnamed = 0;

function nameFor(options: MountOptions): string {
  if (options.name) return options.name;
  const path = options.entry ? new URL(options.entry, document.baseURI).pathname : "";
  const segment = path
    .split("/")
    .filter((part) => part && !/^index\.html?$/i.test(part))
    .pop();
  return `${segment?.replace(/\.html?$/i, "") || "app"}-${++unnamed}`;
}

/** Mounts an app into `container`; rejects (with the error panel shown) if it fails. */
export async function mount(container: HTMLElement, options: MountOptions): Promise<MountedApp> {
  if (!options.entry === (options.html === undefined)) {
    throw new TypeError("mount() needs exactly one of `entry` and `html`");
  }
  if (options.transport && options.transport !== "browser") {
    throw new TypeError(`transport "${options.transport}" needs a kernel; mount() supports "browser"`);
  }
  const name = nameFor(options);
  const entry = options.entry && new URL(options.entry, document.baseURI).href;
  const from = JSON.stringify([
    entry,
    options.html,
    options.sandbox,
    options.css,
    options.importMap,
    options.lifecycleTimeout,
  ]);
  const reused = unpark(name, from);
  const app =
    reused ??
    new AppHost(container, {
      name,
      entry,
      html: options.html,
      props: options.props,
      sandbox: options.sandbox,
      css: options.css,
      transport: cachedTransport(browserTransport, "browser"),
      lifecycleTimeout: options.lifecycleTimeout,
      importMap: options.importMap,
      onLog: (logged) => logTargets.get(app)?.(logged),
    });
  logTargets.set(app, options.onLog);
  if (reused) {
    container.append(reused.root.host);
    await reused.update(options.props ?? {});
  }
  await app.mount();
  if (app.status !== Status.MOUNTED) throw new Error(app.error);
  return {
    name,
    get status() {
      return app.status;
    },
    host: app.root.host,
    get window() {
      return app.realmWindow ?? window;
    },
    update: (props) => app.update(props),
    async unmount() {
      await app.unmount();
      if (app.status !== Status.NOT_MOUNTED) return app.destroy();
      app.root.host.remove();
      park(name, app, from);
    },
    async unload() {
      if (parked.get(name)?.app === app) parked.delete(name);
      await app.destroy();
    },
  };
}
