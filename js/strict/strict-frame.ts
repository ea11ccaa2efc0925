import { MAX_VALUE_BYTES } from "../bridge/chunks";
import type { AppConnection } from "../bridge/app-connection";
import type { EventHandler } from "../bridge/state-store";
import type { ResolvedStylesheet } from "../css/stylesheet";
import type { LogSink } from "../contract/app-log";
import { LOG_LEVELS } from "../contract/protocol";
import type { LifecycleName, Lifecycles } from "../lifecycle/lifecycles";
import { logEntry } from "../patches/console";
import { deferVirtualUrls, type EntryDocument, type ScriptSource } from "../loader/html-entry";
import type { ImportMap } from "../loader/modules";
import { isVirtualUrl, servedFolder, type Asset, type Transport } from "../loader/transport";
import { ScriptError } from "../contract/realm";
import type { StrictBootstrapConfig } from "./bootstrap";
import { isStrictMessage, STRICT_MESSAGE, type StrictMessage } from "./protocol";

/** The frame's scripts, each built on its own (see js/build.mjs): bootstrap.ts, frame-loader.ts. */
declare const STRICT_FRAME_BOOTSTRAP: string;
declare const STRICT_FRAME_LOADER: string;

interface StrictFrameOptions {
  name: string;
  entry: EntryDocument;
  /** The app's CSS, in order, ready to inline. */
  sheets: string[];
  /** The app's scripts in execution order: classic ones inlined, ES modules by URL or inline. */
  scripts: FrameScript[];
  /** The host's import map, for the app's ES modules. */
  importMap?: ImportMap;
  /**
   * An app served from a local folder: its files, which the frame asks for by message (only
   * the page can get them from the kernel). The frame then loads its modules itself.
   */
  files?: (url: string) => Promise<Asset>;
  /** Where the frame goes: the app's body element. */
  parent: HTMLElement;
  connection?: AppConnection;
  props: Record<string, unknown>;
  timeoutMs: number;
  /** The app's box has a set height: the frame fills it instead of growing with its content. */
  fillHeight: boolean;
  /** Where the app's log entries go. */
  log?: LogSink;
}

interface FrameScript {
  module: boolean;
  src?: string;
  text?: string;
}

/** A load in `sandbox="strict"`: the entry, and its files as they arrive. */
export interface StrictLoad extends Omit<StrictFrameOptions, "sheets" | "scripts" | "files"> {
  transport: Transport;
  sheets: Promise<ResolvedStylesheet>[];
  scripts: ScriptSource[];
  /** The classic scripts' downloads, by index in `scripts` (none for inline scripts). */
  sources: (Promise<string> | undefined)[];
}

const SANDBOX = "allow-scripts allow-forms allow-popups allow-modals";

/**
 * `sandbox="strict"`: the app runs in a sandboxed iframe with an opaque origin (no
 * `allow-same-origin`), so it cannot read the notebook page's cookies or DOM nor call the
 * Jupyter server as the user. It reaches the host only by postMessage (see protocol.ts);
 * every message is checked for its source window, its opaque origin and the frame's token.
 * The frame runs its scripts itself, and calls the app's lifecycles when the host asks
 * (`lifecycles`), so the host drives a strict app through the same statuses as any other.
 */
export class StrictFrame {
  readonly global: Window & typeof globalThis;
  private readonly channel = crypto.randomUUID();
  private readonly iframe: HTMLIFrameElement;
  private readonly listeners = new Map<string, EventHandler>();
  private settle?: { resolve(): void; reject(error: Error): void };
  /** The lifecycles the app exports, by name, as the frame found them once it loaded. */
  private exported: LifecycleName[] | null = null;
  /** Lifecycle calls the frame has not answered yet, by id. */
  private readonly calls = new Map<number, { resolve(): void; reject(error: Error): void }>();
  private lastCall = 0;

