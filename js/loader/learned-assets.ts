/**
 * The stylesheets and scripts each entry named the last time it loaded, remembered across page
 * loads (in `localStorage`). A cold mount fetches them together with the entry, instead of one
 * round trip after it, as a browser's loading predictor does for pages; the mount still uses
 * only what the entry names now, and a file it no longer names was merely fetched once.
 */
const STORAGE_KEY = "microfrontends:entry-assets";
/** Entries remembered; those whose files changed longest ago are forgotten first. */
const ENTRY_LIMIT = 50;
/** Files remembered per entry. */
const URL_LIMIT = 32;

type Remembered = Record<string, string[]>;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // a sandboxed or opaque-origin page has none
  }
}

/** Read from storage once per page. */
let remembered: Remembered | undefined;

/**
 * Every entry's remembered files. The page's first read of storage waits on the browser
 * process, so a page calls this while it is idle, before its first mount.
 */
export function readLearnedAssets(): Remembered {
  if (remembered) return remembered;
  try {
    const value: unknown = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? "{}");
    remembered = value && typeof value === "object" && !Array.isArray(value) ? (value as Remembered) : {};
  } catch {
    remembered = {};
  }
  return remembered;
}

/** The files `entry` named last time (absolute URLs), or none. */
export function learnedAssets(entry: string): string[] {
  const urls = readLearnedAssets()[entry];
  return Array.isArray(urls) ? urls.filter((url) => typeof url === "string") : [];
}

/** Remembers the files `entry` names now; writes only when they changed. */
export function learnAssets(entry: string, urls: string[]): void {
  const all = readLearnedAssets();
  const kept = urls.slice(0, URL_LIMIT);
  if (JSON.stringify(all[entry]) === JSON.stringify(kept)) return;
  delete all[entry];
  all[entry] = kept;
  const entries = Object.keys(all);
  for (const old of entries.slice(0, Math.max(0, entries.length - ENTRY_LIMIT))) delete all[old];
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(all));
  } catch {
    // Storage full or refused: the next cold mount fetches in two steps, as without it.
  }
}
