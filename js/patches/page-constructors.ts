type RealmWindow = Window & typeof globalThis;
type Constructor = abstract new (...args: never[]) => unknown;

/**
 * Gives the realm the page's constructor `name`, for objects that must belong to the page's
 * document because the app's DOM lives there: `HTMLElement`, which custom element classes
 * extend, and `Element`, the root of their prototypes (see custom-elements.ts), and
 * `CSSStyleSheet`, whose constructed sheets the app
 * adopts into its shadow roots (Lit does; a sheet of another document is refused). The realm's
 * `instanceof` accepts the realm's own objects too.
 */
export function usePageConstructor(win: RealmWindow, name: "Element" | "HTMLElement" | "CSSStyleSheet"): void {
  const realmConstructor = win[name] as Constructor;
  const pageConstructor = new Proxy(window[name] as Constructor, {
    get(target, key, receiver) {
      if (key === Symbol.hasInstance) {
        return (value: unknown) => value instanceof target || value instanceof realmConstructor;
      }
      return Reflect.get(target, key, receiver);
    },
  });
  Object.defineProperty(win, name, { configurable: true, writable: true, value: pageConstructor });
}
