import type { AppConnection } from "../bridge/app-connection";
import type { LogEntry, LogSink } from "../contract/app-log";
import type { OnMissingFile } from "../css/stylesheet";
import { callLifecycle, describeError, type Lifecycles } from "../lifecycle/lifecycles";
import type { Status } from "../lifecycle/status";
import { AppState, LOADING_STATES, reportedStatus, StatusMachine, UNLOADED_STATES } from "../lifecycle/status-machine";
import { crawlEntry, namedFiles, readEntry } from "../loader/entry-graph";
import { learnAssets, learnedAssets } from "../loader/learned-assets";
import { appImportMap, type ImportMap, ModuleLoader } from "../loader/modules";
import { loadPart } from "../loader/parts";
import { refetchingOnce, type Asset, type Transport } from "../loader/transport";
import type { Sandbox, SandboxMode } from "../sandbox/contract";
import { SANDBOXES, type SandboxKind } from "../sandbox/registry";
import { AppRoot, type CssMode } from "./app-root";
import { lifecycleReport, loadReport } from "./app-reports";
import { restyle, type StylesheetChange } from "./restyle";
import type { ErrorReport } from "./error-panel";

export type { SandboxMode };

/** How long a lifecycle may take before the app is marked broken, unless told otherwise. */
export const DEFAULT_LIFECYCLE_TIMEOUT_MS = 10_000;

export interface AppHostOptions {
  name: string;
  /** The HTML entry's absolute URL; with `html`, the URL the inline HTML resolves against. */
  entry?: string;
  html?: string;
  props?: Record<string, unknown>;
  sandbox?: SandboxMode;
  css?: CssMode;
  transport: Transport;
  lifecycleTimeout?: number;
  onStatus?: (status: Status, error: string) => void;
  /** The app's non-fatal problems so far (files it runs without), since it last began loading. */
  onWarnings?: (warnings: string[]) => void;
  /** Each entry of the app's log: its console, uncaught errors and rejections, failed files. */
  onLog?: (entry: LogEntry) => void;
  /** How a URL is named in error messages (a kernel-served URL by its local path). */
  describeUrl?: (url: string) => string;
  /** Mirror the app's route in the page's query string, and restore it from there. */
  syncRoute?: boolean;
  /** Unmount hides the app and keeps it running; mount shows it again. */
  keepAlive?: boolean;
  /** Bare module specifiers the app's ES modules may import, and the URLs they load. */
  importMap?: ImportMap;
  /** Connects each load of the app to shared state and events (see bridge/). */
  connect?: (props: () => Record<string, unknown>, log: LogSink) => AppConnection;
}

/** What a loaded app holds until it is unloaded. */
interface LoadedApp {
  sandbox: Sandbox;
  connection?: AppConnection;
  lifecycles?: Lifecycles;
}

/**
 * One running instance of an app. It drives the app through single-spa's statuses (a table:
 * lifecycle/status-machine.ts) and its sandbox through one contract (sandbox/contract.ts),
 * whatever the mode; it fetches the entry, reports errors and warnings, and keeps props.
 * Commands are queued, so mount, unmount and reload never interleave.
 */
export class AppHost {
  readonly root: AppRoot;
  error = "";
  warnings: string[] = [];
  /** The last entries of the app's log since it last began loading, which its error panel shows. */
  logs: LogEntry[] = [];
  readonly #options: AppHostOptions;
  readonly #machine = new StatusMachine((state) => this.#reportState(state));
  #loaded?: LoadedApp;
  #props: Record<string, unknown>;
  #queue: Promise<void> = Promise.resolve();
  #panel?: HTMLElement;
  /** Set while reloading: the load bypasses the page's asset cache. */
  #fresh = false;
  /** Styles the app added after mounting, put back when it mounts again (as qiankun does). */
  #dynamicStyles: Element[] = [];
  #savedStyles: Node[] = [];
  /** The entry's download, started before the app's DOM is built; the first load takes it. */
  #entryDownload?: Promise<Asset>;

