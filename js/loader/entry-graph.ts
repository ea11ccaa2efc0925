import { resolveStylesheet, type OnMissingFile, type ResolvedStylesheet } from "../css/stylesheet";
import { EntryError, entryHtml, executionOrder, parseEntry, type EntryDocument, type ScriptSource } from "./html-entry";
import { assetText, type Asset, type Transport } from "./transport";

export interface CrawlOptions {
  /** Bypass the page cache: a reload must see the files as they are now. */
  fresh?: boolean;
  /**
   * A linked stylesheet (or a file it names) that cannot be loaded is reported here and left
   * out, as a browser leaves it out; without, it fails its sheet.
   */
  onMissing?: OnMissingFile;
}

/** Where an app comes from: an entry URL, or inline HTML (which resolves against `entry`). */
export interface EntrySource {
  entry?: string;
  html?: string;
}

/**
 * An app's entry and the files it names, their downloads all started at once: what every
 * sandbox loads and what prefetch reads ahead. ES modules are not here; a module graph is the
 * module loader's (loader/modules.ts).
 */
export interface AppFiles {
  entry: EntryDocument;
  /** The entry's stylesheets in document order, resolved (a sheet that cannot be loaded is empty). */
  sheets: Promise<ResolvedStylesheet>[];
  /** The entry's scripts in execution order. */
  scripts: ScriptSource[];
  /** The classic scripts' source texts, by index in `scripts` (none for inline and module scripts). */
  sources: (Promise<string> | undefined)[];
}

/** The entry document of `source`, downloaded unless it is inline or already `downloaded`. */
export async function readEntry(
  source: EntrySource,
  transport: Transport,
  options: CrawlOptions = {},
  downloaded?: Promise<Asset>,
): Promise<EntryDocument> {
  const { entry, html } = source;
  if (html !== undefined) return parseEntry(html, entry ?? document.baseURI);
  if (!entry) throw new EntryError("(no entry)", "neither an entry URL nor inline html was given");
  const asset = await (downloaded ?? transport.fetch(entry, { fresh: options.fresh }));
  return parseEntry(entryHtml(asset.url, asset.contentType, asset.bytes), asset.url);
}

/** Starts downloading everything `entry` names. A classic script that cannot be loaded fails its download. */
export function crawlEntry(entry: EntryDocument, transport: Transport, options: CrawlOptions = {}): AppFiles {
  const { fresh, onMissing } = options;
  const fetch = (url: string) => transport.fetch(url, { fresh });
  const scripts = executionOrder(entry.scripts);
  const sheets = entry.styles.map(async ({ href, text }) => {
    const sheet = href ? await fetch(href).catch((error) => missing(href, error, onMissing)) : undefined;
    const css = sheet ? assetText(sheet) : (text ?? "");
    return resolveStylesheet(css, sheet?.url ?? entry.baseUrl, transport, onMissing);
  });
  const sources = scripts.map((script) =>
    script.src && !script.module ? fetch(script.src).then(assetText) : undefined,
  );
  // Awaited by whoever uses them; a failure nobody awaits is not an unhandled rejection.
  for (const pending of [...sheets, ...sources]) pending?.catch(() => undefined);
  return { entry, sheets, scripts, sources };
}

/** The URLs of the files an entry names, for the page to fetch with the entry next time. */
export function namedFiles(files: AppFiles): string[] {
  const urls = [...files.entry.styles.map((style) => style.href), ...files.scripts.map((script) => script.src)];
  return urls.filter((url): url is string => !!url);
}

function missing(url: string, error: unknown, onMissing?: OnMissingFile): undefined {
  if (!onMissing) throw error;
  onMissing(url, error);
  return undefined;
}
