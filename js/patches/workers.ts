import { servedByTransport, type Transport } from "../loader/transport";

type RealmWindow = Window & typeof globalThis;
type WorkerClass = typeof Worker | typeof SharedWorker;

/**
 * Workers of an app from a local folder: `new Worker("worker.js")` resolves against the app, as
 * in a page, and a kernel-served script is started from the Jupyter server's copy (the page's
 * origin), so that the worker's own `importScripts`, `import`, `fetch` and WebAssembly files
 * resolve against the app's folder and load by themselves. Where the files come through the
 * kernel's messages only (no server extension: the `voila` command, a remote kernel), a worker
 * cannot reach them, and the constructor throws an error that says so.
 */
export function patchRealmWorkers(win: RealmWindow, transport: Transport): void {
  for (const name of ["Worker", "SharedWorker"] as const) {
    const Native = win[name] as WorkerClass | undefined;
    if (!Native) continue;
    win[name] = new Proxy(Native, {
      construct(target, args: [string | URL, (string | WorkerOptions)?]) {
        const url = new URL(String(args[0]), win.document.baseURI).href;
        if (!servedByTransport(url, transport)) return Reflect.construct(target, args);
        const direct = transport.directUrl?.(url);
        if (!direct) {
          throw new win.DOMException(
            `new ${name}("${url}"): a worker cannot load files that come through the kernel's ` +
              "messages (no Jupyter server extension here); serve the app over http(s)",
            "SecurityError",
          );
        }
        return Reflect.construct(target, [direct, ...args.slice(1)]);
      },
    }) as never;
  }
}
