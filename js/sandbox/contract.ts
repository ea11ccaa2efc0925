import type { AppConnection } from "../bridge/app-connection";
import type { AppDom } from "../contract/app-dom";
import type { LogSink } from "../contract/app-log";
import type { OnMissingFile } from "../css/stylesheet";
import type { Lifecycles } from "../lifecycle/lifecycles";
import type { AppFiles } from "../loader/entry-graph";
import type { ImportMap, ModuleLoader } from "../loader/modules";
import type { Transport } from "../loader/transport";

/** The isolation modes of `MicroApp(sandbox=...)`; each is one `SandboxMaker` (see registry.ts). */
export type SandboxMode = "iframe" | "proxy" | "strict" | "none" | "snapshot";

/** What a sandbox is made for: one load of one app. */
export interface SandboxSetup {
  name: string;
  /** The DOM the app renders into. */
  dom: AppDom;
  /** The app's entry and the files it names, on their way (loader/entry-graph.ts). */
  files: AppFiles;
  transport: Transport;
  /** Bypass the page cache (a reload). */
  fresh: boolean;
  importMap?: ImportMap;
  /** A loader of the app's ES modules, through its transport, with its entry's and the host's import maps. */
  modules(): ModuleLoader;
  /** The app's shared state, props and events for this load, if it is connected. */
  connection?: AppConnection;
  props: () => Record<string, unknown>;
  /** Mirror the app's route in the page's query string. */
  syncRoute: boolean;
  /** How long a lifecycle may take (a strict frame's own calls). */
  timeoutMs: number;
  /** A file the app runs without (a stylesheet, image or font) could not be loaded. */
  onMissing: OnMissingFile;
  /** A `<style>` or stylesheet the app added at run time, once inserted. */
  onDynamicStyle(style: Element): void;
  /** The app reloads itself (`location.reload()`, as a dev server's client does): load it afresh. */
  onReload(): void;
  /** Where the app's console output, uncaught errors, unhandled rejections and failed files go. */
  log: LogSink;
}

/**
 * Where one load of an app runs: every isolation mode implements this, and the host drives
 * each one the same way (host/app-host.ts), never asking which it has. Each step undoes only
 * what it did: `unpark` what `park` did, `destroy` everything `load` did.
 */
export interface Sandbox {
  /** The app's global object while it is loaded (a strict frame's window is another origin's). */
  readonly global: Window;
  /**
   * Whether an unmounted app may stay loaded here, parked off the page, for a later mount:
   * only where nothing of the app is left in the page's own window.
   */
  readonly parkable: boolean;
  /**
   * Renders the app's markup and styles and runs its scripts, in document order. Resolves with
   * the app's lifecycles, or with none for a zero-change app (or one that mounts itself).
   */
  load(): Promise<Lifecycles | undefined>;
  /** The app is on the page (a sandbox may now prepare for the next app, while the page is idle). */
  mounted(): void;
  /** The app's props changed (beyond its `update` lifecycle, which the host calls). */
  propsChanged(props: Record<string, unknown>): void;
  /** Takes out of the page everything of the app that shows outside its DOM, to be put back by `unpark`. */
  park(): void;
  unpark(): void;
  /** Removes everything `load` did: the realm, its patches, its fonts and listeners. */
  destroy(): void;
}

/** Makes the sandbox of one mode (on-demand parts load here). */
export type SandboxMaker = (setup: SandboxSetup) => Promise<Sandbox>;
