import { absoluteUrl, loadableUrl } from "../loader/asset-urls";
import { servedByTransport, type Transport } from "../loader/transport";

type RealmWindow = Window & typeof globalThis;

/** Elements whose URL the page itself loads; kernel-served URLs become blob URLs for them. */
const LOADED_BY_PAGE = new Set(["img", "source", "video", "audio", "track", "iframe", "embed"]);

const URL_PROPERTIES: [prototype: (win: RealmWindow) => object, property: string][] = [
  [(w) => w.HTMLImageElement.prototype, "src"],
  [(w) => w.HTMLSourceElement.prototype, "src"],
  [(w) => w.HTMLMediaElement.prototype, "src"],
  [(w) => w.HTMLTrackElement.prototype, "src"],
  [(w) => w.HTMLIFrameElement.prototype, "src"],
  [(w) => w.HTMLEmbedElement.prototype, "src"],
  [(w) => w.HTMLScriptElement.prototype, "src"],
  [(w) => w.HTMLLinkElement.prototype, "href"],
  [(w) => w.HTMLAnchorElement.prototype, "href"],
];

/**
 * Elements the app creates end up in the page's document, where a relative URL would resolve
 * against the notebook's URL. The realm's URL setters resolve them against the app's entry
 * instead, when they are set. A kernel-served `src` of an element the page loads is set only
 * once it is a blob URL: the page would ask the network for a URL no network resolves.
 */
export function patchUrlAttributes(win: RealmWindow, baseUrl: string, transport: Transport): void {
  const nativeSetAttribute = win.Element.prototype.setAttribute;
  // The URL each element was given last, so that a blob URL arriving late does not undo a later one.
  const given = new WeakMap<Element, string>();
  /** The URL to set now, or undefined for one set once its blob URL is ready. */
  const resolve = (element: Element, value: string): string | undefined => {
    const url = value.startsWith("#") ? value : absoluteUrl(value, baseUrl);
    given.set(element, url);
    if (!servedByTransport(url, transport) || !LOADED_BY_PAGE.has(element.localName)) return url;
    element.removeAttribute("src");
    Promise.resolve(loadableUrl(url, transport)).then(
      (blob) => given.get(element) === url && nativeSetAttribute.call(element, "src", blob),
      (error) => console.warn(`microfrontends: could not load ${url}:`, error),
    );
  };

  for (const [prototypeOf, property] of URL_PROPERTIES) {
    const prototype = prototypeOf(win);
    const native = Object.getOwnPropertyDescriptor(prototype, property);
    if (!native?.set) continue;
    Object.defineProperty(prototype, property, {
      ...native,
      set(this: Element, value: unknown) {
        const url = resolve(this, String(value));
        if (url !== undefined) native.set!.call(this, url);
      },
    });
  }
  // The URL attributes take the way of their properties above, and of any later patch of them.
  win.Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    const lower = name.toLowerCase();
    const isUrl =
      (lower === "src" && (LOADED_BY_PAGE.has(this.localName) || this.localName === "script")) ||
      (lower === "href" && (this.localName === "a" || this.localName === "link"));
    if (isUrl) (this as unknown as Record<string, unknown>)[lower] = value;
    else nativeSetAttribute.call(this, name, value);
  };
}
