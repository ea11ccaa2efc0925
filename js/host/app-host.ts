import type { AppConnection } from "../bridge/app-connection";
import { resolveStylesheet, type OnMissingFile, type ResolvedStylesheet } from "../css/stylesheet";
import {
  callLifecycle,
  describeError,
  findLifecycles,
  isLifecycleError,
  type Lifecycles,
} from "../lifecycle/lifecycles";
import { Status } from "../lifecycle/status";
import { loadableUrl } from "../loader/asset-urls";
import {
  deferVirtualUrls,
  entryHtml,
  EntryError,
  executionOrder,
  loadDeferredUrls,
  parseEntry,
  type EntryDocument,
  type ScriptSource,
} from "../loader/html-entry";
import { ModuleLoader, type ImportMap } from "../loader/modules";
import { learnAssets, learnedAssets } from "../loader/learned-assets";
import { loadPart } from "../loader/parts";
import { AssetError, assetText, type Asset, type Transport } from "../loader/transport";
import { patchInsertion } from "../patches/dom-insertion";
import { patchRealmDocument } from "../patches/document";
import { AppListeners } from "../patches/events";
import { patchRealmFetch } from "../patches/fetch";
import { patchRealmHistory } from "../patches/history";
import { routeFragmentLinks } from "../patches/links";
import { patchUrlAttributes } from "../patches/url-attributes";
import type { RouteSync } from "../patches/route-sync";
import { patchRealmTimers, type TimerControl } from "../patches/timers";
import { patchRealmWindow } from "../patches/window";
import { patchRealmXhr } from "../patches/xhr";
import { IframeRealm } from "../sandbox/iframe-realm";
import { keepSpareFrame } from "../sandbox/spare-frame";
import { hostGlobals, isScriptError, type Realm } from "../sandbox/realm";
import { AppRoot, type CssMode } from "./app-root";
import { renderErrorPanel, type ErrorReport } from "./error-panel";

export type SandboxMode = "iframe" | "proxy" | "strict" | "none" | "snapshot";

const LOADING_STATUSES = new Set<Status>([
  Status.LOADING_SOURCE_CODE,
  Status.NOT_BOOTSTRAPPED,
  Status.BOOTSTRAPPING,
  Status.NOT_MOUNTED,
  Status.MOUNTING,
]);

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
  /** How a URL is named in error messages (a kernel-served URL by its local path). */
  describeUrl?: (url: string) => string;
  /** Mirror the app's route in the page's query string, and restore it from there. */
  syncRoute?: boolean;
  /** Unmount hides the app and keeps it running; mount shows it again. */
  keepAlive?: boolean;
  /** Bare module specifiers the app's ES modules may import, and the URLs they load. */
  importMap?: ImportMap;
  /** Connects each load of the app to shared state and events (see bridge/). */
  connect?: (props: () => Record<string, unknown>) => AppConnection;
}

/** What a loaded app holds until it is unloaded. */
interface LoadedApp {
  realm: Realm;
  connection?: AppConnection;
  /** Where new props go besides the `update` lifecycle (a strict frame's messages). */
  propsSink?: (props: Record<string, unknown>) => void;
  lifecycles?: Lifecycles;
  /** The realm's timers, paused while the app is unmounted but stays loaded. */
  timers?: TimerControl;
  dispose: (() => void)[];
}

/** Where a load failed: the URL of the entry or asset, for the error panel. */
class LoadFailure extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One running instance of an app: loads its entry, renders it into an isolated root, runs its
 * scripts in a realm, drives its lifecycles through single-spa's statuses and undoes it all on
 * unmount. Commands are queued, so mount, unmount and reload never interleave.
 */
export class AppHost {
  readonly root: AppRoot;
  status: Status = Status.NOT_LOADED;
  error = "";
  warnings: string[] = [];
  private loaded?: LoadedApp;
  private props: Record<string, unknown>;
  private queue: Promise<void> = Promise.resolve();
  private panel?: HTMLElement;
  /** Set while reloading: the load bypasses the page's asset cache. */
  private fresh = false;
  /** Hidden by a keep-alive unmount, running still. */
  private keptHidden = false;
  /**
   * Unmounted but still loaded (single-spa's NOT_MOUNTED): an app with lifecycles keeps its
   * realm after `unmount`, with its DOM off the page, so that `mount` only calls its `mount`.
   */
  private parked = false;
  /** Styles the app added after mounting, put back when it mounts again (as qiankun does). */
  private dynamicStyles: Element[] = [];
  private savedStyles: Node[] = [];
  /** The entry's download, started before the app's DOM is built; the first load takes it. */
  private entryDownload?: Promise<Asset>;

