import { servedByTransport, type Transport } from "./transport";

const blobUrls = new Map<string, Promise<string>>();

/**
 * A URL the page can load directly: http(s) URLs as they are, kernel-served (virtual) and
 * embedded URLs as blob URLs of bytes fetched through the transport. Blob URLs live as long as
 * the page.
 */
export function loadableUrl(url: string, transport: Transport): string | Promise<string> {
  if (!servedByTransport(url.split("#")[0], transport)) return url;
  const [path, fragment] = splitFragment(url);
  let pending = blobUrls.get(path);
  if (!pending) {
    pending = transport.fetch(path).then((asset) => {
      const type = asset.contentType.split(";")[0].trim();
      return URL.createObjectURL(new Blob([asset.bytes as BlobPart], { type }));
    });
    blobUrls.set(path, pending);
    pending.catch(() => blobUrls.delete(path));
  }
  return fragment ? pending.then((blob) => blob + fragment) : pending;
}

function splitFragment(url: string): [string, string] {
  const hash = url.indexOf("#");
  return hash < 0 ? [url, ""] : [url.slice(0, hash), url.slice(hash)];
}

/**
 * Calls `map` on each candidate URL of a `srcset` attribute and returns the attribute with the
 * results in their place. Split as the HTML standard splits it: a URL runs to the next
 * whitespace, so a `data:` URL keeps its commas, and its descriptors (`2x`, `480w`) to the next
 * comma. (The standard also skips commas inside parentheses, which no descriptor has yet;
 * `srcset_urls` in entry_assets.py reads them, as it only lists the URLs.)
 */
export function mapSrcset(srcset: string, map: (url: string) => string): string {
  let out = "";
  for (let i = 0; i < srcset.length; ) {
    if (/[\s,]/.test(srcset[i])) {
      out += srcset[i++];
      continue;
    }
    const url = /^\S+/.exec(srcset.slice(i))![0];
    const bare = url.replace(/,+$/, "");
    out += map(bare) + url.slice(bare.length);
    i += url.length;
    for (; bare === url && i < srcset.length && srcset[i] !== ","; i++) out += srcset[i];
  }
  return out;
}

/** Resolves `value` against `base`; values that are not URLs (data:, blob:, #hash) stay. */
export function absoluteUrl(value: string, base: string): string {
  const trimmed = value.trim();
  if (trimmed === "" || /^(data|blob|javascript|about|mailto):/i.test(trimmed)) return value;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return value;
  }
}
