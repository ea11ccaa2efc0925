/**
 * The ES module loader's body, with es-module-lexer: a chunk of its own (static/modules.js),
 * loaded only when an app has ES modules (see modules.ts).
 */
import { init, parse, type ImportSpecifier } from "es-module-lexer/minimal";
import type { Transport } from "./transport";

/** An import map given by the host: bare specifiers (or prefixes ending in "/") to URLs. */
export interface ImportMap {
  imports?: Record<string, string>;
}

/** What the graph needs from the runtime that loaded it (its error class, its blob registry, its realms). */
export interface GraphHost {
  fail(source: string, message: string): Error;
  blob(text: string, type: string, source: string): string;
  /** The documents of the realms that run the graph's modules: each gets the cycles' import map. */
  realms(): Iterable<Document>;
}

/** Name of the realm global that rewritten dynamic `import()` calls go through. */
const IMPORT_HELPER = "__microfrontends_import__";
const utf8 = new TextDecoder();
let cycleKeys = 0;

interface ModuleRecord {
  /** The module's URL after redirects: its `import.meta.url`, and what its specifiers resolve against. */
  url: string;
  source: string;
  /** The lexer's imports (undefined for JSON and CSS modules, which are not rewritten). */
  imports?: readonly ImportSpecifier[];
  /** Resolved URL of each static import, by the import's index. */
  deps: (string | undefined)[];
  type: string;
  blob?: string;
  /** The bare specifier its partners in a cycle import it by, made before its blob URL exists. */
  cycleKey?: string;
}

/** Parsed modules for the page's lifetime, per import map (which changes how they link). */
const records = new Map<string, Promise<ModuleRecord>>();
/** The same records once fetched: a graph being linked is read synchronously. */
const settled = new Map<string, ModuleRecord>();
/** [cycle key, blob URL] of every module of a cycle linked so far, in order (see `link`). */
const cycleImports: [string, string][] = [];
/** How many of `cycleImports` each realm's document has in its import maps. */
const mappedCycles = new WeakMap<Document, number>();

/**
 * The module graphs of apps that share an import map: each module is fetched through the app's
 * transport once, its static and dynamic import specifiers are rewritten (static ones to blob
 * URLs of the rewritten dependencies, dynamic ones to the realm's import helper), and the
 * browser runs the blob URLs natively in the app's realm.
 */
export class ModuleGraph {
  private readonly imports: [string, string][];
  private readonly mapKey: string;

  /** Module URLs this loader fetched afresh (when `fresh`). */
  private readonly refreshed = new Set<string>();

  /** `fresh`: fetch each module again the first time this graph needs it (a reload). */
  constructor(
    private readonly transport: Transport,
    importMap: ImportMap | undefined,
    baseUrl: string,
    private readonly fresh: boolean,
    private readonly host: GraphHost,
  ) {
    this.imports = Object.entries(importMap?.imports ?? {}).map(([key, url]) => [key, new URL(url, baseUrl).href]);
    // Longest keys first, so that the most specific prefix wins.
    this.imports.sort(([a], [b]) => b.length - a.length);
    this.mapKey = JSON.stringify(this.imports);
  }

  /** The URL `specifier` names, imported by the module at `importer`. */
  resolve(specifier: string, importer: string): string {
    if (/^(\.{0,2}\/|[a-z][a-z\d+.-]*:)/i.test(specifier)) return new URL(specifier, importer).href;
    for (const [key, url] of this.imports) {
      if (key === specifier) return url;
      if (key.endsWith("/") && specifier.startsWith(key)) return url + specifier.slice(key.length);
    }
    throw this.host.fail(
      importer,
      `the bare specifier "${specifier}" imported by ${importer} is not in the import map ` +
        `(give it in import_map={"imports": {"${specifier}": "<url>"}})`,
    );
  }

  /** A blob URL of the module at `url`, with its static imports loaded and linked. */
  async load(url: string): Promise<string> {
    if (isLoadable(url)) return url;
    const seen = new Set<string>();
    const visit = async (dep: string): Promise<void> => {
      if (seen.has(dep)) return;
      seen.add(dep);
      const record = await this.record(dep);
      if (!record.blob) await Promise.all(record.deps.map((next) => next && visit(next)));
    };
    await visit(url);
    return this.linked(await this.record(url));
  }

  /** A blob URL of an inline module script, whose URL is the document's. */
  async loadInline(text: string, baseUrl: string): Promise<string> {
    const record = await this.parse(baseUrl, text, "text/javascript");
    await Promise.all(record.deps.map((dep) => dep && this.load(dep)));
    return this.linked(record);
  }

  /** The record's blob URL, once the realms can resolve every module it reaches. */
  private linked(record: ModuleRecord): string {
    const blob = this.link(record);
    this.mapCycles();
    return blob;
  }

  private record(url: string): Promise<ModuleRecord> {
    const key = this.mapKey + url;
    const fresh = this.fresh && !this.refreshed.has(url);
    let pending = fresh ? undefined : records.get(key);
    if (!pending) {
      if (fresh) this.refreshed.add(url);
      pending = this.transport.fetch(url, { fresh }).then((asset) => {
        const type = asset.contentType.split(";")[0].trim().toLowerCase();
        if (type === "text/html") {
          throw this.host.fail(url, `the module ${url} was served as text/html, not JavaScript`);
        }
        return this.parse(asset.url, utf8.decode(asset.bytes), type);
      });
      records.set(key, pending);
      pending.then(
        (record) => settled.set(key, record),
        () => records.get(key) === pending && records.delete(key),
      );
    }
    return pending;
  }

