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

/** Where `deferVirtualUrls` keeps an attribute's URL: `data-microfrontends-src` for `src`. */
const deferredAttribute = (attribute: string) => `data-microfrontends-${attribute}`;

/**
 * Kernel-served URLs in markup (images, media) cannot be loaded by the page. Moves each out of
 * the attribute the browser loads (into a `data-microfrontends-` one) before the markup meets a
 * live document, so that nothing requests a URL no network resolves.
 */
export function deferVirtualUrls(
  root: ParentNode,
  attributesByTag: Record<string, string[]>,
  transport: Transport,
): void {
  for (const [tag, attributes] of Object.entries(attributesByTag)) {
    for (const el of Array.from(root.querySelectorAll(tag))) {
      for (const attribute of attributes) {
        const value = el.getAttribute(attribute);
        if (value === null || !servedByTransport(value, transport)) continue;
        el.setAttribute(deferredAttribute(attribute), value);
        el.removeAttribute(attribute);
      }
    }
  }
}

/**
 * Gives each URL `deferVirtualUrls` moved back to its attribute as a blob URL of the bytes
 * fetched through the transport, unless the app has set the attribute in the meantime.
 */
export function loadDeferredUrls(
  root: ParentNode,
  attributesByTag: Record<string, string[]>,
  transport: Transport,
): void {
  for (const [tag, attributes] of Object.entries(attributesByTag)) {
    for (const attribute of attributes) {
      const deferred = deferredAttribute(attribute);
      for (const el of Array.from(root.querySelectorAll(`${tag}[${deferred}]`))) {
        const value = el.getAttribute(deferred)!;
        el.removeAttribute(deferred);
        Promise.resolve(loadableUrl(value, transport)).then(
          (url) => el.hasAttribute(attribute) || el.setAttribute(attribute, url),
          (error) => console.warn(`microfrontends: could not load ${value}:`, error),
        );
      }
    }
  }
}
