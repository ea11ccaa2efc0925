import type { OnMissingFile } from "../css/stylesheet";
import { absoluteUrl, loadableUrl, mapSrcset } from "./asset-urls";
import { servedByTransport, type Transport } from "./transport";

export interface StyleSource {
  /** The stylesheet's URL for a `<link>`, undefined for an inline `<style>`. */
  href?: string;
  /** The CSS text of an inline `<style>`. */
  text?: string;
}

export interface ScriptSource {
  src?: string;
  text?: string;
  module: boolean;
  async: boolean;
  defer: boolean;
}

/** What an HTML entry holds, with every URL resolved against the entry and its `<base href>`. */
export interface EntryDocument {
  baseUrl: string;
  /** The entry's own `<script type="importmap">` imports, their URLs absolute (none: empty). */
  imports: Record<string, string>;
  styles: StyleSource[];
  scripts: ScriptSource[];
  /** The body's markup, scripts and styles taken out, as a detached template. */
  body: HTMLTemplateElement;
  bodyAttributes: Attr[];
  htmlAttributes: Attr[];
  title: string;
}

/** Script types a browser runs; anything else is a data block. */
export const SCRIPT_TYPES = new Set([
  "",
  "text/javascript",
  "application/javascript",
  "text/ecmascript",
  "application/ecmascript",
  "module",
]);

/** Attributes that hold a URL the browser loads or follows, by element. */
export const URL_ATTRIBUTES: Record<string, string[]> = {
  IMG: ["src", "srcset"],
  SOURCE: ["src", "srcset"],
  VIDEO: ["src", "poster"],
  AUDIO: ["src"],
  TRACK: ["src"],
  INPUT: ["src"],
  IFRAME: ["src"],
  EMBED: ["src"],
  OBJECT: ["data"],
  A: ["href"],
  AREA: ["href"],
  FORM: ["action"],
};

/** The URL attributes the page loads by itself (not links it follows). */
export const LOADED_URL_ATTRIBUTES = Object.fromEntries(
  Object.entries(URL_ATTRIBUTES).filter(([tag]) => !["A", "AREA", "FORM"].includes(tag)),
);

/** The URLs an attribute's value names: a `srcset`'s candidates, else the value itself. */
function urlsIn(attribute: string, value: string): string[] {
  if (attribute !== "srcset") return [value];
  const urls: string[] = [];
  mapSrcset(value, (url) => (urls.push(url), url));
  return urls;
}

/** Where `deferVirtualUrls` keeps an attribute's URL: `data-microfrontends-src` for `src`. */
const deferredAttribute = (attribute: string) => `data-microfrontends-${attribute}`;

/**
 * Kernel-served URLs in markup (images, media) cannot be loaded by the page. Moves each out of
 * the attribute the browser loads (into a `data-microfrontends-` one) before the markup meets a
 * live document, so that nothing requests a URL no network resolves.
 */
export function deferVirtualUrls(root: ParentNode, transport: Transport): void {
  for (const [tag, attributes] of Object.entries(LOADED_URL_ATTRIBUTES)) {
    for (const el of Array.from(root.querySelectorAll(tag))) {
      for (const attribute of attributes) {
        const value = el.getAttribute(attribute);
        if (value === null || !urlsIn(attribute, value).some((url) => servedByTransport(url, transport))) continue;
        el.setAttribute(deferredAttribute(attribute), value);
        el.removeAttribute(attribute);
      }
    }
  }
}

/**
 * Gives each URL `deferVirtualUrls` moved back to its attribute as a blob URL of the bytes
 * fetched through the transport, unless the app has set the attribute in the meantime; a URL
 * that cannot be loaded is left out and told to `onMissing`.
 */
export function loadDeferredUrls(root: ParentNode, transport: Transport, onMissing: OnMissingFile = warnMissing): void {
  for (const [tag, attributes] of Object.entries(LOADED_URL_ATTRIBUTES)) {
    for (const attribute of attributes) {
      const deferred = deferredAttribute(attribute);
      for (const el of Array.from(root.querySelectorAll(`${tag}[${deferred}]`))) {
        const value = el.getAttribute(deferred)!;
        el.removeAttribute(deferred);
        Promise.all(urlsIn(attribute, value).map((url) => loadableUrl(url, transport))).then(
          (urls) =>
            el.hasAttribute(attribute) ||
            el.setAttribute(attribute, attribute === "srcset" ? mapSrcset(value, () => urls.shift()!) : urls[0]),
          (error) => onMissing(value, error),
        );
      }
    }
  }
}

const warnMissing: OnMissingFile = (url, error) => console.warn(`microfrontends: could not load ${url}:`, error);

