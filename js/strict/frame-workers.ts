/**
 * Workers of a strict app served from a local folder (part of the frame loader). The frame's
 * opaque origin can start no worker from the app's URL, so `new Worker("worker.js")` and
 * `new Worker(url, {type: "module"})` start a classic worker from a blob URL of the worker
 * prelude (worker-prelude.ts), which asks the frame, over a port of its own, for the script,
 * the scripts it names to `importScripts`, its modules and its files (see protocol.ts). A
 * SharedWorker is left as it is: Chromium denies shared workers to an opaque origin.
 */
import type { ModuleGraph } from "../loader/module-graph";
import { assetText, isVirtualUrl, type Transport } from "../loader/transport";
import type { WorkerRequest, WorkerScripts, WorkerStart } from "./protocol";

/** The worker prelude, built on its own (see js/build.mjs). */
declare const STRICT_WORKER_PRELUDE: string;

type FrameWindow = Window & typeof globalThis;

// `importScripts("a.js", 'b.js')`: the arguments that are string literals as a whole (a
// template literal too, as minifiers write them, if it has no substitution).
const IMPORT_SCRIPTS = /\bimportScripts\s*\(([^)]*)\)/g;
const LITERAL_ARGUMENT = /(?:^|,)\s*(["'`])((?:\\.|(?!\1)[^\\\n])*)\1\s*(?=,|$)/g;
/** At most this many scripts are fetched ahead for one worker. */
const MAX_SCRIPTS = 64;

export function startWorkersThrough(win: FrameWindow, transport: Transport, graph: ModuleGraph): void {
  let prelude: string | undefined;
  win.Worker = new Proxy(win.Worker, {
    construct(target, args: [string | URL, WorkerOptions?], newTarget) {
      const url = new URL(String(args[0]), win.document.baseURI).href;
      if (!isVirtualUrl(url)) return Reflect.construct(target, args, newTarget);
      prelude ??= URL.createObjectURL(new Blob([STRICT_WORKER_PRELUDE], { type: "text/javascript" }));
      const worker = Reflect.construct(target, [prelude, { name: args[1]?.name }], newTarget) as Worker;
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = ({ data }: MessageEvent<WorkerRequest>) =>
        answer(data, url, transport, graph).then(
          (value) => port1.postMessage({ id: data.id, value }),
          (error) => port1.postMessage({ id: data.id, error: error instanceof Error ? error.message : String(error) }),
        );
      worker.postMessage({ url, module: args[1]?.type === "module" } satisfies WorkerStart, [port2]);
      return worker;
    },
  });
}

function answer(request: WorkerRequest, worker: string, transport: Transport, graph: ModuleGraph): Promise<unknown> {
  switch (request.kind) {
    case "classic":
      return classicScripts(request.url, worker, transport);
    case "module":
      return graph.load(request.url);
    case "import":
      return graph.load(graph.resolve(request.url, request.importer ?? worker));
    case "file":
      return transport.fetch(request.url).then(({ contentType, bytes }) => ({ contentType, bytes }));
  }
}

/**
 * The worker's script and, ahead, every script of the app it names to `importScripts` as a
 * string literal, and theirs in turn (relative names resolve against the worker's URL, as the
 * browser resolves them). A script named this way that cannot be fetched is kept with its error,
 * for `importScripts` to throw if the worker does call it.
 */
export async function classicScripts(url: string, worker: string, transport: Transport): Promise<WorkerScripts> {
  const scripts: WorkerScripts = {};
  const fetchScript = async (script: string) => {
    try {
      const text = assetText(await transport.fetch(script));
      scripts[script] = { text };
      return text;
    } catch (error) {
      scripts[script] = { error: error instanceof Error ? error.message : String(error) };
      if (script === url) throw error;
      return "";
    }
  };
  let wave = [url];
  while (wave.length) {
    const texts = await Promise.all(wave.map(fetchScript));
    const next = new Set<string>();
    for (const text of texts) {
      for (const [, names] of text.matchAll(IMPORT_SCRIPTS)) {
        for (const [, quote, name] of names.matchAll(LITERAL_ARGUMENT)) {
          if (quote === "`" && name.includes("${")) continue;
          const script = URL.canParse(name, worker) ? new URL(name, worker).href : "";
          if (isVirtualUrl(script) && !(script in scripts)) next.add(script);
        }
      }
    }
    wave = [...next].slice(0, MAX_SCRIPTS - Object.keys(scripts).length);
  }
  return scripts;
}