  private constructor(private readonly options: StrictFrameOptions) {
    this.iframe = document.createElement("iframe");
    this.iframe.setAttribute("sandbox", SANDBOX);
    this.iframe.setAttribute("data-microfrontends-strict", options.name);
    this.iframe.title = options.name;
    this.iframe.style.cssText = `display:block;width:100%;border:0;height:${options.fillHeight ? "100%" : "150px"}`;
    this.iframe.srcdoc = this.document();
    window.addEventListener("message", this.receive);
    options.parent.append(this.iframe);
    this.global = this.iframe.contentWindow as Window & typeof globalThis;
  }

  /** Creates the frame and resolves once the app's scripts have run. */
  static create(options: StrictFrameOptions): Promise<StrictFrame> {
    const frame = new StrictFrame(options);
    return new Promise<StrictFrame>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new ScriptError("strict app", `did not finish loading within ${options.timeoutMs} ms`)),
        options.timeoutMs,
      );
      frame.settle = {
        resolve: () => (clearTimeout(timer), resolve(frame)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      };
    }).catch((error) => {
      frame.destroy();
      throw error;
    });
  }

  updateProps(props: Record<string, unknown>): void {
    this.post("props", { props });
  }

  /**
   * The app's lifecycles as the host calls them: each asks the frame to call the app's own
   * with the app's props (the frame adds its state functions and container) and settles when
   * the frame answers. None for an app that exports none.
   */
  lifecycles(): Lifecycles | undefined {
    if (!this.exported?.includes("mount")) return undefined;
    const call = (which: LifecycleName) => (props: Record<string, unknown>) => this.call(which, props);
    const pick = (which: LifecycleName) => (this.exported!.includes(which) ? call(which) : undefined);
    return { bootstrap: pick("bootstrap"), mount: call("mount"), unmount: pick("unmount"), update: pick("update") };
  }

  private call(lifecycle: LifecycleName, props: Record<string, unknown>): Promise<void> {
    const id = ++this.lastCall;
    // Only the app's own props travel: functions and elements cannot, and the frame has its own.
    const data = this.appProps(props);
    return new Promise<void>((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.post("call", { id, lifecycle, props: data });
    });
  }

  /** The props the host gives a lifecycle, less what only the page can hold (functions, elements). */
  private appProps(props: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(props).filter(([, value]) => typeof value !== "function" && !(value instanceof Node)),
    );
  }

  destroy(): void {
    for (const pending of this.calls.values()) pending.reject(new Error("the app's frame was removed"));
    this.calls.clear();
    window.removeEventListener("message", this.receive);
    const { connection } = this.options;
    for (const [event, handler] of this.listeners) connection?.off(event, handler);
    this.listeners.clear();
    this.iframe.remove();
  }

  private document(): string {
    const { entry, name, props, sheets, scripts, connection, importMap, files } = this.options;
    // With files from the host, the frame loader runs the modules; else the browser does.
    const loaded = files ? scripts.filter((script) => script.module) : [];
    const config: StrictBootstrapConfig = {
      channel: this.channel,
      name,
      props,
      state: connection?.hasState() ? connection.getGlobalState() : null,
      maxValueBytes: MAX_VALUE_BYTES,
      baseUrl: entry.baseUrl,
      importMap,
      modules: loaded.map(({ src, text }) => ({ src, text })),
    };
    const attributes = (list: Attr[]) => list.map((a) => ` ${a.name}="${escapeAttribute(a.value)}"`).join("");
    return [
      `<!doctype html><html${attributes(entry.htmlAttributes)}><head><meta charset="utf-8">`,
      `<base href="${escapeAttribute(entry.baseUrl)}">`,
      files ? `<script>${inline(STRICT_FRAME_LOADER, "script")}</script>` : "",
      // The bootstrap reads its config as `strictConfig`: a parameter, so the app sees no trace of it.
      `<script>((strictConfig) => {${inline(STRICT_FRAME_BOOTSTRAP, "script")}})(${inline(JSON.stringify(config), "script")})</script>`,
      ...sheets.map((css) => `<style>${inline(css, "style")}</style>`),
      this.importMapScript(),
      `</head><body${attributes(entry.bodyAttributes)}>`,
      this.markup(),
      ...scripts
        .filter((script) => !loaded.includes(script))
        .map((script) =>
          !script.module
            ? `<script>${inline(script.text ?? "", "script")}</script>`
            : script.src
              ? `<script type="module" src="${escapeAttribute(script.src)}"></script>`
              : `<script type="module">${inline(script.text ?? "", "script")}</script>`,
        ),
      "</body></html>",
    ].join("");
  }

  /** The app's markup; with files from the host, their URLs wait for the frame loader. */
  private markup(): string {
    const { entry, files } = this.options;
    if (!files) return entry.body.innerHTML;
    const copy = entry.body.cloneNode(true) as HTMLTemplateElement;
    deferVirtualUrls(copy.content, { fetch: files });
    return copy.innerHTML;
  }

  /**
   * The host's import map as the frame's own: the frame loads the app's ES modules itself,
   * natively (an opaque origin fetches them with CORS), so the browser resolves bare specifiers.
   */
  private importMapScript(): string {
    const { importMap, scripts, entry, files } = this.options;
    const imports = Object.entries(importMap?.imports ?? {});
    if (files || !imports.length || !scripts.some((script) => script.module)) return "";
    const absolute = Object.fromEntries(imports.map(([key, url]) => [key, new URL(url, entry.baseUrl).href]));
    return `<script type="importmap">${inline(JSON.stringify({ imports: absolute }), "script")}</script>`;
  }

  /** A log entry from the frame, checked and cut as the page's own (the frame's code is untrusted). */
  private log(entry: Record<string, unknown>): void {
    const { level, kind, message, stack } = entry ?? {};
    const known = (list: readonly unknown[], value: unknown, otherwise: string) =>
      list.includes(value) ? String(value) : otherwise;
    this.options.log?.(
      logEntry(
        known(LOG_LEVELS, level, "log"),
        known(["console", "error", "rejection", "file"], kind, "console"),
        String(message),
        stack,
      ),
    );
  }

  private post(type: string, fields: Record<string, unknown>): void {
    this.iframe.contentWindow?.postMessage({ mf: STRICT_MESSAGE, channel: this.channel, type, ...fields }, "*");
  }

  private readonly receive = (event: MessageEvent): void => {
    // Only this frame's window, only an opaque origin, only with this frame's token.
    if (event.source !== this.iframe.contentWindow || event.origin !== "null") return;
    if (!isStrictMessage(event.data, this.channel)) return;
    try {
      this.handle(event.data);
    } catch (error) {
      console.error(`microfrontends: strict app "${this.options.name}" sent a bad message:`, error);
    }
  };

  private handle(message: StrictMessage): void {
    const { connection } = this.options;
    switch (message.type) {
      case "loaded":
        this.exported = Array.isArray(message.lifecycles) ? (message.lifecycles as LifecycleName[]) : null;
        this.settle?.resolve();
        break;
      case "failed":
        this.settle?.reject(new ScriptError("strict app", String(message.message)));
        break;
      case "called": {
        const pending = this.calls.get(Number(message.id));
        this.calls.delete(Number(message.id));
        if (message.error === undefined) pending?.resolve();
        else pending?.reject(new Error(String(message.error)));
        break;
      }
      case "resize":
        if (!this.options.fillHeight && typeof message.height === "number") {
          this.iframe.style.height = `${Math.max(0, Math.ceil(message.height))}px`;
        }
        break;
      case "setState":
        connection?.setGlobalState(message.patch as Record<string, unknown>);
        break;
      case "listening":
        // The state the frame's document was written with may be stale by now, and the frame
        // keeps its own copy for getGlobalState and its listener: it gets every change from here.
        if (!connection?.hasState()) break;
        this.post("state", { state: connection.getGlobalState(), sync: true });
        connection.onGlobalStateChange((state, previous) => this.post("state", { state, previous }));
        break;
      case "emit":
        connection?.emit(String(message.event), message.payload);
        break;
      case "listen": {
        const name = String(message.event);
        if (this.listeners.has(name) || !connection) break;
        const handler: EventHandler = (payload) => this.post("event", { event: name, payload });
        this.listeners.set(name, handler);
        connection.on(name, handler);
        break;
      }
      case "fetch": {
        const { files } = this.options;
        if (!files) break;
        const { id } = message;
        files(String(message.url)).then(
          ({ url, contentType, bytes }) => this.post("file", { id, url, contentType, bytes }),
          (error) => this.post("file", { id, error: error instanceof Error ? error.message : String(error) }),
        );
        break;
      }
      case "log":
        this.log(message.entry as Record<string, unknown>);
        break;
      case "unlisten": {
        const name = String(message.event);
        const handler = this.listeners.get(name);
        if (handler) connection?.off(name, handler);
        this.listeners.delete(name);
        break;
      }
    }
  }
}