  constructor(
    container: HTMLElement,
    private readonly options: AppHostOptions,
  ) {
    this.props = options.props ?? {};
    if (this.entryUrl) this.startDownloads(this.entryUrl);
    this.root = new AppRoot(options.name, options.css ?? "shadow");
    container.append(this.root.host);
    this.root.setStatus(this.status);
  }

  /**
   * Starts downloading the entry, and the files it named the last time it loaded (see
   * loader/learned-assets.ts), before the app's DOM is built: the first load uses them.
   */
  private startDownloads(entry: string): void {
    const { transport } = this.options;
    this.entryDownload = transport.fetch(entry);
    this.entryDownload.catch(() => undefined); // the load reports it
    for (const url of learnedAssets(entry)) transport.fetch(url).catch(() => undefined);
  }

  /** The URL the app's entry is downloaded from (none for inline HTML). */
  private get entryUrl(): string | undefined {
    return this.options.html === undefined ? this.options.entry : undefined;
  }

  /** The app's global object while it is loaded. */
  get realmWindow(): Window | undefined {
    return this.loaded?.realm.global;
  }

  mount(): Promise<void> {
    return this.enqueue(() => this.mountNow());
  }

  unmount(): Promise<void> {
    return this.enqueue(() => {
      if (this.keepAlive) return this.hideNow();
      // Only an iframe realm can be set aside whole (the others write to the page's window).
      const parkable = this.loaded?.lifecycles && this.loaded.realm instanceof IframeRealm;
      return parkable ? this.parkNow() : this.unmountNow();
    });
  }

  /** Unmounts and loads the app again from its files as they are now (no page cache). */
  reload(): Promise<void> {
    return this.enqueue(async () => {
      await this.unmountNow();
      this.fresh = true;
      try {
        await this.mountNow();
      } finally {
        this.fresh = false;
      }
    });
  }

  /** Keep-alive can be switched on and off while the app runs; it applies to the next unmount. */
  set keepAlive(keepAlive: boolean) {
    this.options.keepAlive = keepAlive;
  }

  get keepAlive(): boolean {
    return !!this.options.keepAlive;
  }

  /** New props: kept for the next mount, and given to the `update` lifecycle when mounted. */
  update(props: Record<string, unknown>): Promise<void> {
    this.props = props;
    this.loaded?.connection?.propsChanged(props);
    this.loaded?.propsSink?.(props);
    return this.enqueue(async () => {
      const lifecycles = this.loaded?.lifecycles;
      if (this.status !== Status.MOUNTED || !lifecycles?.update) return;
      try {
        await callLifecycle(lifecycles, "update", this.lifecycleProps(), this.timeout());
      } catch (error) {
        this.fail(Status.SKIP_BECAUSE_BROKEN, this.lifecycleReport(error));
      }
    });
  }

  /** Unmounts and removes the app's element from the page. */
  destroy(): Promise<void> {
    return this.enqueue(async () => {
      await this.unmountNow();
      this.root.remove();
    });
  }

  private enqueue(command: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(command, command);
    return this.queue;
  }

  private setStatus(status: Status, error = ""): void {
    this.status = status;
    this.error = error;
    this.root.setStatus(status);
    this.root.setLoading(LOADING_STATUSES.has(status) && !this.parked);
    this.options.onStatus?.(status, error);
  }

  private timeout(): number {
    return this.options.lifecycleTimeout ?? DEFAULT_LIFECYCLE_TIMEOUT_MS;
  }

  private lifecycleProps(): Record<string, unknown> {
    return {
      ...this.props,
      ...this.loaded?.connection?.lifecycleProps(),
      name: this.options.name,
      container: this.root.body,
    };
  }

  /** Events for this app from Python, delivered to the handlers it registered. */
  deliverEvents(events: [string, unknown][]): void {
    const connection = this.loaded?.connection;
    for (const [event, payload] of events) connection?.onEvent(event, payload);
  }

