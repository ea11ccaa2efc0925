import { loadableUrl } from "../loader/asset-urls";
import { servedByTransport, type Transport } from "../loader/transport";

type RealmWindow = Window & typeof globalThis;

interface DeferredRequest {
  method: string;
  url: string;
  headers: [string, string][];
}

/**
 * XHR to a kernel-served URL (an app from a local folder requesting `data.json`): the bytes
 * come through the app's transport as a blob URL, which the real XHR then reads, so events,
 * `response` types and `readyState` all behave as the app expects. The request is opened
 * once the blob is ready, at `send()`; headers set in between are replayed.
 */
export function patchRealmXhr(win: RealmWindow, transport: Transport): void {
  const prototype = win.XMLHttpRequest.prototype;
  const { open, setRequestHeader, send } = prototype;
  const deferred = new WeakMap<XMLHttpRequest, DeferredRequest>();

  prototype.open = function (
    this: XMLHttpRequest,
    method: string,
    url: string | URL,
    async: boolean = true,
    user?: string | null,
    password?: string | null,
  ) {
    const absolute = new URL(String(url), win.document.baseURI).href;
    if (!servedByTransport(absolute, transport)) {
      deferred.delete(this);
      return open.call(this, method, url, async, user, password);
    }
    if (!async) {
      throw new win.DOMException(
        `synchronous XHR to ${absolute} is not supported: files served by the kernel arrive asynchronously`,
        "InvalidAccessError",
      );
    }
    deferred.set(this, { method, url: absolute, headers: [] });
  } as typeof prototype.open;

  prototype.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string) {
    const request = deferred.get(this);
    if (request) request.headers.push([name, value]);
    else setRequestHeader.call(this, name, value);
  };

  prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const request = deferred.get(this);
    if (!request) return send.call(this, body);
    Promise.resolve(loadableUrl(request.url, transport)).then(
      (blobUrl) => {
        open.call(this, request.method, blobUrl, true);
        for (const [name, value] of request.headers) setRequestHeader.call(this, name, value);
        send.call(this, body);
      },
      () => {
        this.dispatchEvent(new win.ProgressEvent("error"));
        this.dispatchEvent(new win.ProgressEvent("loadend"));
      },
    );
  };
}
