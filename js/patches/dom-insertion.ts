import { resolveStylesheet, type OnMissingFile } from "../css/stylesheet";
import { STYLESHEET_HREF, type AppDom } from "../contract/app-dom";
import { absoluteUrl, loadableUrl } from "../loader/asset-urls";
import { SCRIPT_TYPES } from "../loader/html-entry";
import { moduleLoaderOf } from "../loader/modules";
import { assetText, type Transport } from "../loader/transport";
import type { Realm } from "../contract/realm";

export interface InsertionContext {
  app: AppDom;
  realm: Realm;
  transport: Transport;
  baseUrl: string;
  /** Told of a stylesheet, image or font the app added that could not be loaded. */
  onMissing: OnMissingFile;
  /** Called for each `<style>` or stylesheet the app adds at run time, once inserted. */
  onDynamicStyle(style: Element): void;
}

/** What stands in the DOM for an element the host took over (a script, a linked stylesheet). */
const standIns = new WeakMap<Node, Node>();

function isElement(node: unknown): node is Element {
  return !!node && (node as Node).nodeType === Node.ELEMENT_NODE;
}

/**
 * Elements the app appends to its `<head>` or `<body>` at run time: scripts run in the app's
 * realm (never in the page), linked stylesheets are fetched through the app's transport and
 * inlined, and `@font-face` rules are hoisted. Everything else is inserted as it is.
 */
export function patchInsertion(parent: HTMLElement, context: InsertionContext): () => void {
  const native = {
    appendChild: Node.prototype.appendChild,
    insertBefore: Node.prototype.insertBefore,
    removeChild: Node.prototype.removeChild,
    append: Element.prototype.append,
    prepend: Element.prototype.prepend,
  };
  const take = (node: Node | string) => (typeof node === "string" ? node : takeOver(node, context));
  const own: Record<string, unknown> = {
    appendChild<T extends Node>(node: T): T {
      native.appendChild.call(parent, take(node) as Node);
      return node;
    },
    insertBefore<T extends Node>(node: T, reference: Node | null): T {
      native.insertBefore.call(parent, take(node) as Node, reference && (standIns.get(reference) ?? reference));
      return node;
    },
    removeChild<T extends Node>(node: T): T {
      const standIn = standIns.get(node);
      if (standIn) {
        standIn.parentNode?.removeChild(standIn);
        return node;
      }
      return native.removeChild.call(parent, node) as T;
    },
    append(...nodes: (Node | string)[]) {
      native.append.apply(parent, nodes.map(take));
    },
    prepend(...nodes: (Node | string)[]) {
      native.prepend.apply(parent, nodes.map(take));
    },
  };
  for (const [key, value] of Object.entries(own)) {
    Object.defineProperty(parent, key, { configurable: true, writable: true, value });
  }
  return () => {
    for (const key of Object.keys(own)) Reflect.deleteProperty(parent, key);
  };
}

function takeOver(node: Node, context: InsertionContext): Node {
  if (!isElement(node)) return node;
  switch (node.localName) {
    case "script":
      return takeScript(node as HTMLScriptElement, context);
    case "link":
      if (isModulePreload(node, context.realm)) return takeModulePreload(node as HTMLLinkElement, context);
      return isStylesheetLink(node) ? takeStylesheetLink(node as HTMLLinkElement, context) : node;
    case "style":
      resolveStyleText(node as HTMLStyleElement, context);
      context.onDynamicStyle(node);
      return node;
    default:
      return node;
  }
}

function fire(element: Element, type: string, realm: Realm): void {
  element.dispatchEvent(new realm.global.Event(type));
}