  private async mountNow(): Promise<void> {
    if (this.status === Status.NOT_MOUNTED && this.keptHidden) {
      this.showKept();
      this.setStatus(Status.MOUNTED);
      return;
    }
    if (this.status === Status.NOT_MOUNTED && this.parked) return this.remountParked();
    if (this.status !== Status.NOT_LOADED && !this.isBroken()) return;
    this.clearBroken();
    this.setStatus(Status.LOADING_SOURCE_CODE);
    try {
      this.loaded = await this.load();
    } catch (error) {
      // A strict frame mounts itself while loading; its lifecycle failures are still that.
      if (isLifecycleError(error)) this.fail(Status.SKIP_BECAUSE_BROKEN, this.lifecycleReport(error));
      else this.fail(Status.LOAD_ERROR, this.loadReport(error));
      return;
    }
    this.setStatus(Status.NOT_BOOTSTRAPPED);
    const { lifecycles } = this.loaded;
    try {
      this.setStatus(Status.BOOTSTRAPPING);
      if (lifecycles) await callLifecycle(lifecycles, "bootstrap", this.lifecycleProps(), this.timeout());
      this.setStatus(Status.NOT_MOUNTED);
      this.setStatus(Status.MOUNTING);
      if (lifecycles) await callLifecycle(lifecycles, "mount", this.lifecycleProps(), this.timeout());
    } catch (error) {
      this.fail(Status.SKIP_BECAUSE_BROKEN, this.lifecycleReport(error));
      return;
    }
    this.root.head.append(...this.savedStyles);
    this.savedStyles = [];
    this.setStatus(Status.MOUNTED);
    // The next app's realm is made once this one is up, when the page is idle.
    if (realmFrame(this.loaded.realm)) keepSpareFrame();
  }

  /**
   * Keep-alive unmount: the app's DOM, realm, timers and listeners all stay; only its box is
   * hidden. Its lifecycles are not called, so nothing is torn down to build again.
   */
  private async hideNow(): Promise<void> {
    if (this.status !== Status.MOUNTED) return this.unmountNow();
    // (Not the hidden attribute: the shadow root's :host { display: block } overrides it.)
    this.root.host.style.display = "none";
    this.keptHidden = true;
    this.setStatus(Status.NOT_MOUNTED);
  }

  /**
   * Unmount of an app with lifecycles: its `unmount` tears down what `mount` built, and the
   * realm stays loaded, as single-spa and qiankun keep a loaded app. Its DOM and styles leave
   * the page and its timers pause until it mounts again. If `unmount` fails, the app is
   * unloaded instead.
   */
  private async parkNow(): Promise<void> {
    const lifecycles = this.loaded?.lifecycles;
    if (this.status !== Status.MOUNTED || !lifecycles) return this.unmountNow();
    this.setStatus(Status.UNMOUNTING);
    try {
      await callLifecycle(lifecycles, "unmount", this.lifecycleProps(), this.timeout());
    } catch (error) {
      console.warn(`microfrontends: app "${this.options.name}":`, describeError(error));
      return this.unloadNow();
    }
    this.parked = true;
    this.loaded!.timers?.pause();
    this.root.detachContent();
    this.setStatus(Status.NOT_MOUNTED);
  }

  private async remountParked(): Promise<void> {
    this.parked = false;
    this.root.attachContent();
    this.loaded!.timers?.resume();
    this.setStatus(Status.MOUNTING);
    try {
      await callLifecycle(this.loaded!.lifecycles!, "mount", this.lifecycleProps(), this.timeout());
    } catch (error) {
      this.fail(Status.SKIP_BECAUSE_BROKEN, this.lifecycleReport(error));
      return;
    }
    this.setStatus(Status.MOUNTED);
  }

  private showKept(): void {
    this.root.host.style.display = "";
    this.keptHidden = false;
  }

  private async unmountNow(): Promise<void> {
    this.showKept();
    if (this.isBroken()) {
      this.clearBroken();
      this.setStatus(Status.NOT_LOADED);
      return;
    }
    if (!this.loaded) return;
    const { lifecycles } = this.loaded;
    if (!this.parked) {
      this.setStatus(Status.UNMOUNTING);
      if (lifecycles?.unmount) {
        try {
          await callLifecycle(lifecycles, "unmount", this.lifecycleProps(), this.timeout());
        } catch (error) {
          // The app is going away either way; its DOM and realm are removed below.
          console.warn(`microfrontends: app "${this.options.name}":`, describeError(error));
        }
      }
    }
    return this.unloadNow();
  }

