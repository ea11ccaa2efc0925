import type { resolveStylesheet } from "../css/stylesheet";
import type { EntryDocument, entryHtml, parseEntry } from "./html-entry";
import type { ModuleLoader } from "./modules";
import { assetText, type Transport } from "./transport";

/**
 * The runtime's readers of entries and stylesheets. This file is an on-demand part, a bundle of
 * its own: copies of them (and of the CSS tokenizer) would make up most of it.
 */
export interface PrefetchRuntime {
  parseEntry: typeof parseEntry;
  entryHtml: typeof entryHtml;
  resolveStylesheet: typeof resolveStylesheet;
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
  modules: (baseUrl: string) => Pick<ModuleLoader, "load" | "loadInline">;
  runtime: PrefetchRuntime;
}

/**
 * Fetches what mounting an app will fetch, without running anything: its entry, stylesheets
 * (with the kernel-served files their `url()`s name), classic scripts and, in the iframe
 * sandbox, its ES module graph. Everything lands in the page cache, so the mount that follows
 * does no network I/O for these files. Resolves with the failures, which the mount reports.
 */
export async function prefetchApp(options: PrefetchOptions): Promise<unknown[]> {
  const { transport, runtime } = options;
  let entry: EntryDocument;
  try {
    entry = await prefetchEntry(options);
  } catch (error) {
    return [error];
  }
  const jobs: Promise<unknown>[] = entry.styles.map(async (style) => {
    const sheet = style.href ? await transport.fetch(style.href) : undefined;
    await runtime.resolveStylesheet(
      sheet ? assetText(sheet) : (style.text ?? ""),
      sheet?.url ?? entry.baseUrl,
      transport,
    );
  });
  for (const script of entry.scripts) {
    if (script.src && !script.module) jobs.push(transport.fetch(script.src));
  }
  const modules = entry.scripts.filter((script) => script.module);
  // The iframe and proxy sandboxes load modules through the transport (see AppHost.load).
  if (modules.length > 0 && (options.sandbox === "iframe" || options.sandbox === "proxy")) {
    const loader = options.modules(entry.baseUrl);
    for (const script of modules) {
      jobs.push(script.src ? loader.load(script.src) : loader.loadInline(script.text ?? "", entry.baseUrl));
    }
  }
  const settled = await Promise.allSettled(jobs);
  return settled.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
}

async function prefetchEntry({ entry, html, transport, runtime }: PrefetchOptions): Promise<EntryDocument> {
  if (html !== undefined) return runtime.parseEntry(html, entry ?? document.baseURI);
  if (!entry) throw new Error("neither an entry URL nor inline html was given");
  const asset = await transport.fetch(entry);
  return runtime.parseEntry(runtime.entryHtml(asset.url, asset.contentType, asset.bytes), asset.url);
}
