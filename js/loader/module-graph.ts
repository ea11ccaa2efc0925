/**
 * The ES module loader's body, with es-module-lexer: a chunk of its own (static/modules.js),
 * loaded only when an app has ES modules (see modules.ts).
 */
import { init, parse, type ExportSpecifier, type ImportSpecifier } from "es-module-lexer/minimal";
import type { ImportMap } from "./modules";
import type { Transport } from "./transport";

/** What the graph needs from the runtime that loaded it (its error class, its blob registry). */
export interface GraphHost {
  fail(source: string, message: string): Error;
  blob(text: string, type: string, source: string): string;
}

/** Name of the realm global that rewritten dynamic `import()` calls go through. */
const IMPORT_HELPER = "__microfrontends_import__";
const utf8 = new TextDecoder();

interface ModuleRecord {
  /** The module's URL after redirects: its `import.meta.url`, and what its specifiers resolve against. */
  url: string;
  source: string;
  /** The lexer's imports (undefined for JSON and CSS modules, which are not rewritten). */
  imports?: readonly ImportSpecifier[];
  exports?: readonly ExportSpecifier[];
  /** Resolved URL of each static import, by the import's index. */
  deps: (string | undefined)[];
  type: string;
  blob?: string;
  /** A stand-in exporting live copies of the bindings, for an import that closes a cycle. */
  shell?: string;
  linking?: boolean;
}

/** Parsed modules for the page's lifetime, per import map (which changes how they link). */
const records = new Map<string, Promise<ModuleRecord>>();
/** The same records once fetched: a graph being linked is read synchronously. */
const settled = new Map<string, ModuleRecord>();

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
    if (url.startsWith("blob:") || url.startsWith("data:")) return url;
    const seen = new Set<string>();
    const visit = async (dep: string): Promise<void> => {
      if (seen.has(dep)) return;
      seen.add(dep);
      const record = await this.record(dep);
      if (!record.blob) await Promise.all(record.deps.map((next) => next && visit(next)));
    };
    await visit(url);
    return this.link(await this.record(url));
  }

  /** A blob URL of an inline module script, whose URL is the document's. */
  async loadInline(text: string, baseUrl: string): Promise<string> {
    const record = await this.parse(baseUrl, text, "text/javascript");
    await Promise.all(record.deps.map((dep) => dep && this.load(dep)));
    return this.link(record);
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
    let imports: readonly ImportSpecifier[], exports: readonly ExportSpecifier[];
    try {
      [imports, exports] = parse(source, url);
    } catch (error) {
      throw this.host.fail(url, `the module ${url} could not be parsed: ${String(error)}`);
    }
    const deps = imports.map((i) => (i.d === -1 && i.n !== undefined ? this.resolve(i.n, url) : undefined));
    return { url, source, imports, exports, deps, type: "text/javascript" };
  }

  /** Creates the record's blob URL after its dependencies' (depth first); a cycle gets a shell. */
  private link(record: ModuleRecord): string {
    if (record.blob) return record.blob;
    if (record.linking) return this.shell(record);
    record.linking = true;
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
        const target = dep.startsWith("blob:") || dep.startsWith("data:") ? dep : this.link(recordNow(this.mapKey + dep));
        text += source.slice(at, i.s) + target;
        at = i.e;
      } else if (i.d >= 0 && i.t === 2) {
        text += source.slice(at, i.ss) + IMPORT_HELPER + source.slice(i.d, i.e) + `,${url}`;
        at = i.e;
      }
    }
    text += source.slice(at);
    if (record.shell) {
      const bound = (record.exports ?? []).filter((e) => e.ln);
      text += `\n;import{u$ as __mf_u}from"${record.shell}";__mf_u({${bound
        .map((e) => `${JSON.stringify(e.n)}:${e.ln}`)
        .join(",")}});`;
    }
    record.linking = false;
    // (JSON and CSS modules stay as they are: a comment would break JSON.)
    if (record.imports) text += `\n//# sourceURL=${record.url}`;
    record.blob = this.host.blob(text, record.type, record.url);
    return record.blob;
  }

  /** es-module-shims' answer to cycles: a module exporting bindings the real one fills in. */
  private shell(record: ModuleRecord): string {
    if (!record.shell) {
      const names = (record.exports ?? []).filter((e) => e.ln).map((e) => JSON.stringify(e.n));
      const locals = names.map((_, i) => `e${i}`);
      record.shell = this.host.blob(
        (locals.length ? `let ${locals.join(",")};` : "") +
          `export function u$(m){${names.map((n, i) => `e${i}=m[${n}]`).join(";")}}` +
          `export{${names.map((n, i) => `e${i} as ${n}`).join(",")}}`,
        "text/javascript",
        record.url,
      );
    }
    return record.shell;
  }
}

function recordNow(key: string): ModuleRecord {
  const record = settled.get(key);
  if (!record) throw new Error(`microfrontends: module ${key} was linked before it was loaded`);
  return record;
}
