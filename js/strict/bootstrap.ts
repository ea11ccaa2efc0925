/**
 * Runs first inside a strict app's frame (built on its own into a string, static/strict.js
 * carries it; see js/build.mjs). It gives the app `window.microfrontends` over postMessage,
 * reports its height, tells the host when the app has loaded (with the lifecycles it found, by
 * the rule of every sandbox, see lifecycles.ts) or failed, and calls a lifecycle when the host
 * asks: the host drives a strict app through the same statuses as any other.
 */
import { describeError, findLifecycles, type LifecycleName, type Lifecycles } from "../lifecycle/lifecycles";
import { captureLogs } from "../patches/console";
import { GlobalsDiff, hostGlobals } from "../sandbox/realm";

/** What the page tells the frame's bootstrap (see StrictFrame.document). */
export interface StrictBootstrapConfig {
  channel: string;
  name: string;
  props: Record<string, unknown>;
  state: Record<string, unknown> | null;
  /** The most one change or event payload may take as JSON in UTF-8 (bridge/chunks.ts). */
  maxValueBytes: number;
  baseUrl: string;
  importMap?: { imports?: Record<string, string> };
  /** Module scripts for the frame loader (see frame-loader.ts), when the page put it in. */
  modules: { src?: string; text?: string }[];
}

/** The page wraps this script in a function of its config (see StrictFrame.document). */
declare const strictConfig: StrictBootstrapConfig;

strictBootstrap(strictConfig);

