/**
 * Runs first in every worker a strict app starts from one of its own files (built on its own
 * into a string; frame-workers.ts starts each such worker as a classic worker from a blob URL
 * of it). A worker of the frame's opaque origin cannot load the app's files itself, so it asks
 * the frame for them over the port the frame's first message carries (see `WorkerStart` in
 * protocol.ts), then runs the app's script: a classic one through `importScripts`, a module
 * through `import()` of the frame's blob URL of it (Chromium starts no module worker from an
 * opaque origin's blob, but a classic worker may import one). `fetch`, `importScripts`,
 * `import()` and `location` answer for the script's own URL, and messages the page posts before
 * the script has run wait for it.
 */
import { VIRTUAL_ORIGIN } from "../contract/protocol";
import type { WorkerRequest, WorkerScripts, WorkerStart } from "./protocol";

interface WorkerScope {
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  dispatchEvent(event: Event): boolean;
  fetch: typeof fetch;
  importScripts(...urls: string[]): void;
  __microfrontends_import__?: (specifier: unknown, importer: string) => Promise<unknown>;
}

const scope = globalThis as unknown as WorkerScope;
const isAppFile = (url: string) => url.startsWith(`${VIRTUAL_ORIGIN}/`);
const blobOf = (text: string) => URL.createObjectURL(new Blob([text], { type: "text/javascript" }));

// Messages that came before the app's script ran, to hand to it once it has.
const held: MessageEvent[] = [];
let port: MessagePort | undefined;
const hold = (event: MessageEvent) => {
  event.stopImmediatePropagation();
  if (port) {
    held.push(event);
    return;
  }
  port = event.ports[0];
  start(event.data as WorkerStart, port).then(
    () => {
      scope.removeEventListener("message", hold);
      for (const { data, ports } of held.splice(0)) {
        scope.dispatchEvent(new MessageEvent("message", { data, ports: [...ports] }));
      }
    },
    // Thrown from a task of its own, so that the page's worker gets an "error" event.
    (error) =>
      setTimeout(() => {
        throw error;
      }),
  );
};
scope.addEventListener("message", hold);

async function start({ url, module }: WorkerStart, channel: MessagePort): Promise<void> {
  const pending = new Map<number, { resolve(value: never): void; reject(error: Error): void }>();
  let lastId = 0;
  const ask = <T>(kind: WorkerRequest["kind"], fileUrl: string, importer?: string) =>
    new Promise<T>((resolve, reject) => {
      const id = ++lastId;
      pending.set(id, { resolve, reject });
      channel.postMessage({ id, kind, url: fileUrl, importer } satisfies WorkerRequest);
    });
  channel.onmessage = ({ data }) => {
    const request = pending.get(data.id);
    pending.delete(data.id);
    if (data.error === undefined) request?.resolve(data.value as never);
    else request?.reject(new Error(data.error));
  };

  // The script's URL, not the blob's, is where its relative URLs point.
  Object.defineProperty(scope, "location", { value: new URL(url), configurable: true });
  const nativeFetch = scope.fetch.bind(scope);
  scope.fetch = async (input, init) => {
    const target = input instanceof Request ? input.url : new URL(String(input), url).href;
    if (!isAppFile(target)) return nativeFetch(input instanceof Request ? input : target, init);
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    if (method !== "GET" && method !== "HEAD")
      throw new TypeError(`${method} ${target}: the app's files are read-only`);
    try {
      const file = await ask<{ contentType: string; bytes: Uint8Array }>("file", target);
      return new Response(method === "HEAD" ? null : (file.bytes as BodyInit), {
        status: 200,
        headers: { "content-type": file.contentType },
      });
    } catch (error) {
      throw new TypeError(`Failed to fetch ${target}: ${(error as Error).message}`);
    }
  };
  scope.__microfrontends_import__ = (specifier, importer) =>
    ask<string>("import", String(specifier), importer).then((blob) => import(blob));

  if (module) {
    await import(await ask<string>("module", url));
    return;
  }
  const scripts = await ask<WorkerScripts>("classic", url);
  const nativeImportScripts = scope.importScripts.bind(scope);
  scope.importScripts = (...urls) =>
    nativeImportScripts(
      ...urls.map((name) => {
        const script = new URL(String(name), url).href;
        if (!isAppFile(script)) return script;
        const found = scripts[script];
        if (found && "text" in found) return blobOf(`${found.text}\n//# sourceURL=${script}`);
        throw new DOMException(
          `importScripts("${script}") in a worker of a strict app: ${
            found
              ? found.error
              : "the frame fetches ahead only the scripts a worker names to importScripts as string literals"
          }`,
          "NetworkError",
        );
      }),
    );
  scope.importScripts(url);
}
