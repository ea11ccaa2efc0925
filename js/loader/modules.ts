import type { GraphHost, ImportMap, ModuleGraph } from "./module-graph";
import { loadPart } from "./parts";
import { ScriptError } from "../contract/realm";
import type { Transport } from "./transport";

export type { ImportMap };

/** Blob URL -> the module URL it stands for, to name modules in errors. */
const sources = new Map<string, string>();

/** The module URL a blob URL made by a loader stands for (or the URL itself). */
export function moduleSource(url: string): string {
  return sources.get(url) ?? url;
}

const host: Omit<GraphHost, "realms"> = {
  fail: (source, message) => new ScriptError(source, message),
  blob(text, type, source) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    sources.set(url, source);
    return url;
  },
};

const loaders = new WeakMap<Window, ModuleLoader>();

/** The module loader installed in a realm, if any. */
export function moduleLoaderOf(win: Window): ModuleLoader | undefined {
  return loaders.get(win);
}

/**
 * The import map an app's modules resolve with: its entry's own, with the host's entries (given
 * to MicroApp or mount) taking precedence, as an override by the one who embeds the app.
 */
export function appImportMap(entryImports: Record<string, string>, host: ImportMap | undefined): ImportMap | undefined {
  const imports = { ...entryImports, ...host?.imports };
  return Object.keys(imports).length ? { imports } : host;
}

/** `import()` as code of `win`'s realm runs it: the module is evaluated in that realm. */
export function realmImport(win: Window): (url: string) => Promise<unknown> {
  return new (win as Window & typeof globalThis).Function("u", "return import(u)") as (url: string) => Promise<unknown>;
}

/**
 * Loads an app's ES modules through its transport, so that kernel-served and cross-origin
 * modules run, with bare specifiers resolved by the host's import map. Its body (module-graph.ts
 * and the lexer) loads when first needed.
 */
export class ModuleLoader {
  #graph?: Promise<ModuleGraph>;
  /** The documents of the realms this loader is installed in. */
  readonly #realms = new Set<Document>();
  readonly #transport: Transport;
  readonly #importMap: ImportMap | undefined;
  readonly #baseUrl: string;
  readonly #fresh: boolean;

  /** `fresh`: fetch each module again the first time this loader needs it (a reload). */
  constructor(transport: Transport, importMap: ImportMap | undefined, baseUrl: string, fresh = false) {
    this.#transport = transport;
    this.#importMap = importMap;
    this.#baseUrl = baseUrl;
    this.#fresh = fresh;
  }

  #get(): Promise<ModuleGraph> {
    return (this.#graph ??= loadPart<typeof import("./module-graph")>("modules").then(
      ({ ModuleGraph }) =>
        new ModuleGraph(this.#transport, this.#importMap, this.#baseUrl, this.#fresh, {
          ...host,
          realms: () => this.#realms,
        }),
    ));
  }

  /** Starts loading module graphs (and the loader's body) ahead of running them. */
  prefetch(urls: (string | undefined)[]): void {
    for (const url of urls) if (url) this.load(url).catch(() => undefined);
  }

  /** A blob URL of the module at `url`, with its static imports loaded and linked. */
  load(url: string): Promise<string> {
    return this.#get().then((graph) => graph.load(url));
  }

  /** A blob URL of an inline module script, whose URL is the document's. */
  loadInline(text: string, baseUrl: string): Promise<string> {
    return this.#get().then((graph) => graph.loadInline(text, baseUrl));
  }

  /**
   * Makes `win`'s rewritten dynamic imports (`__microfrontends_import__`) of the modules below
   * this loader's folder load through it, and gives `win` the import map of the module cycles
   * it links; returns the undo. (Several apps share the page's window in `sandbox="none"`.)
   */
  install(win: Window): () => void {
    const load = realmImport(win);
    const route: ImportRoute = {
      folder: new URL(".", this.#baseUrl).href,
      load: (specifier, importer) =>
        this.#get()
          .then((graph) => graph.load(graph.resolve(specifier, importer)))
          .then(load),
    };
    const { routes } = importHelper(win);
    routes.push(route);
    loaders.set(win, this);
    this.#realms.add(win.document);
    return () => {
      routes.splice(routes.indexOf(route), 1);
      if (loaders.get(win) === this) loaders.delete(win);
    };
  }
}

interface ImportRoute {
  folder: string;
  load(specifier: string, importer: string): Promise<unknown>;
}
type ImportHelper = ((specifier: unknown, importer: string) => Promise<unknown>) & { routes: ImportRoute[] };

/**
 * `win`'s one `__microfrontends_import__`: a dynamic import goes to the loader of the folder its
 * importer is in (the latest such loader), or else to the latest loader. Its routes are kept on
 * it, so that every copy of this module (a part bundles its own) adds to the same ones.
 */
function importHelper(win: Window): ImportHelper {
  // Its own property only: the proxy realm's window reads the helper from the fake window.
  const existing = Object.getOwnPropertyDescriptor(win, "__microfrontends_import__")?.value as ImportHelper | undefined;
  if (existing?.routes) return existing;
  const routes: ImportRoute[] = [];
  const helper = Object.assign(
    (specifier: unknown, importer: string) => {
      const route = [...routes].reverse().find((each) => importer.startsWith(each.folder)) ?? routes.at(-1);
      return route
        ? route.load(String(specifier), importer)
        : Promise.reject(new TypeError(`import("${specifier}") from ${importer}: its app was unloaded`));
    },
    { routes },
  );
  Object.defineProperty(win, "__microfrontends_import__", { configurable: true, value: helper });
  return helper;
}
