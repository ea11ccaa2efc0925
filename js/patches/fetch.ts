import { AssetError, servedByTransport, type Transport } from "../loader/transport";

type RealmWindow = Window & typeof globalThis;

/**
 * `fetch` of a kernel-served URL (an app from a local folder fetching `data.json`) goes through
 * the app's transport; every other request is the browser's own.
 */
export function patchRealmFetch(win: RealmWindow, transport: Transport): void {
  const nativeFetch = win.fetch.bind(win);
  win.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof win.Request ? input.url : new URL(String(input), win.document.baseURI).href;
    if (!servedByTransport(url, transport)) return nativeFetch(input, init);
    const method = (init?.method ?? (input instanceof win.Request ? input.method : "GET")).toUpperCase();
    if (method !== "GET" && method !== "HEAD") {
      throw new win.TypeError(`${method} ${url}: files served by the kernel are read-only`);
    }
    try {
      const asset = await transport.fetch(url);
      return new win.Response(method === "HEAD" ? null : (asset.bytes as BodyInit), {
        status: 200,
        headers: { "content-type": asset.contentType },
      });
    } catch (error) {
      if (error instanceof AssetError && error.status > 0) {
        return new win.Response(error.message, { status: error.status });
      }
      throw new win.TypeError(`Failed to fetch ${url}: ${String(error)}`);
    }
  };
}
