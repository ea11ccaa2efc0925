import { servedByTransport, type Transport } from "../loader/transport";
import { patchRealmFetch } from "../patches/fetch";
import { patchRealmWorkers } from "../patches/workers";
import { patchRealmXhr } from "../patches/xhr";
import { callerScripts } from "./call-stack";

type PageWindow = Window & typeof globalThis;
type Fetch = typeof fetch;
type Open = XMLHttpRequest["open"];
/** `open`'s arguments, as many as the caller gave: an `async` of undefined would mean false. */
type OpenArgs = [method: string, url: string | URL, ...rest: unknown[]];

/** An app whose scripts run in the page's own window (sandbox="none", "snapshot"). */
export interface PageApp {
  baseUrl: string;
  transport: Transport;
  /** Whether a frame of this script is the app's code. */
  owns(script: string): boolean;
}

/** An app's own `fetch`, XHR and workers: the iframe realm's patches, on a window of its own. */
interface Routes {
  app: PageApp;
  /** The folder of the app's base URL: its kernel-served files are below it. */
  folder: string;
  fetch: Fetch;
  request: XMLHttpRequest;
  Worker: typeof Worker;
  SharedWorker?: typeof SharedWorker;
  /** The fronts' inner functions this app's scripts set: [front, before, after]. */
  wrapped: [keyof Inner, Fetch | Open, Fetch | Open][];
}

/** What a front calls next: the page's own function, or what an app put in front of it since. */
interface Inner {
  fetch: Fetch;
  open: Open;
}

const SCHEME = /^[a-z][a-z\d+.-]*:/i;
const CALLER_FRAMES = 8;
const page = window as PageWindow;
const apps = new Set<Routes>();
/** Frames of this module (and the one that reads the stack) are never the caller. */
const own = new Set(callerScripts().slice(0, 2));
const native = {
  fetch: page.fetch,
  open: page.XMLHttpRequest.prototype.open,
  Worker: page.Worker,
  SharedWorker: page.SharedWorker as typeof SharedWorker | undefined,
};
const inner: Inner = { fetch: native.fetch, open: native.open };
/**
 * While a front's call runs down what apps put in front of the page's function (zone.js's
 * `fetch` calls the one it found, which is the front again), the app it was made for.
 */
let decided: Routes | null | undefined;

/**
 * The app a request is for: an absolute URL, the app whose transport serves it (a
 * kernel-served file of the app's folder); a relative one, the app whose code called, as the
 * call stack tells (its first frame outside this module), so that it resolves against the app.
 */
function routesFor(url: string): Routes | undefined {
  if (apps.size === 0) return undefined;
  if (SCHEME.test(url)) {
    for (const routes of apps) {
      if (url.startsWith(routes.folder) && servedByTransport(url, routes.app.transport)) {
        return routes;
      }
    }
    return undefined;
  }
  // The caller is a few frames out: this function's, a front's, perhaps a native `construct`.
  const caller = callerScripts(CALLER_FRAMES).find((script) => script && !own.has(script));
  return caller ? [...apps].find((routes) => routes.app.owns(caller)) : undefined;
}

function resolve(url: string | URL, routes: Routes | undefined): string | URL {
  return routes ? new URL(String(url), routes.app.baseUrl).href : url;
}

/**
 * Runs `call` with `decided` set, for the front that decided `routes`: its inner functions (an
 * app's wrapper of the page's) reach the front again, which then takes the app's route at once.
 */
function deciding<T>(routes: Routes | undefined, call: () => T): T {
  decided = routes ?? null;
  try {
    return call();
  } finally {
    decided = undefined;
  }
}

function frontFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const route = (routes: Routes | null | undefined, request: RequestInfo | URL) =>
    routes ? routes.fetch(request, init) : native.fetch.call(page, request, init);
  if (decided !== undefined) return route(decided, input);
  const routes = routesFor(input instanceof Request ? input.url : String(input));
  const request = input instanceof Request ? input : resolve(input, routes);
  if (inner.fetch === native.fetch) return route(routes, request);
  return deciding(routes, () => inner.fetch.call(page, request, init));
}

const frontOpen = function (this: XMLHttpRequest, ...args: OpenArgs): unknown {
  const route = (routes: Routes | null | undefined, open: OpenArgs) => {
    // A file the app's transport serves is read through it (patches/xhr.ts, on this request only).
    if (routes && servedByTransport(String(open[1]), routes.app.transport)) {
      Object.setPrototypeOf(this, routes.request);
      return (routes.request.open as (...args: OpenArgs) => void).apply(this, open);
    }
    return (native.open as (...args: OpenArgs) => void).apply(this, open);
  };
  if (decided !== undefined) return route(decided, args);
  const routes = routesFor(String(args[1]));
  const open: OpenArgs = [args[0], resolve(args[1], routes), ...args.slice(2)];
  if (inner.open === native.open) return route(routes, open);
  return deciding(routes, () => (inner.open as (...args: OpenArgs) => void).apply(this, open));
} as Open;

