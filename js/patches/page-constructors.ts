type RealmWindow = Window & typeof globalThis;
type Constructor = abstract new (...args: never[]) => unknown;

/**
 * Gives the realm the page's constructor `name`, for objects that must belong to the page's
 * document because the app's DOM lives there: `HTMLElement`, which custom element classes
 * extend, and `Element`, the root of their prototypes (see custom-elements.ts), and
 * `CSSStyleSheet`, whose constructed sheets the app
 * adopts into its shadow roots (Lit does; a sheet of another document is refused). The realm's
 * `instanceof` accepts the realm's own objects too.
 *
 * Its `prototype` is the app's own copy, on top of `base` (the page's): what an app changes there
 * (zone.js wraps every `on*` of `HTMLElement.prototype` and `Element.prototype`) reaches neither
 * the page's elements nor outlives the app. (The proxy's target is the page constructor bound, which has no `prototype`: a proxy
 * must report the page constructor's read-only one as it is.)
 */
export function usePageConstructor(
  win: RealmWindow,
  name: "Element" | "HTMLElement" | "CSSStyleSheet",
  base = (window[name] as Constructor).prototype,
): void {
  const realmConstructor = win[name] as Constructor;
  const page = window[name] as Constructor;
  const prototype = Object.create(base, Object.getOwnPropertyDescriptors(page.prototype));
  prototype.constructor = new Proxy(page.bind(null), {
    get: (_, key) =>
      key === "prototype"
        ? prototype
        : key === Symbol.hasInstance
          ? (value: unknown) => value instanceof page || value instanceof realmConstructor
          : Reflect.get(page, key),
  });
  Object.defineProperty(win, name, { configurable: true, writable: true, value: prototype.constructor });
}