  private async parse(url: string, source: string, type: string): Promise<ModuleRecord> {
    if (/json|css/.test(type)) return { url, source, type, deps: [] };
    await init();
    let imports: readonly ImportSpecifier[];
    try {
      [imports] = parse(source, url);
    } catch (error) {
      throw this.host.fail(url, `the module ${url} could not be parsed: ${String(error)}`);
    }
    const deps = imports.map((i) => (i.d === -1 && i.n !== undefined ? this.resolve(i.n, url) : undefined));
    return { url, source, imports, deps, type: "text/javascript" };
  }

  /**
   * The record's blob URL, made after those of the modules it imports. A cycle cannot be made
   * of blob URLs alone (each URL exists only once its text is final), so the modules of a cycle
   * name a partner whose blob does not exist yet by a bare key, which the realm's import map
   * maps to that blob (see `mapCycles`): the realm's own loader then links the real modules,
   * with live bindings and hoisted functions, as it does for a page. Stand-ins that copy a
   * module's bindings (es-module-shims' shells) see them only once its body has run, and miss
   * its hoisted functions before. Only the imports that close a cycle go through the map, so
   * acyclic graphs need none, and a map added after a realm ran modules (a lazy chunk with a
   * cycle) relies on the browser merging import maps (Chrome 133, Safari 18.4) only then.
   */
  private link(root: ModuleRecord): string {
    if (!root.blob) for (const component of this.components(root)) this.linkComponent(component);
    return root.blob!;
  }

  /** Blob URLs for a strongly connected component whose dependencies outside it are linked. */
  private linkComponent(members: ModuleRecord[]): void {
    for (const record of members) {
      record.blob = this.host.blob(this.rewrite(record), record.type, record.url);
    }
    for (const record of members) if (record.cycleKey) cycleImports.push([record.cycleKey, record.blob!]);
  }

  /** The record's text with its specifiers pointing at blob URLs (or cycle keys). */
  private rewrite(record: ModuleRecord): string {
    const { source, imports = [] } = record;
    const url = JSON.stringify(record.url);
    // A blob URL is no base for the module's relative URLs (Vite's preload helper, assets):
    // give `import.meta` the module's own URL.
    let text = imports.some((i) => i.d === -2)
      ? `import.meta.url=${url};import.meta.resolve=(s)=>new URL(s,${url}).href;`
      : "";
    let at = 0;
    for (const [index, i] of imports.entries()) {
      const dep = record.deps[index];
      if (dep) {
        text += source.slice(at, i.s) + this.target(dep);
        at = i.e;
      } else if (i.d >= 0 && i.t === 2) {
        text += `${source.slice(at, i.ss)}${IMPORT_HELPER}${source.slice(i.d, i.e)},${url}`;
        at = i.e;
      }
    }
    text += source.slice(at);
    // (JSON and CSS modules stay as they are: a comment would break JSON.)
    if (record.imports) text += `\n//# sourceURL=${record.url}`;
    return text;
  }

  /** What an import of `dep` becomes: its blob URL, or its cycle key while it has none. */
  private target(dep: string): string {
    if (isLoadable(dep)) return dep;
    const record = recordNow(this.mapKey + dep);
    // Unique on the page, and never ending in "/" (which would make it a prefix).
    return record.blob ?? (record.cycleKey ??= `@microfrontends/cycle/${record.url}#${++cycleKeys}`);
  }

  /**
   * The unlinked records reachable from `root`, in strongly connected components (the modules
   * of a cycle), each after the components it imports (Tarjan's algorithm).
   */
  private components(root: ModuleRecord): ModuleRecord[][] {
    const order = new Map<ModuleRecord, { index: number; low: number }>();
    const stack: ModuleRecord[] = [];
    const onStack = new Set<ModuleRecord>();
    const components: ModuleRecord[][] = [];
    const visit = (record: ModuleRecord): void => {
      const mark = { index: order.size, low: order.size };
      order.set(record, mark);
      stack.push(record);
      onStack.add(record);
      for (const next of this.unlinkedDeps(record)) {
        if (!order.has(next)) visit(next);
        if (onStack.has(next)) mark.low = Math.min(mark.low, order.get(next)!.low);
      }
      if (mark.low !== mark.index) return;
      const component: ModuleRecord[] = [];
      let member: ModuleRecord;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== record);
      components.push(component);
    };
    visit(root);
    return components;
  }

  private unlinkedDeps(record: ModuleRecord): ModuleRecord[] {
    return record.deps
      .filter((dep): dep is string => !!dep && !isLoadable(dep))
      .map((dep) => recordNow(this.mapKey + dep))
      .filter((dep) => !dep.blob);
  }

  /** Gives each realm of the host the import map entries of the cycles linked since its last. */
  private mapCycles(): void {
    for (const doc of this.host.realms()) {
      const from = mappedCycles.get(doc) ?? 0;
      if (from === cycleImports.length) continue;
      const script = doc.createElement("script");
      script.type = "importmap";
      script.textContent = JSON.stringify({ imports: Object.fromEntries(cycleImports.slice(from)) });
      // The document's own <head>: an app's `document.head` may be patched to answer its own.
      (Reflect.get(Object.getPrototypeOf(doc) as object, "head", doc) as HTMLHeadElement).appendChild(script);
      mappedCycles.set(doc, cycleImports.length);
    }
  }
}

/** Whether the realm loads `url` as it is (a dependency given as a blob: or data: URL). */
function isLoadable(url: string): boolean {
  return url.startsWith("blob:") || url.startsWith("data:");
}

function recordNow(key: string): ModuleRecord {
  const record = settled.get(key);
  if (!record) throw new Error(`microfrontends: module ${key} was linked before it was loaded`);
  return record;
}
