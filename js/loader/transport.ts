import { VIRTUAL_ORIGIN } from "../contract/protocol";

/** Bytes of one asset, as any transport delivers them. */
export interface Asset {
  /** The final URL, after redirects. */
  url: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface FetchOptions {
  /** Skip any cache: `reload()` and Retry must see the files as they are now. */
  fresh?: boolean;
}

/** Moves an asset's bytes from wherever the app lives to the page. */
export interface Transport {
  fetch(url: string, options?: FetchOptions): Promise<Asset>;
  /** Whether this transport holds its own copy of `url` (a file of an embedded app). */
  holds?(url: string): boolean;
  /**
   * A URL of the page's own origin that the browser can load `url` from by itself (the Jupyter
   * server's copy of a kernel-served file), if there is one: what a worker must be started
   * from, since it fetches its own scripts and files.
   */
  directUrl?(url: string): string | undefined;
}

/** A failed fetch: names the URL and the cause. `status` is 0 for network failures. */
export class AssetError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "AssetError";
  }
}

/** Whether the kernel serves `url` from a local folder (it is under the virtual origin). */
export function isVirtualUrl(url: string): boolean {
  return url.startsWith(`${VIRTUAL_ORIGIN}/`);
}

/** The served folder a kernel-served URL is in: the origin and the folder's id, then "/". */
export function servedFolder(url: string): string {
  return url.slice(0, url.indexOf("/", VIRTUAL_ORIGIN.length + 1) + 1);
}

/**
 * Whether the page must get `url` through the transport rather than load it itself: files the
 * kernel serves, and files the transport holds a copy of (with no kernel, the only copy).
 */
export function servedByTransport(url: string, transport: Transport): boolean {
  return isVirtualUrl(url) || !!transport.holds?.(url);
}

const BROWSER_FETCH_TIMEOUT_MS = 30_000;

/** The page's own XMLHttpRequest, taken before any app in the page could wrap it. */
const PageRequest = globalThis.XMLHttpRequest;

/**
 * The page's own HTTP, with the browser's HTTP cache: fast, but needs CORS for other origins.
 * An ordinary load uses XMLHttpRequest: in Chromium it hands over a cached file's bytes sooner
 * than `fetch()` and its body stream, whose every step is a task of its own (bench/peers: a
 * cold mount 0.7-1.5 ms faster, on 100 interleaved trials). A fresh load needs `fetch()`'s
 * cache mode.
 */
export const browserTransport: Transport = {
  fetch(url, options) {
    return options?.fresh ? fetchRevalidated(url) : requestAsset(url);
  },
};

function requestAsset(url: string): Promise<Asset> {
  return new Promise((resolve, reject) => {
    const request = new PageRequest();
    request.open("GET", url);
    request.responseType = "arraybuffer";
    request.timeout = BROWSER_FETCH_TIMEOUT_MS;
    // The browser gives a script no reason (CORS, DNS and refused connections look alike).
    request.onerror = () => reject(networkError(url, "network error or CORS"));
    request.ontimeout = () => reject(networkError(url, `no answer in ${BROWSER_FETCH_TIMEOUT_MS / 1000} s`));
    request.onload = () => {
      const { status, statusText } = request;
      if (status < 200 || status > 299) return reject(httpError(url, status, statusText));
      const contentType = request.getResponseHeader("content-type") ?? "";
      resolve({ url: request.responseURL || url, contentType, bytes: new Uint8Array(request.response) });
    };
    request.send();
  });
}

/** `fetch()` with the cache mode "no-cache": the server confirms or replaces the cached file. */
async function fetchRevalidated(url: string): Promise<Asset> {
  const signal = AbortSignal.timeout(BROWSER_FETCH_TIMEOUT_MS);
  const response = await fetch(url, { signal, cache: "no-cache" }).catch((error) =>
    Promise.reject(networkError(url, String(error))),
  );
  if (!response.ok) throw httpError(url, response.status, response.statusText);
  const contentType = response.headers.get("content-type") ?? "";
  return { url: response.url || url, contentType, bytes: new Uint8Array(await response.arrayBuffer()) };
}

const networkError = (url: string, cause: string) =>
  new AssetError(url, 0, `GET ${url} failed in the browser: ${cause}`);

const httpError = (url: string, status: number, statusText: string) =>
  new AssetError(url, status, `GET ${url} failed: HTTP ${status} ${statusText}`.trimEnd());

/**
 * `auto`: local (virtual) URLs through the kernel; http(s) through the browser, falling back to
 * the kernel when the browser cannot fetch at all (CORS, network). An origin that failed once
 * goes straight to the kernel afterwards.
 */
export function autoTransport(kernel: Transport): Transport {
  const browserBlocked = new Set<string>();
  return {
    directUrl: (url) => kernel.directUrl?.(url),
    async fetch(url, options) {
      const origin = new URL(url).origin;
      if (isVirtualUrl(url) || browserBlocked.has(origin)) return kernel.fetch(url, options);
      try {
        return await browserTransport.fetch(url, options);
      } catch (error) {
        if (!(error instanceof AssetError) || error.status !== 0) throw error;
        browserBlocked.add(origin);
        return kernel.fetch(url, options);
      }
    },
  };
}

/**
 * The page's assets by transport kind and URL, kept for the page's lifetime: the runtime is
 * loaded once per page (js/widget-loader.ts), so every app and prefetch shares this one.
 */
const pageCache = new Map<string, Promise<Asset>>();

/**
 * Keeps every fetched asset for the page's lifetime, so a remount, a second app of the same
 * entry or a mount after a prefetch fetches nothing; `fresh` fetches again and keeps the
 * result. `kind` names how `inner` fetches: apps share what the same kind fetched, and a URL
 * that one kind cannot fetch (the browser, without CORS) does not fail another (the kernel).
 */
export function cachedTransport(inner: Transport, kind: string): Transport {
  return {
    directUrl: (url) => inner.directUrl?.(url),
    fetch(url, options) {
      const key = `${kind} ${url}`;
      const fetchOwn = () => {
        const pending = inner.fetch(url, options);
        pageCache.set(key, pending);
        pending.catch(() => pageCache.get(key) === pending && pageCache.delete(key));
        return pending;
      };
      const shared = options?.fresh ? undefined : pageCache.get(key);
      // Another app's fetch can fail for reasons of its own (its view closed): then try anew.
      return shared ? shared.catch(fetchOwn) : fetchOwn();
    },
  };
}

/**
 * The transport of a reload: its first fetch of each URL skips every cache, so that the files
 * the app loads as it runs (a stylesheet or module it adds, a `fetch`) are as new as its entry;
 * the page's cache then holds them for the rest of the page.
 */
export function refetchingOnce(inner: Transport): Transport {
  const fetched = new Set<string>();
  return {
    holds: inner.holds && ((url) => !!inner.holds?.(url)),
    directUrl: inner.directUrl && ((url) => inner.directUrl?.(url)),
    fetch(url, options) {
      const fresh = !!options?.fresh || !fetched.has(url);
      fetched.add(url);
      return inner.fetch(url, { ...options, fresh });
    },
  };
}

const utf8 = new TextDecoder();

export function assetText(asset: Asset): string {
  return utf8.decode(asset.bytes);
}
