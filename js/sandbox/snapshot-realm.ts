import type { AppDom } from "../contract/app-dom";
import { patchRealmDocument } from "../patches/document";
import type { ModuleExports, Realm, ScriptToRun } from "../contract/realm";
import type { Transport } from "../loader/transport";
import { BuiltinChanges } from "./builtin-changes";
import { callerScripts } from "./call-stack";
import { routePageRequests } from "./page-requests";
import { GlobalsDiff, runPageModule, runPageScript, withSourceUrl } from "./realm";

/**
 * Where the page records the app that holds its window, while one does: on the window under a
 * registered symbol, so that every build of the runtime on the page (an old one still showing
 * after the package was upgraded) sees the same holder of the one window.
 */
const ACTIVE = Symbol.for("microfrontends.snapshot.active");
const registry = window as unknown as { [ACTIVE]?: SnapshotRealm };

/** A second snapshot app was mounted while another one holds the page's window. */
export class SnapshotBusyError extends Error {
  constructor(name: string, holder: string) {
    super(
      `sandbox="snapshot" runs one app at a time on a page and "${holder}" is mounted; ` +
        `unmount it before mounting "${name}", or give one of them another sandbox`,
    );
    this.name = "SnapshotBusyError";
  }
}

export interface SnapshotRealmOptions {
  name: string;
  baseUrl: string;
  /** Globals set on the page's window while the app is active. */
  globals: Record<string, unknown>;
  app: AppDom;
  transport: Transport;
}

type Timer = "setTimeout" | "setInterval" | "requestAnimationFrame";
const CLEAR: Record<Timer, "clearTimeout" | "clearInterval" | "cancelAnimationFrame"> = {
  setTimeout: "clearTimeout",
  setInterval: "clearInterval",
  requestAnimationFrame: "cancelAnimationFrame",
};
type Listener = [target: EventTarget, type: string, listener: EventListenerOrEventListenerObject, capture: boolean];

/**
 * `sandbox="snapshot"`: the fallback for apps that need the real page window. The app's scripts
 * run in the notebook page itself and really write to `window`; activating records every
 * property of the window, deactivating (unmount) restores it: globals the app added are
 * deleted, the ones it changed or deleted get their old values back. While active, the page's
 * `document` answers the app's own code from the app's root (queries, `body`, `head`), and the
 * timers, animation frames and window/document listeners the app's code makes are recorded and
 * undone on unmount, as is any change it made to the page's URL. What is the app's is told by
 * the call stack: a call whose stack runs through one of the app's scripts. The page's own
 * calls are never touched. Only one snapshot app can be active on a page: activating a second
 * one throws SnapshotBusyError. Not a security boundary, and no isolation from the page.
 */
export class SnapshotRealm implements Realm {
  readonly global = window as Window & typeof globalThis;
  /** Every own property of the page's window when the app was activated. */
  private readonly snapshot = new Map<string, PropertyDescriptor>();
  /** The page document's own properties when the app was activated (an app's expandos go). */
  private readonly documentKeys = new Set(Reflect.ownKeys(document));
  private readonly globals: GlobalsDiff;
  private readonly elements: HTMLScriptElement[] = [];
  /** The sourceURLs of the app's scripts: a stack that names one is the app's code. */
  readonly sources = new Set<string>();
  private readonly timers = new Map<number, Timer>();
  private readonly listeners: Listener[] = [];
  private readonly undo: (() => void)[] = [];
  /** What the app's scripts changed of the page's prototypes and constructors (zone.js's patches). */
  private readonly builtins = new BuiltinChanges();
  private readonly pageUrl = window.location.href;
  /** The page's own head, where scripts run (`document.head` answers the app's code with its own). */
  private readonly head = document.head;
  private readonly requests: ReturnType<typeof routePageRequests>;
  private inlineScripts = 0;
  private destroyed = false;

