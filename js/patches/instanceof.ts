type RealmWindow = Window & typeof globalThis;

/**
 * DOM interfaces whose instances the app meets as page objects: nodes, events, collections.
 * A fixed list: reading every interface of both windows would create them all (~6 ms).
 */
const SHARED_INTERFACES = (
  "EventTarget Node Element HTMLElement SVGElement Document DocumentFragment ShadowRoot " +
  "CharacterData Text Comment Attr NodeList HTMLCollection DOMTokenList CSSStyleDeclaration " +
  "HTMLDivElement HTMLSpanElement HTMLInputElement HTMLTextAreaElement HTMLSelectElement " +
  "HTMLOptionElement HTMLButtonElement HTMLFormElement HTMLAnchorElement HTMLImageElement " +
  "HTMLCanvasElement HTMLIFrameElement HTMLTableElement HTMLTableRowElement " +
  "HTMLTableCellElement HTMLUListElement HTMLLIElement HTMLParagraphElement HTMLLabelElement " +
  "HTMLStyleElement HTMLLinkElement HTMLScriptElement HTMLTemplateElement HTMLSlotElement " +
  "HTMLVideoElement HTMLAudioElement HTMLMediaElement SVGSVGElement SVGGraphicsElement " +
  "Event UIEvent MouseEvent PointerEvent KeyboardEvent FocusEvent InputEvent WheelEvent " +
  "TouchEvent DragEvent ClipboardEvent CompositionEvent CustomEvent AnimationEvent " +
  "TransitionEvent"
).split(" ");

const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];

/**
 * The app's DOM lives in the page, so its nodes and events are the page's objects, and
 * `node instanceof Element` written against the realm's `Element` would be false (Vue, for one,
 * then skips work on its container). Each realm DOM interface also accepts the page's instances
 * of the same interface; subclasses the app defines keep ordinary `instanceof`.
 */
export function shareDomInstanceof(win: RealmWindow): void {
  const page = window as unknown as Record<string, unknown>;
  const realm = win as unknown as Record<string, unknown>;
  for (const name of SHARED_INTERFACES) {
    const realmInterface = realm[name];
    const pageInterface = page[name];
    if (typeof realmInterface !== "function" || typeof pageInterface !== "function") continue;
    Object.defineProperty(realmInterface, Symbol.hasInstance, {
      configurable: true,
      value(this: unknown, value: unknown): boolean {
        return (
          ordinaryHasInstance.call(this, value) ||
          (this === realmInterface && ordinaryHasInstance.call(pageInterface, value))
        );
      },
    });
  }
}
