import type { Asset, Transport } from "./transport";

/** One file of the `_embedded` trait; the body arrives as a binary buffer (a DataView). */
interface EmbeddedFile {
  url?: string;
  type?: string;
  body?: DataView | ArrayBuffer | Uint8Array;
}

function bytesOf(body: EmbeddedFile["body"]): Uint8Array {
  if (!body) return new Uint8Array();
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}

/** The URL as the embedded copy names it: normalised, without its fragment. */
function fileKey(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = "";
    return parsed.href;
  } catch {
    return url;
  }
}

/** The files of the `_embedded` trait, or undefined when the app was not embedded. */
export function embeddedFiles(embedded: unknown): Record<string, EmbeddedFile> | undefined {
  const files = (embedded as { files?: Record<string, EmbeddedFile> } | null | undefined)?.files;
  return files && Object.keys(files).length > 0 ? files : undefined;
}

/**
 * Serves an app's files from the copy Python embedded in the widget state (`embed=True`), so
 * that a saved notebook or an exported page shows the app with no kernel; anything not embedded
 * goes to `inner`.
 */
export function embeddedTransport(embedded: unknown, inner: Transport): Transport {
  const files = embeddedFiles(embedded);
  if (!files) return inner;
  return {
    holds: (url) => fileKey(url) in files,
    // An embedded file has no copy on any server: its bytes are in the page only.
    directUrl: (url) => (fileKey(url) in files ? undefined : inner.directUrl?.(url)),
    fetch(url, options) {
      const file = files[fileKey(url)];
      if (!file) return inner.fetch(url, options);
      const asset: Asset = { url: file.url || url, contentType: file.type ?? "", bytes: bytesOf(file.body) };
      return Promise.resolve(asset);
    },
  };
}