  private constructor(private readonly options: SnapshotRealmOptions) {
    for (const key of Object.getOwnPropertyNames(window)) {
      this.snapshot.set(key, Object.getOwnPropertyDescriptor(window, key)!);
    }
    this.globals = new GlobalsDiff(window);
    Object.assign(window, options.globals);
    const folder = new URL(".", options.baseUrl).href;
    this.requests = routePageRequests({
      baseUrl: options.baseUrl,
      transport: options.transport,
      owns: (script) => this.sources.has(script) || script.startsWith(folder),
    });
    this.patchTimers();
    this.trackListeners(window);
    this.trackListeners(document);
    this.patchDocument();
  }

  /** Activates a snapshot realm for an app; throws SnapshotBusyError if another one is active. */
  static activate(options: SnapshotRealmOptions): SnapshotRealm {
    const holder = registry[ACTIVE];
    if (holder) throw new SnapshotBusyError(options.name, holder.options.name);
    return (registry[ACTIVE] = new SnapshotRealm(options));
  }

  run(script: ScriptToRun): void {
    // Inline scripts get a name of their own, so that their frames in a stack are the app's (two
    // inline-HTML apps share the page's URL: the name tells them apart).
    const url =
      script.url ??
      `${this.options.baseUrl}#${encodeURIComponent(this.options.name)}/inline-script-${++this.inlineScripts}`;
    this.sources.add(url);
    const text = withSourceUrl({ url, text: script.text });
    this.builtins.during(() => {
      runPageScript(this.head, this.options.name, text, script.url ?? "inline script", this.elements);
      this.requests.inFront();
    });
  }

  runModule(url: string): Promise<ModuleExports> {
    this.sources.add(url);
    const watching = this.builtins.watch();
    return runPageModule(this.head, this.options.name, url, this.elements).finally(() => {
      this.requests.inFront();
      watching.end();
    });
  }

  addedGlobals(): string[] {
    // Read once, when the scripts have run.
    return this.globals.update();
  }

  finishLoading(): void {
    // As in sandbox="none": the page has loaded long ago and its own listeners must not rerun.
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.builtins.undo();
    this.requests.remove();
    for (const undo of this.undo.reverse()) undo();
    for (const [id, kind] of this.timers) window[CLEAR[kind]](id);
    for (const [target, type, listener, capture] of this.listeners) {
      target.removeEventListener(type, listener, capture);
    }
    for (const element of this.elements) element.remove();
    this.restoreWindow();
    // Markers an app puts on the page's document (Solid's "events delegated here") would
    // tell its next load that listeners removed above are still there.
    for (const key of Reflect.ownKeys(document)) {
      if (!this.documentKeys.has(key)) Reflect.deleteProperty(document, key);
    }
    if (window.location.href !== this.pageUrl) window.history.replaceState(window.history.state, "", this.pageUrl);
    if (registry[ACTIVE] === this) delete registry[ACTIVE];
  }

  /** Whether the running code is the app's: some frame of the stack is one of its scripts. */
  private fromApp(): boolean {
    return this.sources.size > 0 && callerScripts().some((script) => this.sources.has(script));
  }

  /** Puts the window back as the snapshot found it. */
  private restoreWindow(): void {
    for (const key of Object.getOwnPropertyNames(window)) {
      if (/^\d+$/.test(key)) continue; // frames of the page, not globals
      const before = this.snapshot.get(key);
      if (!before) {
        // A top-level `var` makes a property that cannot be deleted: it is emptied instead.
        if (!Reflect.deleteProperty(window, key)) (window as unknown as Record<string, unknown>)[key] = undefined;
        continue;
      }
      const now = Object.getOwnPropertyDescriptor(window, key)!;
      const changed = "value" in before ? now.value !== before.value : now.get !== before.get || now.set !== before.set;
      if (changed) restore(key, before);
    }
    for (const [key, before] of this.snapshot) {
      if (!Object.hasOwn(window, key)) restore(key, before);
    }
  }