function takeScript(script: HTMLScriptElement, context: InsertionContext): Node {
  const type = (script.getAttribute("type") ?? "").trim().toLowerCase();
  if (!SCRIPT_TYPES.has(type)) return script;
  const { realm, transport } = context;
  const standIn = document.createComment(" script run in the app's realm by microfrontends ");
  standIns.set(script, standIn);
  const src = script.getAttribute("src");
  const url = src ? absoluteUrl(src, context.baseUrl) : undefined;
  if (type === "module") {
    // Through the realm's module loader when it has one (the iframe sandbox), so that the
    // module and its imports come through the app's transport.
    const modules = moduleLoaderOf(realm.global);
    const source = modules
      ? url
        ? modules.load(url)
        : modules.loadInline(script.text, context.baseUrl)
      : url
        ? Promise.resolve(loadableUrl(url, transport))
        : Promise.resolve(URL.createObjectURL(new Blob([script.text], { type: "text/javascript" })));
    source
      .then((moduleUrl) => realm.runModule(moduleUrl))
      .then(
        () => fire(script, "load", realm),
        (error) => {
          console.error(`microfrontends: module ${url ?? "inline"} failed:`, error);
          fire(script, "error", realm);
        },
      );
    return standIn;
  }
  if (!url) {
    runReportingErrors(realm, { text: script.text });
    return standIn;
  }
  transport.fetch(url).then(
    (asset) => {
      runReportingErrors(realm, { url, text: assetText(asset) });
      fire(script, "load", realm);
    },
    (error) => {
      // Said in the app's warnings and log (a page goes on without it too).
      context.onMissing(url, error);
      fire(script, "error", realm);
    },
  );
  return standIn;
}

function isModulePreload(element: Element, realm: Realm): boolean {
  const rel = (element.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
  return rel.includes("modulepreload") && !!element.getAttribute("href") && !!moduleLoaderOf(realm.global);
}

/**
 * `<link rel="modulepreload">` (Vite's preload helper adds them for a chunk's imports): the page
 * would fetch the module itself, which it cannot for kernel-served or cross-origin apps. The
 * realm's module loader fetches and links it through the app's transport instead.
 */
function takeModulePreload(link: HTMLLinkElement, context: InsertionContext): Node {
  const { realm } = context;
  const url = absoluteUrl(link.getAttribute("href")!, context.baseUrl);
  const standIn = document.createComment(" module preloaded by microfrontends ");
  standIns.set(link, standIn);
  moduleLoaderOf(realm.global)!
    .load(url)
    .then(
      () => fire(link, "load", realm),
      () => fire(link, "error", realm),
    );
  return standIn;
}

/** A script that throws after the app has loaded is the app's bug, reported like a page does. */
function runReportingErrors(realm: Realm, script: { url?: string; text: string }): void {
  try {
    realm.run(script);
  } catch (error) {
    console.error("microfrontends:", error);
  }
}

function isStylesheetLink(element: Element): boolean {
  const rel = (element.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
  return rel.includes("stylesheet") && !!element.getAttribute("href");
}

function takeStylesheetLink(link: HTMLLinkElement, context: InsertionContext): Node {
  const { app, transport, realm, onMissing } = context;
  const url = absoluteUrl(link.getAttribute("href")!, context.baseUrl);
  const style = document.createElement("style");
  style.setAttribute(STYLESHEET_HREF, url);
  if (link.media) style.media = link.media;
  standIns.set(link, style);
  transport.fetch(url).then(
    async (asset) => {
      const { rules, fontFaces } = await resolveStylesheet(assetText(asset), asset.url, transport, onMissing);
      style.textContent = app.styleText(rules);
      app.hoistFontFaces(fontFaces);
      fire(link, "load", realm);
    },
    (error) => {
      onMissing(url, error);
      fire(link, "error", realm);
    },
  );
  context.onDynamicStyle(style);
  return style;
}

/** Relative `url(...)`s in a style the app adds would resolve against the page; fix them. */
function resolveStyleText(style: HTMLStyleElement, context: InsertionContext): void {
  const { app } = context;
  const text = style.textContent ?? "";
  // Scoped at once, so that the app's rules never apply to the page, not even for a frame.
  const scoped = app.styleText(text);
  style.textContent = scoped;
  if (!/url\(|@import|@font-face/i.test(text)) return;
  resolveStylesheet(text, context.baseUrl, context.transport, context.onMissing).then(({ rules, fontFaces }) => {
    if (style.textContent === scoped) style.textContent = app.styleText(rules);
    app.hoistFontFaces(fontFaces);
  });
}