function frontWorker<T extends typeof Worker | typeof SharedWorker>(Native: T, name: "Worker" | "SharedWorker"): T {
  return new Proxy(Native, {
    construct(target, args: [string | URL, ...unknown[]], newTarget) {
      const routes = routesFor(String(args[0]));
      if (!routes) return Reflect.construct(target, args, newTarget);
      return Reflect.construct(routes[name] ?? target, [resolve(args[0], routes), ...args.slice(1)]);
    },
  });
}

const fronts = {
  Worker: frontWorker(native.Worker, "Worker"),
  SharedWorker: native.SharedWorker && frontWorker(native.SharedWorker, "SharedWorker"),
};

function install(): void {
  page.fetch = frontFetch;
  page.XMLHttpRequest.prototype.open = frontOpen;
  page.Worker = fronts.Worker;
  if (fronts.SharedWorker) page.SharedWorker = fronts.SharedWorker;
}

/** Takes the fronts off where they are still the page's functions; elsewhere they pass through. */
function uninstall(): void {
  if (page.fetch === frontFetch) page.fetch = native.fetch;
  if (page.XMLHttpRequest.prototype.open === frontOpen) page.XMLHttpRequest.prototype.open = native.open;
  if (page.Worker === fronts.Worker) page.Worker = native.Worker;
  if (native.SharedWorker && page.SharedWorker === fronts.SharedWorker) page.SharedWorker = native.SharedWorker;
  inner.fetch = native.fetch;
  inner.open = native.open;
}

/** The app's fetch, XHR and worker constructors, made by the patches the iframe realm gets. */
function routesOf(app: PageApp): Routes {
  class AppRequest extends page.XMLHttpRequest {}
  const request = AppRequest.prototype;
  const { setRequestHeader, send } = page.XMLHttpRequest.prototype;
  Object.assign(request, { open: native.open, setRequestHeader, send });
  const realm = {
    document: { baseURI: app.baseUrl },
    fetch: (input: RequestInfo | URL, init?: RequestInit) => native.fetch.call(page, input, init),
    XMLHttpRequest: AppRequest,
    Worker: native.Worker,
    SharedWorker: native.SharedWorker,
    Request,
    Response,
    TypeError,
    DOMException,
    ProgressEvent,
  } as unknown as PageWindow;
  patchRealmFetch(realm, app.transport);
  patchRealmXhr(realm, app.transport);
  patchRealmWorkers(realm, app.transport);
  const folder = new URL(".", app.baseUrl).href;
  return {
    app,
    folder,
    fetch: realm.fetch,
    request,
    Worker: realm.Worker,
    SharedWorker: realm.SharedWorker,
    wrapped: [],
  };
}

/**
 * Requests an app in the page's window makes, resolved against the app: while such an app is
 * loaded, the page's `fetch`, `XMLHttpRequest.prototype.open`, `Worker` and `SharedWorker` are
 * fronts that tell the app's calls with a relative URL from the page's by the call stack, resolve
 * the app's against its base URL, and send them (and absolute URLs of files its transport serves)
 * through the patches the iframe realm uses (patches/fetch.ts, xhr.ts, workers.ts). The page's
 * own calls go to its own functions. `inFront()`, after each of the app's scripts, keeps the
 * fronts outermost when the script wrapped them (zone.js wraps `fetch` and `open`), so that the
 * call stack is read before the wrapper's frames, which are the app's, are on it.
 */
export function routePageRequests(app: PageApp): { inFront(): void; remove(): void } {
  if (apps.size === 0) install();
  const routes = routesOf(app);
  apps.add(routes);
  return {
    inFront() {
      const wrap = (key: keyof Inner, target: object, front: Fetch | Open) => {
        const now = (target as Record<string, Fetch | Open>)[key];
        if (now === front) return;
        routes.wrapped.push([key, inner[key], now]);
        (inner as unknown as Record<string, Fetch | Open>)[key] = now;
        (target as Record<string, Fetch | Open>)[key] = front;
      };
      wrap("fetch", page, frontFetch);
      wrap("open", page.XMLHttpRequest.prototype, frontOpen);
    },
    remove() {
      for (const [key, before, after] of routes.wrapped.reverse()) {
        if (inner[key] === after) (inner as unknown as Record<string, Fetch | Open>)[key] = before;
      }
      apps.delete(routes);
      if (apps.size === 0) uninstall();
    },
  };
}