  /** Removes the app's realm, DOM and side effects: back to NOT_LOADED. */
  private unloadNow(): void {
    this.parked = false;
    this.root.attachContent();
    this.setStatus(Status.UNLOADING);
    this.savedStyles = this.dynamicStyles.filter((style) => style.isConnected).map((style) => style.cloneNode(true));
    this.teardown();
    this.setStatus(Status.NOT_LOADED);
  }

  private isBroken(): boolean {
    return this.status === Status.LOAD_ERROR || this.status === Status.SKIP_BECAUSE_BROKEN;
  }

  private clearBroken(): void {
    this.panel?.remove();
    this.panel = undefined;
    this.root.html.style.display = "";
  }

  private teardown(): void {
    if (this.loaded) {
      this.loaded.connection?.dispose();
      this.release(this.loaded);
      this.loaded = undefined;
    }
    this.dynamicStyles = [];
    this.root.clear();
  }

  /** Undoes a loaded app's patches and removes its realm. */
  private release(loaded: LoadedApp): void {
    for (const dispose of loaded.dispose) dispose();
    loaded.realm.destroy();
  }

  private fail(status: Status, report: ErrorReport): void {
    this.teardown();
    // The app's (now empty) html box fills a host of set height; the panel takes its place.
    this.root.html.style.display = "none";
    this.panel = renderErrorPanel(this.root.root, this.options.name, report, () => void this.reload());
    const text = `App "${this.options.name}": ${report.phase} failed (${report.source}): ${report.message}`;
    this.setStatus(status, text);
  }

  private loadReport(error: unknown): ErrorReport {
    const describe = this.options.describeUrl ?? ((url: string) => url);
    const [source, message] =
      error instanceof AssetError || error instanceof EntryError
        ? [error.url, error.message]
        : isScriptError(error) || error instanceof LoadFailure
          ? [error.source, error.message]
          : [this.options.entry ?? "inline html", describeError(error)];
    return { phase: "load", source: describe(source), message: message.replace(source, describe(source)) };
  }

  private lifecycleReport(error: unknown): ErrorReport {
    const lifecycle = isLifecycleError(error) ? error.lifecycle : "mount";
    const message = isLifecycleError(error) ? error.message : describeError(error);
    return { phase: lifecycle, source: `lifecycle ${lifecycle}()`, message };
  }

  /** A file the app can do without could not be loaded: it runs without it, as in a page, and says so. */
  private readonly reportMissing: OnMissingFile = (url, error) => {
    const named = this.options.describeUrl?.(url) ?? url;
    const warning = `App "${this.options.name}" runs without ${named}: ${describeError(error)}`;
    console.warn("microfrontends:", warning);
    this.options.onWarnings?.((this.warnings = [...this.warnings, warning]));
  };

