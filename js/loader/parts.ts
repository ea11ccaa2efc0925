import type { RUNTIME_PARTS } from "../contract/protocol";

/**
 * Parts of the runtime that only some apps need, loaded on first use and kept for the page: the
 * ES module loader (with es-module-lexer), the CSS tokenizer that rewrites `url()`s and hoists
 * `@font-face` rules (only stylesheets that have them need it), the strict, snapshot, proxy and page (`none`)
 * sandboxes (the proxy one with its JavaScript parser), scoped CSS, route sync, the
 * widget's idle prefetch, the error panel, the chunking of big messages and apps' custom elements. The core imports them as chunks beside it; the widget asks the
 * kernel, which serves them from static/. Each caller names the module a part is
 * (`loadPart<typeof import("./module-graph")>("modules")`): this file imports none of them, so
 * that no part's imports lead back here in a circle.
 */
export type PartName = (typeof RUNTIME_PARTS)[number];

export type PartLoader = (name: PartName) => Promise<unknown>;

/** Ways to load parts, the latest last (a widget view's kernel, while the view lives). */
const loaders: PartLoader[] = [];
const loaded = new Map<PartName, Promise<unknown>>();

/** Adds a way to load parts; returns a function that withdraws it. */
export function setPartLoader(load: PartLoader): () => void {
  loaders.push(load);
  return () => {
    const index = loaders.indexOf(load);
    if (index >= 0) loaders.splice(index, 1);
  };
}

/**
 * Tries the ways to load a part, the latest first, until one works: one view's kernel may be
 * gone, or have no copy of the part (an exported page where only some apps were embedded).
 */
async function loadFirst(name: PartName): Promise<unknown> {
  let failure: unknown = new Error(`the runtime's ${name} part is not available here`);
  for (const load of [...loaders].reverse()) {
    try {
      return await load(name);
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

/** The part `name`, the module `Part`, loaded once; a failed load is tried again next time. */
export function loadPart<Part>(name: PartName): Promise<Part> {
  let part = loaded.get(name);
  if (!part) {
    const pending = loadFirst(name);
    loaded.set(name, (part = pending));
    pending.catch(() => loaded.get(name) === pending && loaded.delete(name));
  }
  return part as Promise<Part>;
}