  constructor(container: HTMLElement, options: AppHostOptions) {
    this.#options = options;
    this.#props = options.props ?? {};
    if (this.#entryUrl) this.#startDownloads(this.#entryUrl);
    this.root = new AppRoot(options.name, options.css ?? "shadow", this.#kind.ownElements);
    container.append(this.root.host);
    this.root.setStatus(this.status);
  }

  /** The app's isolation mode, as the host knows it (sandbox/registry.ts). */
  get #kind(): SandboxKind {
    return SANDBOXES[this.#options.sandbox ?? "iframe"];
  }

  /** single-spa's status of the app, as Python and the page see it. */
  get status(): Status {
    return reportedStatus(this.#machine.state);
  }

  /** The app's global object while it is loaded. */
  get realmWindow(): Window | undefined {
    return this.#loaded?.sandbox.global;
  }

  /** Keep-alive can be switched on and off while the app runs; it applies to the next unmount. */
  set keepAlive(keepAlive: boolean) {
    this.#options.keepAlive = keepAlive;
  }

  get keepAlive(): boolean {
    return !!this.#options.keepAlive;
  }

  mount(): Promise<void> {
    return this.#enqueue(() => this.#mountNow());
  }

  unmount(): Promise<void> {
    return this.#enqueue(() => this.#unmountNow());
  }

  /** Unmounts and loads the app again from its files as they are now (no page cache). */
  reload(): Promise<void> {
    return this.#enqueue(() => this.#reloadNow());
  }

  /**
   * Stylesheets of the app changed: an app on the page (mounted or kept alive) gets their new
   * rules in place (host/restyle.ts); any other, or one whose sheets cannot be swapped, is reloaded.
   */
  restyle(sheets: StylesheetChange[]): Promise<void> {
    return this.#enqueue(async () => {
      const shown = this.#machine.is(AppState.MOUNTED) || this.#machine.is(AppState.KEPT_ALIVE);
      if (!shown || !(await restyle(this.root, sheets, this.#options.transport))) await this.#reloadNow();
    });
  }

  async #reloadNow(): Promise<void> {
    await this.#unloadNow();
    this.#fresh = true;
    try {
      await this.#mountNow();
    } finally {
      this.#fresh = false;
    }
  }

  /** New props: kept for the next mount, and given to the `update` lifecycle when mounted. */
  update(props: Record<string, unknown>): Promise<void> {
    this.#props = props;
    this.#loaded?.connection?.propsChanged(props);
    this.#loaded?.sandbox.propsChanged(props);
    return this.#enqueue(async () => {
      if (!this.#machine.is(AppState.MOUNTED) || !this.#loaded?.lifecycles?.update) return;
      await this.#callLifecycle("update").catch((error) => this.#fail(AppState.SKIP_BECAUSE_BROKEN, error));
    });
  }

  /** Unloads the app and removes its element from the page. */
  destroy(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#unloadNow();
      this.root.remove();
    });
  }

  /** Events for this app from Python, delivered to the handlers it registered. */
  deliverEvents(events: [string, unknown][]): void {
    const connection = this.#loaded?.connection;
    for (const [event, payload] of events) connection?.onEvent(event, payload);
  }

