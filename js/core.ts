/**
 * The framework-agnostic core: mounts an app on any web page, with no notebook and no kernel.
 *
 *   import { mount } from "./core.js";
 *   const app = await mount(document.querySelector("#slot"), { entry: "/apps/orders/" });
 *   await app.unmount();
 */
import { AppHost, type SandboxMode } from "./host/app-host";
import type { CssMode } from "./host/app-root";
import { Status } from "./lifecycle/status";
import { setModuleRuntime, type ImportMap } from "./loader/modules";
import { setProxyRuntime } from "./sandbox/proxy-runtime";
import { setStrictRuntime } from "./strict/runtime";
import { browserTransport, cachedTransport } from "./loader/transport";

setModuleRuntime(() => import("./loader/module-graph"));
setStrictRuntime(() => import("./strict/strict-frame"));
setProxyRuntime(() => import("./sandbox/proxy-realm"));

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
}

export interface MountedApp {
  readonly name: string;
  readonly status: Status;
  /** The element hosting the app (`data-microfrontends-app`). */
  readonly host: HTMLElement;
  /** The app's global object. */
  readonly window: Window;
  update(props: Record<string, unknown>): Promise<void>;
  unmount(): Promise<void>;
}

let unnamed = 0;

function nameFor(options: MountOptions): string {
  if (options.name) return options.name;
  const path = options.entry ? new URL(options.entry, document.baseURI).pathname : "";
  const segment = path.split("/").filter((part) => part && !/^index\.html?$/i.test(part)).pop();
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
  const app = new AppHost(container, {
    name,
    entry: options.entry && new URL(options.entry, document.baseURI).href,
    html: options.html,
    props: options.props,
    sandbox: options.sandbox,
    css: options.css,
    transport: cachedTransport(browserTransport),
    lifecycleTimeout: options.lifecycleTimeout,
    importMap: options.importMap,
  });
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
    unmount: () => app.destroy(),
  };
}