/** `text` made safe to stand inside a `<tag>` element of the frame's document. */
function inline(text: string, tag: string): string {
  return text.replace(new RegExp(`</${tag}`, "gi"), `<\\/${tag}`);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
}

/**
 * An app served from a local folder gets the files of that folder only: the frame's code is
 * untrusted, and the kernel may serve other folders to other apps.
 */
function folderFiles(baseUrl: string, transport: Transport): ((url: string) => Promise<Asset>) | undefined {
  if (!isVirtualUrl(baseUrl)) return undefined;
  const folder = servedFolder(baseUrl);
  return (url) => {
    // Parsed first: the URL parser takes out any "..", as the kernel will read the path.
    const file = URL.canParse(url) ? new URL(url).href : "";
    return file.startsWith(folder)
      ? transport.fetch(file)
      : Promise.reject(new Error(`${url} is not a file of this app`));
  };
}

/**
 * The page's blob URLs in an app's CSS (its images and fonts from a local folder) as data URLs:
 * blob URLs belong to the page's origin, and the frame's opaque origin cannot load them.
 */
async function withDataUrls(css: string): Promise<string> {
  // The page's blob URLs: its origin, then a UUID (36 characters).
  const prefix = `blob:${location.origin}/`;
  const found = new Set<string>();
  for (let at = css.indexOf(prefix); at >= 0; at = css.indexOf(prefix, at + 1)) {
    found.add(css.slice(at, at + prefix.length + 36));
  }
  const blobs = [...found];
  const dataUrls = await Promise.all(
    blobs.map(async (blob) => {
      const bytes = await (await fetch(blob)).blob();
      return new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(bytes);
      });
    }),
  );
  return blobs.reduce((text, blob, i) => text.replaceAll(blob, dataUrls[i]), css);
}

/**
 * The entry point of the separately built strict runtime (static/strict.js): waits for the
 * app's files, then creates its frame, which resolves once the app has loaded and mounted.
 */
export async function loadStrictApp(load: StrictLoad): Promise<StrictFrame> {
  const sheets = await Promise.all(
    load.sheets.map(async (sheet) => {
      const { fontFaces, rules } = await sheet;
      return withDataUrls(`${fontFaces}\n${rules}`);
    }),
  );
  const scripts = await Promise.all(
    load.scripts.map(async (script, i): Promise<FrameScript> => {
      if (script.module) return { module: true, src: script.src, text: script.text };
      return { module: false, text: await (load.sources[i] ?? script.text ?? "") };
    }),
  );
  const files = folderFiles(load.entry.baseUrl, load.transport);
  return StrictFrame.create({ ...load, sheets, scripts, files });
}