function strictBootstrap(config: StrictBootstrapConfig): void {
  const host = window.parent;
  const send = (type: string, fields: Record<string, unknown> = {}) =>
    host.postMessage({ mf: "microfrontends-strict", channel: config.channel, type, ...fields }, "*");
  // The app's console, uncaught errors and failed files, before any of its scripts runs.
  captureLogs(window, (entry) => send("log", { entry }));
  // The app's files the host sends on request (an app served from a local folder).
  type File = { url: string; contentType: string; bytes: Uint8Array };
  const files = new Map<number, { resolve(file: File): void; reject(error: Error): void }>();
  let lastFile = 0;
  const request = (url: string) =>
    new Promise<File>((resolve, reject) => {
      const id = ++lastFile;
      files.set(id, { resolve, reject });
      send("fetch", { id, url });
    });
  const startLoader = (window as unknown as Record<string, unknown>).__microfrontends_strict_loader__ as
    | ((loader: {
        baseUrl: string;
        importMap?: unknown;
        modules: unknown[];
        request: typeof request;
      }) => Promise<Record<string, unknown>[]>)
    | undefined;
  delete (window as unknown as Record<string, unknown>).__microfrontends_strict_loader__;
  const modulesRun = startLoader
    ? startLoader({ baseUrl: config.baseUrl, importMap: config.importMap, modules: config.modules, request })
    : Promise.resolve([]);
  const json = (value: unknown, where: string) => {
    const text = JSON.stringify(value, (key, item) => {
      if (
        typeof item === "function" ||
        typeof item === "symbol" ||
        item === undefined ||
        (typeof item === "number" && !Number.isFinite(item)) ||
        (item &&
          typeof item === "object" &&
          !Array.isArray(item) &&
          Object.getPrototypeOf(Object.getPrototypeOf(item) ?? Object.prototype) !== null)
      ) {
        throw new TypeError(`${where}${key ? `.${key}` : ""} is not JSON`);
      }
      return item;
    });
    // Checked here, so that the app's call throws and its own copy of the state never diverges.
    const size = text.length > config.maxValueBytes ? text.length : new TextEncoder().encode(text).length;
    if (size > config.maxValueBytes) {
      throw new RangeError(
        `${where} is ${size} bytes as JSON (UTF-8), past the limit of ${config.maxValueBytes / 1048576} MiB ` +
          `(${config.maxValueBytes} bytes) for one value that travels between the page and Python; nothing was applied`,
      );
    }
    return JSON.parse(text);
  };
  let state = config.state ?? {};
  let props = config.props;
  let stateListener: ((state: unknown, previous: unknown) => void) | undefined;
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const propsListeners = new Set<(props: unknown) => void>();

  const api = {
    /** Whether the app is on a GlobalState; without one the state functions throw. */
    hasGlobalState: !!config.state,
    getGlobalState: () => JSON.parse(JSON.stringify(state)),
    setGlobalState(patch: Record<string, unknown>) {
      if (!config.state) throw new Error(`app "${config.name}" has no GlobalState`);
      const copy = json(patch, "setGlobalState(patch)");
      state = { ...state, ...copy };
      send("setState", { patch: copy });
      return true;
    },
    onGlobalStateChange(listener: (state: unknown, previous: unknown) => void, fire = false) {
      stateListener = listener;
      if (fire) listener(api.getGlobalState(), api.getGlobalState());
    },
    offGlobalStateChange() {
      stateListener = undefined;
      return true;
    },
    emit(event: string, payload: unknown = null) {
      send("emit", { event: String(event), payload: json(payload, `the payload of "${event}"`) });
    },
    on(event: string, handler: (payload: unknown) => void) {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(handler);
      send("listen", { event });
    },
    off(event: string, handler?: (payload: unknown) => void) {
      if (handler) handlers.get(event)?.delete(handler);
      else handlers.delete(event);
      if (!handlers.get(event)?.size) send("unlisten", { event });
    },
    get props() {
      return props;
    },
    onProps(listener: (props: unknown) => void) {
      propsListeners.add(listener);
    },
  };
  (window as unknown as Record<string, unknown>).microfrontends = api;
  // As in every sandbox: apps written for qiankun then run as hosted, not standalone.
  Object.assign(window, hostGlobals(config.baseUrl));

  window.addEventListener("message", (event) => {
    const message = event.data;
    if (
      event.source !== host ||
      !message ||
      message.mf !== "microfrontends-strict" ||
      message.channel !== config.channel
    )
      return;
    if (message.type === "state") {
      const previous = state;
      state = message.state;
      // The first state brings the frame up to date; the listener hears it only if it changed.
      if (!message.sync || JSON.stringify(previous) !== JSON.stringify(state)) {
        stateListener?.(api.getGlobalState(), previous);
      }
    } else if (message.type === "props") {
      props = message.props;
      propsListeners.forEach((listener) => {
        listener(props);
      });
    } else if (message.type === "call") {
      callLifecycle(message.id, message.lifecycle, message.props);
    } else if (message.type === "event") {
      handlers.get(message.event)?.forEach((handler) => {
        handler(message.payload);
      });
    } else if (message.type === "file") {
      const pending = files.get(message.id);
      files.delete(message.id);
      if (message.error) pending?.reject(new Error(message.error));
      else pending?.resolve({ url: message.url, contentType: message.contentType, bytes: message.bytes });
    }
  });

  // The frame hears the host from here on: the host answers with the state as it is now, and
  // sends every change after it.
  send("listening");

  let loading = true;
  // Captured: a script that fails to load fires "error" at its element, which does not bubble.
  window.addEventListener(
    "error",
    (event) => {
      const target = event.target;
      if (!loading || (target !== window && !(target instanceof HTMLScriptElement))) return;
      const script = target instanceof HTMLScriptElement ? target : undefined;
      const message = script
        ? `${script.src ? `the script ${script.src}` : "an inline module"} or a module it imports ` +
          "could not be loaded (missing, not JavaScript, or served without a CORS header for the " +
          "frame's opaque origin)"
        : String(event.error?.message ?? event.message);
      send("failed", { phase: "load", message });
    },
    true,
  );
  new ResizeObserver(() => send("resize", { height: document.documentElement.scrollHeight })).observe(
    document.documentElement,
  );

  // Taken now, after the globals above: what the app's scripts add from here on.
  const globals = new GlobalsDiff(window);
  let lifecycles: Lifecycles | undefined;
  window.addEventListener("load", () => {
    modulesRun.then(
      (moduleExports) => {
        loading = false;
        const global = window as unknown as Record<string, unknown>;
        lifecycles = findLifecycles(global, config.name, globals.update(), moduleExports);
        const names = lifecycles && Object.keys(lifecycles).filter((key) => lifecycles?.[key as LifecycleName]);
        send("loaded", { lifecycles: names ?? null });
      },
      (error) => {
        loading = false;
        send("failed", { phase: "load", message: String(error?.message ?? error) });
      },
    );
  });

  /** Calls one lifecycle for the host and answers `called`, with the error if it failed. */
  function callLifecycle(id: unknown, which: LifecycleName, data: Record<string, unknown>): void {
    props = data;
    const lifecycle = lifecycles?.[which];
    Promise.resolve()
      .then(() => lifecycle?.({ ...props, ...api, name: config.name, container: document.body }))
      .then(
        () => send("called", { id }),
        (error: unknown) => send("called", { id, error: describeError(error) }),
      );
  }
}
