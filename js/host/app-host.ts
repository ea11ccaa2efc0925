import { callLifecycle, describeError } from "../lifecycle/lifecycles";
import type { Status } from "../lifecycle/status";
import { AppState, LOADING_STATES, reportedStatus, StatusMachine, UNLOADED_STATES } from "../lifecycle/status-machine";
import { learnedAssets } from "../loader/learned-assets";
import { loadPart } from "../loader/parts";
import type { Asset } from "../loader/transport";
import type { SandboxMode } from "../sandbox/contract";
import { SANDBOXES, type SandboxKind } from "../sandbox/registry";
import { AppDiagnostics, type DiagnosticsOptions } from "./app-diagnostics";
import { DEFAULT_LIFECYCLE_TIMEOUT_MS, entryUrl, type LoadedApp, type LoadOptions, loadApp } from "./app-load";
import { lifecycleReport, loadReport, plainErrorPanel } from "./app-reports";
import { AppRoot, type CssMode } from "./app-root";
import type { ErrorReport } from "./error-panel";
import { restyle, type StylesheetChange } from "./restyle";

export type { SandboxMode };

export interface AppHostOptions extends LoadOptions, DiagnosticsOptions {
  props?: Record<string, unknown>;
  sandbox?: SandboxMode;
  css?: CssMode;
  onStatus?: (status: Status, error: string) => void;
  /** Unmount hides the app and keeps it running; mount shows it again. */
  keepAlive?: boolean;
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
  readonly #diagnostics: AppDiagnostics;
  readonly #options: AppHostOptions;
  readonly #machine = new StatusMachine((state) => this.#reportState(state));
  #loaded?: LoadedApp;
  #props: Record<string, unknown>;
  #queue: Promise<void> = Promise.resolve();
  #panel?: HTMLElement;
  /** Set by a reload: the next load bypasses the page's asset cache. */
  #fresh = false;
  /** Set while a kept-alive app is reloaded: it stays hidden throughout. */
  #outOfSight = false;
  /** Styles the app added after mounting, put back when it mounts again (as qiankun does). */
  #dynamicStyles: Element[] = [];
  #savedStyles: Node[] = [];
  /** The entry's download, started before the app's DOM is built; the first load takes it. */
  #entryDownload?: Promise<Asset>;

  constructor(container: HTMLElement, options: AppHostOptions) {
    this.#options = options;
    this.#props = options.props ?? {};
    this.#diagnostics = new AppDiagnostics(options);
    const url = entryUrl(options);
    if (url) this.#startDownloads(url);
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

  /**
   * Loads the app again from its files as they are now (no page cache). An app on the page
   * (mounted, kept alive or broken) is unloaded and mounted again, a kept-alive one hidden
   * again; one that is unmounted stays so, unloaded, and its next mount loads afresh.
   */
  reload(): Promise<void> {
    return this.#enqueue(() => this.#reloadNow());
  }

  /**
   * Stylesheets of the app changed: an app on the page (mounted or kept alive) gets their new
   * rules in place (host/restyle.ts); any other, or one whose sheets cannot be swapped, is
   * reloaded as `reload` does.
   */
  restyle(sheets: StylesheetChange[]): Promise<void> {
    return this.#enqueue(async () => {
      const shown = this.#machine.is(AppState.MOUNTED) || this.#machine.is(AppState.KEPT_ALIVE);
      if (!shown || !(await restyle(this.root, sheets, this.#options.transport))) await this.#reloadNow();
    });
  }

  async #reloadNow(): Promise<void> {
    const machine = this.#machine;
    const hidden = machine.is(AppState.KEPT_ALIVE);
    const shown = hidden || machine.is(AppState.MOUNTED, AppState.LOAD_ERROR, AppState.SKIP_BECAUSE_BROKEN);
    // A kept-alive app is loaded again out of sight, and kept alive again once mounted.
    this.#outOfSight = hidden;
    try {
      await this.#unloadNow();
      this.#fresh = true;
      if (!shown) return;
      await this.#mountNow();
      if (hidden) await this.#unmountNow();
    } finally {
      this.#outOfSight = false;
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
    // Hidden while kept alive. (Not the hidden attribute: the shadow root's
    // :host { display: block } overrides it.)
    this.root.host.style.display = state === AppState.KEPT_ALIVE || this.#outOfSight ? "none" : "";
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
    if (machine.is(AppState.KEPT_ALIVE)) return machine.to(AppState.MOUNTED);
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
    if (machine.is(AppState.MOUNTED) && this.keepAlive) return machine.to(AppState.KEPT_ALIVE);
    if (machine.is(AppState.KEPT_ALIVE) && this.keepAlive) return;
    if (machine.is(AppState.PARKED)) return;
    if (!machine.is(AppState.MOUNTED, AppState.KEPT_ALIVE)) return this.#unloadNow();
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
    report.logs = this.#diagnostics.logs;
    this.#diagnostics.log({ level: "error", kind: "failure", message: this.error, time: Date.now() });
    this.#showPanel(report);
    this.#machine.to(state);
  }

  /**
   * The error panel: at once a plain one (the error, a Retry button), which the styled panel,
   * an on-demand part, fills in once it loads; the plain one stays if the part cannot load
   * (no kernel and no server extension).
   */
  #showPanel(report: ErrorReport): void {
    const panel = (this.#panel = plainErrorPanel(this.error, () => void this.reload()));
    this.root.root.append(panel);
    loadPart<typeof import("./error-panel")>("errors").then(
      ({ renderErrorPanel }) => renderErrorPanel(panel, this.#options.name, report),
      () => undefined,
    );
  }

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

  /** Loads the app into a sandbox of its mode (host/app-load.ts). */
  #load(): Promise<LoadedApp> {
    const fresh = this.#fresh;
    const download = this.#entryDownload;
    this.#fresh = false;
    this.#entryDownload = undefined;
    return loadApp({
      options: this.#options,
      kind: this.#kind,
      root: this.root,
      diagnostics: this.#diagnostics,
      fresh,
      download,
      props: () => this.#props,
      onDynamicStyle: (style) => {
        if (this.#machine.is(AppState.MOUNTED)) this.#dynamicStyles.push(style);
      },
      onReload: () => void this.reload(),
    });
  }
}