export function baseUrlOf(doc: Document, entryUrl: string): string {
  const href = doc.querySelector("base[href]")?.getAttribute("href");
  return href ? absoluteUrl(href, entryUrl) : entryUrl;
}

/** Parses an entry's HTML with the browser's DOMParser; never runs anything. */
export function parseEntry(html: string, entryUrl: string): EntryDocument {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const baseUrl = baseUrlOf(doc, entryUrl);
  const styles: StyleSource[] = [];
  const scripts: ScriptSource[] = [];
  const imports: Record<string, string> = {};

  for (const el of Array.from(doc.querySelectorAll("style, link, script"))) {
    if (el instanceof HTMLStyleElement) {
      styles.push({ text: el.textContent ?? "" });
      el.remove();
    } else if (el instanceof HTMLLinkElement) {
      const rel = (el.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
      if (rel.includes("stylesheet") && el.getAttribute("href")) {
        styles.push({ href: absoluteUrl(el.getAttribute("href")!, baseUrl) });
      }
      el.remove();
    } else if (el instanceof HTMLScriptElement) {
      const type = (el.getAttribute("type") ?? "").trim().toLowerCase();
      if (type === "importmap" && !el.hasAttribute("src")) {
        readImportMap(el.textContent ?? "", baseUrl, imports);
        el.remove();
        continue;
      }
      if (!SCRIPT_TYPES.has(type)) continue; // data blocks and templates stay as markup
      el.replaceWith(doc.createComment(" script run by microfrontends "));
      if (el.hasAttribute("nomodule")) continue;
      const src = el.getAttribute("src");
      const module = type === "module";
      scripts.push({
        src: src ? absoluteUrl(src, baseUrl) : undefined,
        text: src ? undefined : (el.textContent ?? ""),
        module,
        async: el.hasAttribute("async"),
        defer: module || (!!src && el.hasAttribute("defer")),
      });
    }
  }

  const body = document.createElement("template");
  resolveMarkupUrls(doc.body, baseUrl);
  // Adopted, not re-parsed: the template's document is as inert as the parser's.
  body.content.append(...Array.from(doc.body.childNodes));
  return {
    baseUrl,
    imports,
    styles,
    scripts,
    body,
    bodyAttributes: Array.from(doc.body.attributes),
    htmlAttributes: Array.from(doc.documentElement.attributes),
    title: doc.title,
  };
}

/**
 * Adds an inline import map's `imports` to `imports`, URLs made absolute. An entry's import
 * maps merge as a browser merges several: a specifier mapped already keeps its first URL. A map
 * that is not JSON is reported and ignored, as a browser does.
 */
function readImportMap(text: string, baseUrl: string, imports: Record<string, string>): void {
  let map: { imports?: unknown };
  try {
    map = JSON.parse(text);
  } catch (error) {
    console.warn(`microfrontends: an import map of ${baseUrl} is not JSON and is ignored:`, error);
    return;
  }
  if (!map || typeof map.imports !== "object" || !map.imports) return;
  for (const [specifier, url] of Object.entries(map.imports)) {
    if (typeof url === "string" && !(specifier in imports)) imports[specifier] = absoluteUrl(url, baseUrl);
  }
}

function resolveMarkupUrls(root: Element, baseUrl: string): void {
  for (const [tag, attributes] of Object.entries(URL_ATTRIBUTES)) {
    for (const el of Array.from(root.getElementsByTagName(tag))) {
      for (const attribute of attributes) {
        const value = el.getAttribute(attribute);
        // In-app fragment links stay relative: the host routes them to the app's own location.
        if (value === null || value.startsWith("#")) continue;
        const resolve = (url: string) => absoluteUrl(url, baseUrl);
        el.setAttribute(attribute, attribute === "srcset" ? mapSrcset(value, resolve) : resolve(value));
      }
    }
  }
}

/** Orders scripts as a browser runs them: parser-blocking and async in order, then deferred. */
export function executionOrder(scripts: ScriptSource[]): ScriptSource[] {
  return [...scripts.filter((s) => !s.defer), ...scripts.filter((s) => s.defer)];
}

/** An entry that is not an HTML document the host can render. */
export class EntryError extends Error {
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = "EntryError";
  }
}

const HTML_TYPES = new Set(["", "text/html", "application/xhtml+xml"]);
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The entry's HTML text, or an EntryError naming what was served instead. */
export function entryHtml(url: string, contentType: string, bytes: Uint8Array): string {
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (!HTML_TYPES.has(type)) {
    throw new EntryError(url, `${url} is not an HTML entry: it was served as ${type}`);
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new EntryError(url, `${url} is not an HTML entry: its bytes are not valid UTF-8 text`);
  }
}
