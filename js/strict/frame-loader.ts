/**
 * Runs inside a strict app's frame when the app is served from a local folder (built on its
 * own into a string, static/strict.js carries it). The kernel serves files to the page, not to
 * the frame's opaque origin, so the frame asks the host for each of the app's files by message
 * (see strict-frame.ts, which answers only for the app's own folder) and makes its own blob
 * URLs of them: the app's ES modules (es-module-lexer rewrites their imports, as in the
 * iframe sandbox), its images and media, and the stylesheets its code links at run time
 * (with the files they name). Its `fetch`, XHR and workers (frame-workers.ts) get the app's
 * files the same way.
 */
import { resolveStylesheet } from "../css/stylesheet";
import { absoluteUrl } from "../loader/asset-urls";
import { loadDeferredUrls } from "../loader/html-entry";
import { ModuleGraph } from "../loader/module-graph";
import type { ImportMap } from "../loader/modules";
import { setPartLoader } from "../loader/parts";
import { assetText, browserTransport, isVirtualUrl, type Asset, type Transport } from "../loader/transport";
import { patchRealmFetch } from "../patches/fetch";
import { patchUrlAttributes } from "../patches/url-attributes";
import { patchRealmXhr } from "../patches/xhr";
import { startWorkersThrough } from "./frame-workers";

/** What the frame's bootstrap gives the loader. */
export interface FrameLoaderConfig {
  baseUrl: string;
  importMap?: ImportMap;
  /** The app's module scripts, in document order. */
  modules: { src?: string; text?: string }[];
  /** One of the app's files, from the host. */
  request(url: string): Promise<Asset>;
}

type FrameWindow = Window & typeof globalThis;

// The frame has no kernel to ask for parts: the CSS tokenizer is built into this loader.
setPartLoader(async (name) => {
  if (name !== "css") throw new Error(`a strict frame has no ${name} part`);
  return import("../css/rewrite-urls");
});

function blobOf(bytes: BlobPart, type: string): string {
  return URL.createObjectURL(new Blob([bytes], { type }));
}

/**
 * A stylesheet `<link>` to one of the app's files gets its href once the file is a blob URL,
 * so that it loads once, and its `load` event means the rules are in (Vite's preload helper
 * waits for it). The sheet's own `url()`s become blob URLs of the frame first.
 */
function linkStylesheetsThrough(win: FrameWindow, baseUrl: string, transport: Transport): void {
  const prototype = win.HTMLLinkElement.prototype;
  const native = Object.getOwnPropertyDescriptor(prototype, "href")!;
  Object.defineProperty(prototype, "href", {
    ...native,
    set(this: HTMLLinkElement, value: unknown) {
      const url = absoluteUrl(String(value), baseUrl);
      if (!isVirtualUrl(url)) return native.set!.call(this, value);
      // Preload hints to the app's files are dropped: nothing here could load them.
      if (!this.relList.contains("stylesheet")) return;
      transport
        .fetch(url)
        .then((asset) => resolveStylesheet(assetText(asset), asset.url, transport))
        .then(
          ({ fontFaces, rules }) => native.set!.call(this, blobOf(`${fontFaces}\n${rules}`, "text/css")),
          () => this.dispatchEvent(new Event("error")),
        );
    },
  });
}

/**
 * A script the app adds at run time with one of its files as `src` (webpack's chunk loading
 * does): the browser decides whether a script loads when it is inserted, so the script goes in
 * only once its `src` is a blob URL of the frame, and a comment holds its place until then.
 */
function insertScriptsThrough(win: FrameWindow, graph: ModuleGraph, transport: Transport): void {
  const native = {
    appendChild: win.Node.prototype.appendChild,
    insertBefore: win.Node.prototype.insertBefore,
  };
  const blobFor = (script: HTMLScriptElement, url: string): Promise<string> =>
    script.type.trim().toLowerCase() === "module"
      ? graph.load(url)
      : transport.fetch(url).then((asset) => blobOf(asset.bytes as BlobPart, "text/javascript"));
  // The scripts still waiting for their blob URL, and what stands in for each.
  const waiting = new WeakMap<Node, Comment>();
  const placeholderFor = (node: Node): Node => {
    if (!(node instanceof win.HTMLScriptElement)) return node;
    const url = node.getAttribute("src");
    if (!url || !isVirtualUrl(url)) return node;
    const placeholder = document.createComment(` ${url} `);
    waiting.set(node, placeholder);
    blobFor(node, url)
      .then(
        (blob) => {
          node.src = blob;
          placeholder.parentNode?.replaceChild(node, placeholder);
        },
        (error) => {
          console.error(`microfrontends: the script ${url} could not be loaded:`, error);
          placeholder.remove();
          node.dispatchEvent(new Event("error"));
        },
      )
      .finally(() => waiting.delete(node));
    return placeholder;
  };
  win.Node.prototype.appendChild = function <T extends Node>(this: Node, node: T): T {
    native.appendChild.call(this, placeholderFor(node));
    return node;
  };
  win.Node.prototype.insertBefore = function <T extends Node>(this: Node, node: T, child: Node | null): T {
    // Before a script that is still waiting: before what stands in for it.
    native.insertBefore.call(this, placeholderFor(node), (child && waiting.get(child)) ?? child);
    return node;
  };
  for (const method of ["append", "prepend", "before", "after"] as const) {
    const element = win.Element.prototype;
    const nativeMethod = element[method];
    element[method] = function (this: Element, ...nodes: (Node | string)[]) {
      nativeMethod.apply(
        this,
        nodes.map((node) => (typeof node === "string" ? node : placeholderFor(node))),
      );
    };
  }
}

/** Loads the app's module scripts in order; resolves with what each exported. */
function startFrameLoader(config: FrameLoaderConfig): Promise<Record<string, unknown>[]> {
  const win = window as FrameWindow;
  const transport: Transport = {
    // Other URLs the frame loads itself, with the runtime's own browser transport.
    fetch: (url) => (isVirtualUrl(url) ? config.request(url) : browserTransport.fetch(url)),
  };
  patchUrlAttributes(win, config.baseUrl, transport);
  linkStylesheetsThrough(win, config.baseUrl, transport);
  const graph = new ModuleGraph(transport, config.importMap, config.baseUrl, false, {
    fail: (source, message) => new Error(message.includes(source) ? message : `${source}: ${message}`),
    blob: (text, type) => blobOf(text, type),
    realms: () => [document],
  });
  insertScriptsThrough(win, graph, transport);
  patchRealmFetch(win, transport);
  patchRealmXhr(win, transport);
  startWorkersThrough(win, transport, graph);
  Object.defineProperty(win, "__microfrontends_import__", {
    value: (specifier: unknown, importer: string) =>
      graph.load(graph.resolve(String(specifier), importer)).then((url) => import(url)),
  });
  return new Promise<void>((resolve) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => resolve());
    else resolve();
  }).then(async () => {
    loadDeferredUrls(document.body, transport);
    const exports: Record<string, unknown>[] = [];
    // Module scripts run after the document is parsed, one after the other, as deferred ones do.
    for (const module of config.modules) {
      const where = module.src ?? "an inline module";
      try {
        const url = module.src
          ? await graph.load(module.src)
          : await graph.loadInline(module.text ?? "", config.baseUrl);
        exports.push(await import(url));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(message.includes(where) ? message : `${where}: ${message}`);
      }
    }
    return exports;
  });
}

(window as unknown as Record<string, unknown>).__microfrontends_strict_loader__ = startFrameLoader;