  private async load(): Promise<LoadedApp> {
    const { transport, sandbox } = this.options;
    const scoping = this.root.needsScope() ? loadPart("scoped") : undefined;
    scoping?.catch(() => undefined);
    if (this.warnings.length) this.options.onWarnings?.((this.warnings = []));
    const entry = await this.fetchEntry();
    const scripts = executionOrder(entry.scripts);
    // Everything is fetched at once; styles apply and scripts run in document order. A linked
    // stylesheet that cannot be loaded is left out, as a browser leaves it out.
    const sheets = entry.styles.map(async ({ href, text }) => {
      const sheet = href ? await this.fetchAsset(href).catch((error) => this.reportMissing(href, error)) : undefined;
      const css = sheet ? assetText(sheet) : (text ?? "");
      return resolveStylesheet(css, sheet?.url ?? entry.baseUrl, transport, this.reportMissing);
    });
    const sources = scripts.map((script) =>
      script.src && !script.module ? this.fetchAsset(script.src).then(assetText) : undefined,
    );
    for (const pending of [...sheets, ...sources]) pending?.catch(() => undefined);
    if (this.entryUrl) {
      const urls = [...entry.styles.map((style) => style.href), ...scripts.map((script) => script.src)];
      learnAssets(
        this.entryUrl,
        urls.filter((url): url is string => !!url),
      );
    }
    if (sandbox === "strict") return this.loadStrict(entry, sheets, scripts, sources);
    // ES modules load through the app's transport; their graphs start loading now.
    const modules =
      sandbox === "none" ? undefined : new ModuleLoader(transport, this.options.importMap, entry.baseUrl, this.fresh);
    modules?.prefetch(scripts.filter((script) => script.module).map((script) => script.src));
    // The realm is made, and pointed at the app's root, while the files are still on their way.
    const connection = this.options.connect?.(() => this.props);
    const prepared = this.prepareRealm(entry.baseUrl, connection);
    try {
      if (scoping) this.root.useScope(new (await scoping).CssScope(this.options.name));
      for (const sheet of await Promise.all(sheets)) {
        this.root.addStyle(sheet.rules);
        this.root.hoistFontFaces(sheet.fontFaces);
      }
      this.renderBody(entry);
      this.loaded = await prepared;
    } catch (error) {
      void prepared.then(
        (unused) => this.release(unused),
        () => undefined,
      );
      connection?.dispose();
      throw error;
    }
    const loaded = this.loaded;
    const frame = realmFrame(loaded.realm);
    // Module scripts the app adds later load the same way (see patches/dom-insertion.ts).
    if (frame) modules?.install(frame.global);
    if (frame || sandbox === "snapshot") {
      loaded.dispose.push(...this.captureInserts(loaded.realm, entry.baseUrl));
    }

    if (frame) {
      // The realm takes the app's URL once the app's scripts are in (see IframeRealm.enter).
      await Promise.allSettled(sources.filter((_, i) => !scripts[i].async));
      frame.enter();
    }
    const asyncRuns: Promise<void>[] = [];
    for (const [i, script] of scripts.entries()) {
      if (script.module) {
        await loaded.realm.runModule(await this.moduleUrl(loaded.realm, modules, script, entry.baseUrl));
      } else if (script.async && sources[i]) {
        asyncRuns.push(sources[i]!.then((text) => loaded.realm.run({ url: script.src, text })));
      } else {
        const text = sources[i] ? await sources[i]! : (script.text ?? "");
        loaded.realm.run({ url: script.src, text });
      }
    }
    await Promise.all(asyncRuns);
    loaded.realm.finishLoading();
    loaded.lifecycles = findLifecycles(
      loaded.realm.global as unknown as Record<string, unknown>,
      this.options.name,
      loaded.realm.addedGlobals(),
    );
    return loaded;
  }

  /**
   * A module script's URL for the realm: in an iframe realm, a blob URL from the module loader,
   * which fetches, rewrites and links the module graph through the app's transport (and the
   * host's import map); elsewhere the URL itself, or a blob URL of an inline module.
   */
  private moduleUrl(
    realm: Realm,
    modules: ModuleLoader | undefined,
    script: { src?: string; text?: string },
    baseUrl: string,
  ): Promise<string> {
    if (realmFrame(realm) && modules) {
      return script.src ? modules.load(script.src) : modules.loadInline(script.text ?? "", baseUrl);
    }
    const url = script.src ?? URL.createObjectURL(new Blob([script.text ?? ""], { type: "text/javascript" }));
    return Promise.resolve(loadableUrl(url, this.options.transport));
  }

  /** `sandbox="strict"`: the app, its CSS and its scripts inlined into an opaque-origin frame. */
  private async loadStrict(
    entry: EntryDocument,
    sheets: Promise<ResolvedStylesheet>[],
    scripts: ScriptSource[],
    sources: (Promise<string> | undefined)[],
  ): Promise<LoadedApp> {
    const { loadStrictApp } = await loadPart("strict");
    const { frame, connection } = await loadStrictApp({
      name: this.options.name,
      entry,
      sheets,
      scripts,
      sources,
      importMap: this.options.importMap,
      transport: this.options.transport,
      parent: this.root.body,
      connect: () => this.options.connect?.(() => this.props),
      props: this.props,
      timeoutMs: this.timeout(),
      fillHeight: !!this.root.host.style.height,
    });
    return { realm: frame, connection, dispose: [], propsSink: (props) => frame.updateProps(props) };
  }

  private fetchAsset(url: string) {
    return this.options.transport.fetch(url, { fresh: this.fresh });
  }

  private async fetchEntry(): Promise<EntryDocument> {
    const { entry, html } = this.options;
    if (html !== undefined) return parseEntry(html, entry ?? document.baseURI);
    if (!entry) throw new LoadFailure("(no entry)", "neither an entry URL nor inline html was given");
    const download = this.fresh ? undefined : this.entryDownload;
    this.entryDownload = undefined;
    const asset = await (download ?? this.fetchAsset(entry));
    return parseEntry(entryHtml(asset.url, asset.contentType, asset.bytes), asset.url);
  }