  #enqueue(command: () => Promise<void>): Promise<void> {
    this.#queue = this.#queue.then(command, command);
    return this.#queue;
  }

  #reportState(state: AppState): void {
    const status = reportedStatus(state);
    if (state !== AppState.LOAD_ERROR && state !== AppState.SKIP_BECAUSE_BROKEN) this.error = "";
    this.root.setStatus(status);
    this.root.setLoading(LOADING_STATES.has(state));
    this.#options.onStatus?.(status, this.error);
  }

  #callLifecycle(which: "bootstrap" | "mount" | "unmount" | "update"): Promise<void> {
    const { lifecycles, connection } = this.#loaded ?? {};
    if (!lifecycles) return Promise.resolve();
    const props = {
      ...this.#props,
      ...connection?.lifecycleProps(),
      name: this.#options.name,
      container: this.root.body,
    };
    return callLifecycle(lifecycles, which, props, this.#options.lifecycleTimeout ?? DEFAULT_LIFECYCLE_TIMEOUT_MS);
  }

  async #mountNow(): Promise<void> {
    const machine = this.#machine;
    if (machine.is(AppState.KEPT_ALIVE)) {
      this.root.host.style.display = "";
      return machine.to(AppState.MOUNTED);
    }
    if (machine.is(AppState.PARKED)) return this.#unpark();
    if (!UNLOADED_STATES.has(machine.state)) return;
    this.#clearBroken();
    machine.to(AppState.LOADING_SOURCE_CODE);
    try {
      this.#loaded = await this.#load();
    } catch (error) {
      return this.#fail(AppState.LOAD_ERROR, error);
    }
    try {
      machine.through(AppState.NOT_BOOTSTRAPPED, AppState.BOOTSTRAPPING);
      await this.#callLifecycle("bootstrap");
      machine.through(AppState.NOT_MOUNTED, AppState.MOUNTING);
      await this.#callLifecycle("mount");
    } catch (error) {
      return this.#fail(AppState.SKIP_BECAUSE_BROKEN, error);
    }
    this.root.head.append(...this.#savedStyles);
    this.#savedStyles = [];
    machine.to(AppState.MOUNTED);
    this.#loaded.sandbox.mounted();
  }

  /**
   * Unmount: with keep-alive, the app is only hidden (DOM, realm, timers and listeners stay; no
   * lifecycle runs). Otherwise its `unmount` lifecycle tears down what `mount` built, and an
   * app with lifecycles in a sandbox that can park stays loaded (single-spa's NOT_MOUNTED), off
   * the page, so that `mount` only calls its `mount`; any other app is unloaded.
   */
  async #unmountNow(): Promise<void> {
    const machine = this.#machine;
    if (machine.is(AppState.MOUNTED) && this.keepAlive) {
      // (Not the hidden attribute: the shadow root's :host { display: block } overrides it.)
      this.root.host.style.display = "none";
      return machine.to(AppState.KEPT_ALIVE);
    }
    if (machine.is(AppState.KEPT_ALIVE) && this.keepAlive) return;
    if (machine.is(AppState.PARKED)) return;
    if (!machine.is(AppState.MOUNTED, AppState.KEPT_ALIVE)) return this.#unloadNow();
    this.root.host.style.display = "";
    machine.to(AppState.UNMOUNTING);
    const loaded = this.#loaded!;
    try {
      await this.#callLifecycle("unmount");
    } catch (error) {
      console.warn(`microfrontends: app "${this.#options.name}":`, describeError(error));
      return this.#unload();
    }
    if (!loaded.lifecycles || !loaded.sandbox.parkable) return this.#unload();
    loaded.sandbox.park();
    loaded.connection?.park();
    this.root.detachContent();
    machine.to(AppState.PARKED);
  }

  async #unpark(): Promise<void> {
    const loaded = this.#loaded!;
    this.root.attachContent();
    loaded.connection?.unpark();
    loaded.sandbox.unpark();
    this.#machine.to(AppState.MOUNTING);
    try {
      await this.#callLifecycle("mount");
    } catch (error) {
      return this.#fail(AppState.SKIP_BECAUSE_BROKEN, error);
    }
    this.#machine.to(AppState.MOUNTED);
  }

  /** Whatever state the app is in, back to NOT_LOADED: unmounted (its lifecycle called) and unloaded. */
  async #unloadNow(): Promise<void> {
    const machine = this.#machine;
    if (machine.is(AppState.LOAD_ERROR, AppState.SKIP_BECAUSE_BROKEN)) {
      this.#clearBroken();
      return machine.to(AppState.NOT_LOADED);
    }
    if (machine.is(AppState.MOUNTED, AppState.KEPT_ALIVE)) {
      this.root.host.style.display = "";
      machine.to(AppState.UNMOUNTING);
      // The app is going away either way; its DOM and realm are removed below.
      await this.#callLifecycle("unmount").catch((error) =>
        console.warn(`microfrontends: app "${this.#options.name}":`, describeError(error)),
      );
    }
    if (machine.is(AppState.UNMOUNTING, AppState.PARKED)) this.#unload();
  }

  /** Removes the app's realm, DOM and side effects: back to NOT_LOADED. */
  #unload(): void {
    this.root.attachContent();
    this.#machine.to(AppState.UNLOADING);
    this.#savedStyles = this.#dynamicStyles.filter((style) => style.isConnected).map((style) => style.cloneNode(true));
    this.#teardown();
    this.#machine.to(AppState.NOT_LOADED);
  }

  #clearBroken(): void {
    this.#panel?.remove();
    this.#panel = undefined;
    this.root.html.style.display = "";
  }

  #teardown(): void {
    if (this.#loaded) {
      this.#loaded.connection?.dispose();
      this.#loaded.sandbox.destroy();
      this.#loaded = undefined;
    }
    this.#dynamicStyles = [];
    this.root.clear();
  }

  #fail(state: typeof AppState.LOAD_ERROR | typeof AppState.SKIP_BECAUSE_BROKEN, error: unknown): void {
    const describe = this.#options.describeUrl ?? ((url: string) => url);
    const report: ErrorReport =
      state === AppState.LOAD_ERROR
        ? loadReport(error, this.#options.entry ?? "inline html", describe)
        : lifecycleReport(error);
    this.#teardown();
    // The app's (now empty) html box fills a host of set height; the panel takes its place.
    this.root.html.style.display = "none";
    this.error = `App "${this.#options.name}": ${report.phase} failed (${report.source}): ${report.message}`;
    report.logs = this.logs;
    this.#log({ level: "error", kind: "failure", message: this.error, time: Date.now() });
    this.#showPanel(report);
    this.#machine.to(state);
  }

  /**
   * The error panel: at once a plain one (the error, a Retry button), which the styled panel,
   * an on-demand part, fills in once it loads; the plain one stays if the part cannot load
   * (no kernel and no server extension).
   */
  #showPanel(report: ErrorReport): void {
    const panel = (this.#panel = document.createElement("div"));
    panel.className = "microfrontends-error";
    panel.setAttribute("role", "alert");
    const message = document.createElement("div");
    message.className = "microfrontends-error-message";
    message.textContent = this.error;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "microfrontends-retry";
    button.textContent = "Retry";
    button.onclick = () => void this.reload();
    panel.append(message, button);
    this.root.root.append(panel);
    loadPart<typeof import("./error-panel")>("errors").then(
      ({ renderErrorPanel }) => renderErrorPanel(panel, this.#options.name, report),
      () => undefined,
    );
  }

  /** A file the app can do without could not be loaded: it runs without it, as in a page, and says so. */
  readonly #reportMissing: OnMissingFile = (url, error) => {
    const named = this.#options.describeUrl?.(url) ?? url;
    const warning = `App "${this.#options.name}" runs without ${named}: ${describeError(error)}`;
    console.warn("microfrontends:", warning);
    this.#options.onWarnings?.((this.warnings = [...this.warnings, warning]));
    this.#log({ level: "warn", kind: "file", message: warning, time: Date.now() });
  };

  readonly #log: LogSink = (entry) => {
    this.logs = [...this.logs.slice(-19), entry];
    this.#options.onLog?.(entry);
  };

  /**
   * Starts downloading the entry, and the files it named the last time it loaded (see
   * loader/learned-assets.ts), before the app's DOM is built: the first load uses them.
   */
  #startDownloads(entry: string): void {
    const { transport } = this.#options;
    this.#entryDownload = transport.fetch(entry);
    this.#entryDownload.catch(() => undefined); // the load reports it
    for (const url of learnedAssets(entry)) transport.fetch(url).catch(() => undefined);
  }

  /** The URL the app's entry is downloaded from (none for inline HTML). */
  get #entryUrl(): string | undefined {
    return this.#options.html === undefined ? this.#options.entry : undefined;
  }

  /** Reads the entry, starts every file it names, and loads the app into a sandbox of its mode. */
  async #load(): Promise<LoadedApp> {
    const { name } = this.#options;
    const fresh = this.#fresh;
    const transport = fresh ? refetchingOnce(this.#options.transport) : this.#options.transport;
    const scoping = this.root.needsScope() ? loadPart<typeof import("../css/scope")>("scoped") : undefined;
    scoping?.catch(() => undefined);
    if (this.warnings.length) this.#options.onWarnings?.((this.warnings = []));
    this.logs = [];
    const { importMap } = this.#options;
    const crawl = { fresh, onMissing: this.#reportMissing };
    const download = this.#fresh ? undefined : this.#entryDownload;
    this.#entryDownload = undefined;
    const entry = await readEntry(this.#options, transport, crawl, download);
    const files = crawlEntry(entry, transport, crawl);
    if (this.#entryUrl) learnAssets(this.#entryUrl, namedFiles(files));
    const connection = this.#options.connect?.(() => this.#props, this.#log);
    let made: Promise<Sandbox> | undefined;
    try {
      // The sandbox is made while the files are still on their way.
      made = this.#kind.make({
        name,
        dom: this.root,
        files,
        transport,
        fresh,
        importMap,
        modules: () => new ModuleLoader(transport, appImportMap(entry.imports, importMap), entry.baseUrl, fresh),
        connection,
        props: () => this.#props,
        syncRoute: !!this.#options.syncRoute,
        timeoutMs: this.#options.lifecycleTimeout ?? DEFAULT_LIFECYCLE_TIMEOUT_MS,
        onMissing: this.#reportMissing,
        log: this.#log,
        onDynamicStyle: (style) => {
          if (this.#machine.is(AppState.MOUNTED)) this.#dynamicStyles.push(style);
        },
        onReload: () => void this.reload(),
      });
      if (scoping) this.root.useScope(new (await scoping).CssScope(name));
      const sandbox = await made;
      return { sandbox, connection, lifecycles: await sandbox.load() };
    } catch (error) {
      made?.then(
        (sandbox) => sandbox.destroy(),
        () => undefined,
      );
      connection?.dispose();
      throw error;
    }
  }
}