  /** The app's timers and animation frames are recorded; the page's pass through untouched. */
  private patchTimers(): void {
    for (const kind of Object.keys(CLEAR) as Timer[]) {
      const set = window[kind] as (...args: unknown[]) => number;
      const clear = window[CLEAR[kind]] as (id: number) => void;
      const realm = this;
      this.override(window, kind, function (this: unknown, handler: unknown, ...rest: unknown[]) {
        if (!realm.fromApp()) return set.call(window, handler, ...rest);
        // A timeout or frame that has run is forgotten, so that a loop of them does not pile up.
        const once = kind !== "setInterval" && typeof handler === "function";
        const run = (...args: unknown[]) => {
          realm.timers.delete(id);
          (handler as (...args: unknown[]) => void)(...args);
        };
        const id = set.call(window, once ? run : handler, ...rest);
        realm.timers.set(id, kind);
        return id;
      });
      this.override(window, CLEAR[kind], function (id: number) {
        realm.timers.delete(id);
        clear.call(window, id);
      });
    }
  }

  /** Listeners the app's code adds to the page's window or document, removed on unmount. */
  private trackListeners(target: EventTarget): void {
    const add = target.addEventListener;
    const remove = target.removeEventListener;
    const realm = this;
    this.override(
      target,
      "addEventListener",
      function (
        type: string,
        listener: EventListenerOrEventListenerObject | null,
        options?: boolean | AddEventListenerOptions,
      ) {
        add.call(target, type, listener, options);
        if (listener && realm.fromApp()) realm.listeners.push([target, type, listener, capture(options)]);
      },
    );
    this.override(
      target,
      "removeEventListener",
      function (
        type: string,
        listener: EventListenerOrEventListenerObject | null,
        options?: boolean | EventListenerOptions,
      ) {
        remove.call(target, type, listener, options);
        const at = realm.listeners.findIndex(
          ([t, ty, l, c]) => t === target && ty === type && l === listener && c === capture(options),
        );
        if (at >= 0) realm.listeners.splice(at, 1);
      },
    );
  }

  /**
   * The page's `document` answers the app's code as the iframe realm's does (from the app's
   * root, so `document.body.appendChild(modal)` lands in the app) and everyone else as before.
   */
  private patchDocument(): void {
    const appView = {} as Document;
    patchRealmDocument(appView, this.options.app);
    for (const key of Object.getOwnPropertyNames(appView)) {
      const own = Object.getOwnPropertyDescriptor(appView, key)!;
      const page = findDescriptor(document, key);
      if (own.get) {
        const get = own.get;
        this.override(document, key, undefined, () => (this.fromApp() ? get() : page.get!.call(document)));
      } else {
        const [mine, theirs] = [own.value as Function, page.value as Function];
        const realm = this;
        this.override(document, key, function (this: unknown, ...args: unknown[]) {
          return realm.fromApp() ? mine(...args) : theirs.apply(document, args);
        });
      }
    }
  }

  /** Defines an own property on a page object for the app's lifetime; removed on unmount. */
  private override(target: object, key: string, value?: Function, get?: () => unknown): void {
    const descriptor: PropertyDescriptor = get
      ? { configurable: true, get }
      : { configurable: true, writable: true, value };
    const had = Object.getOwnPropertyDescriptor(target, key);
    Object.defineProperty(target, key, descriptor);
    this.undo.push(() => {
      if (had) Object.defineProperty(target, key, had);
      else Reflect.deleteProperty(target, key);
    });
  }
}

function capture(options: boolean | EventListenerOptions | undefined): boolean {
  return typeof options === "boolean" ? options : !!options?.capture;
}

function findDescriptor(target: object, key: string): PropertyDescriptor {
  for (let at: object | null = target; at; at = Object.getPrototypeOf(at)) {
    const found = Object.getOwnPropertyDescriptor(at, key);
    if (found) return found;
  }
  throw new Error(`document.${key} not found`);
}

function restore(key: string, before: PropertyDescriptor): void {
  try {
    Object.defineProperty(window, key, before);
  } catch {
    // A non-configurable property the app replaced by assignment: assign the old value back.
    if ("value" in before) (window as unknown as Record<string, unknown>)[key] = before.value;
  }
}