  private renderBody(entry: EntryDocument): void {
    const { body, html } = this.root;
    for (const attribute of entry.bodyAttributes) body.setAttribute(attribute.name, attribute.value);
    if ((this.options.css ?? "shadow") === "shadow") {
      for (const attribute of entry.htmlAttributes) html.setAttribute(attribute.name, attribute.value);
    }
    const content = entry.body.content.cloneNode(true) as DocumentFragment;
    deferVirtualUrls(content, this.options.transport);
    loadDeferredUrls(content, this.options.transport, this.reportMissing);
    body.append(content);
  }

  private async createRealm(baseUrl: string, connection?: AppConnection): Promise<Realm> {
    const globals = hostGlobals(new URL(".", baseUrl).href);
    if (this.options.sandbox === "none") return new (await loadPart("page")).PageRealm(this.options.name, globals);
    // Apps without lifecycles reach state, props and events through window.microfrontends.
    const api = connection ? { microfrontends: connection.globalApi() } : {};
    if (this.options.sandbox === "snapshot") {
      const { SnapshotRealm } = await loadPart("snapshot");
      const { name } = this.options;
      return SnapshotRealm.activate({ name, baseUrl, globals: { ...globals, ...api }, app: this.root });
    }
    const frame = IframeRealm.create({ name: this.options.name, baseUrl, globals: { ...globals, ...api } });
    if (this.options.sandbox !== "proxy") return frame;
    // The proxy sandbox's fake window stands in front of the same (isolated) realm iframe.
    const part = loadPart("proxy");
    const created = await frame;
    try {
      return (await part).createProxyRealm({ frame: created });
    } catch (error) {
      created.destroy();
      throw error;
    }
  }

  /** The app's realm, with an iframe realm's window pointed at the app's root. */
  private async prepareRealm(baseUrl: string, connection: AppConnection | undefined): Promise<LoadedApp> {
    const Routes = this.options.syncRoute ? (await loadPart("routes")).RouteSync : undefined;
    const loaded: LoadedApp = { realm: await this.createRealm(baseUrl, connection), connection, dispose: [] };
    const frame = realmFrame(loaded.realm);
    const routes = frame && Routes && new Routes(frame.global, this.options.name, new URL(".", baseUrl).pathname);
    if (frame) this.isolate(loaded, frame, baseUrl, routes);
    return loaded;
  }

  /** Scripts and styles the app adds to its head or body run in its realm and get its CSS. */
  private captureInserts(realm: Realm, baseUrl: string): (() => void)[] {
    const context = {
      app: this.root,
      realm,
      transport: this.options.transport,
      baseUrl,
      onMissing: this.reportMissing,
      onDynamicStyle: (style: Element) => {
        if (this.status === Status.MOUNTED) this.dynamicStyles.push(style);
      },
    };
    return [patchInsertion(this.root.head, context), patchInsertion(this.root.body, context)];
  }

  /**
   * Points the realm iframe's document, window and URLs at the app's root, and mirrors its route
   * into the page's URL with `routes` (the scripts and styles the app inserts are captured once
   * its body is rendered: see `load`).
   */
  private isolate(loaded: LoadedApp, frame: IframeRealm, baseUrl: string, routes?: RouteSync): void {
    const win = frame.global;
    const { transport } = this.options;
    const events = new AppListeners(this.root.root, win);
    patchRealmDocument(win.document, this.root);
    frame.startUrl = routes?.savedRoute() ?? frame.startUrl;
    patchRealmHistory(win, routes?.record);
    if (routes) loaded.dispose.push(routes.start());
    patchUrlAttributes(win, baseUrl, transport);
    patchRealmFetch(win, transport);
    patchRealmXhr(win, transport);
    loaded.timers = patchRealmTimers(win);
    loaded.dispose.push(
      () => events.dispose(),
      patchRealmWindow(win, this.root.host),
      routeFragmentLinks(this.root.host, () => win.location),
    );
  }
}

/** The realm iframe a realm runs in: an iframe realm itself, or the one behind a proxy sandbox. */
const realmFrame = (realm: Realm): IframeRealm | undefined =>
  realm instanceof IframeRealm ? realm : (realm as { frame?: IframeRealm }).frame;
