import type { crawlEntry, readEntry } from "./entry-graph";
import type { ModuleLoader } from "./modules";
import type { Transport } from "./transport";

/**
 * The runtime's entry-graph crawler (loader/entry-graph.ts), the one a mount uses. This file is
 * an on-demand part, a bundle of its own: a copy of the crawler (and of the CSS tokenizer)
 * would make up most of it.
 */
export interface PrefetchRuntime {
  readEntry: typeof readEntry;
  crawlEntry: typeof crawlEntry;
}

export interface PrefetchOptions {
  entry?: string;
  html?: string;
  /** The app's transport, wrapped in the page cache (`cachedTransport`). */
  transport: Transport;
  sandbox: string;
  /**
   * The runtime's module loader for the app (this file is an on-demand part: a loader of its
   * own would have no way to load the module graph part).
   */
  modules: (baseUrl: string, entryImports: Record<string, string>) => Pick<ModuleLoader, "load" | "loadInline">;
  runtime: PrefetchRuntime;
}

/**
 * Fetches what mounting an app will fetch, without running anything: its entry, stylesheets
 * (with the kernel-served files their `url()`s name), classic scripts and, in the iframe and
 * proxy sandboxes, its ES module graph. Everything lands in the page cache, so the mount that
 * follows does no network I/O for these files. Resolves with the failures, which the mount reports.
 */
export async function prefetchApp(options: PrefetchOptions): Promise<unknown[]> {
  const { transport, runtime } = options;
  let files: ReturnType<typeof crawlEntry>;
  try {
    files = runtime.crawlEntry(await runtime.readEntry(options, transport), transport);
  } catch (error) {
    return [error];
  }
  const jobs: Promise<unknown>[] = [...files.sheets, ...files.sources.filter((source) => !!source)];
  const modules = files.scripts.filter((script) => script.module);
  // The iframe and proxy sandboxes load modules through the transport (see sandbox/iframe-sandbox.ts).
  if (modules.length > 0 && (options.sandbox === "iframe" || options.sandbox === "proxy")) {
    const { baseUrl } = files.entry;
    const loader = options.modules(baseUrl, files.entry.imports);
    for (const script of modules) {
      jobs.push(script.src ? loader.load(script.src) : loader.loadInline(script.text ?? "", baseUrl));
    }
  }
  const settled = await Promise.allSettled(jobs);
  return settled.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
}
