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
 * instead, when they are set.
 */
export function patchUrlAttributes(win: RealmWindow, baseUrl: string, transport: Transport): void {
  const nativeSetAttribute = win.Element.prototype.setAttribute;
  const resolve = (element: Element, value: string): string => {
    if (value.startsWith("#")) return value;
    const url = absoluteUrl(value, baseUrl);
    if (servedByTransport(url, transport) && LOADED_BY_PAGE.has(element.localName)) {
      const attribute = element.localName === "a" || element.localName === "link" ? "href" : "src";
      Promise.resolve(loadableUrl(url, transport)).then(
        (blob) => element.getAttribute(attribute) === url && nativeSetAttribute.call(element, attribute, blob),
        (error) => console.warn(`microfrontends: could not load ${url}:`, error),
      );
    }
    return url;
  };

  for (const [prototypeOf, property] of URL_PROPERTIES) {
    const prototype = prototypeOf(win);
    const native = Object.getOwnPropertyDescriptor(prototype, property);
    if (!native?.set) continue;
    Object.defineProperty(prototype, property, {
      ...native,
      set(this: Element, value: unknown) {
        native.set!.call(this, resolve(this, String(value)));
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
