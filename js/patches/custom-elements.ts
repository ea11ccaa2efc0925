import { usePageConstructor } from "./page-constructors";

type RealmWindow = Window & typeof globalThis;

/**
 * The parts of scoped custom element registries (Chromium 146+) the runtime uses; TypeScript's
 * DOM types do not have them yet.
 */
export interface ScopedRegistry extends CustomElementRegistry {
  initialize(root: Node): void;
}
type ScopedRegistryClass = new () => ScopedRegistry;
interface WithRegistry {
  customElementRegistry?: CustomElementRegistry | null;
}
type ScopedDocument = Document & {
  createElement(tag: string, options?: ElementCreationOptions & WithRegistry): HTMLElement;
  importNode<T extends Node>(node: T, options?: boolean | ({ selfOnly?: boolean } & WithRegistry)): T;
};

/** A registry of the app's own, if the browser has scoped custom element registries. */
export function scopedRegistry(): ScopedRegistry | undefined {
  const Registry = (globalThis as unknown as { CustomElementRegistry?: ScopedRegistryClass }).CustomElementRegistry;
  return typeof Registry?.prototype.initialize === "function" ? new Registry() : undefined;
}

/** The registries of apps (see `shadowRootsKeepTheirRegistry`). */
const appRegistries = new WeakSet<CustomElementRegistry>();

/**
 * A new element of the page's document in `registry`, or in the page's own without one: how the
 * app's DOM and markup are made, so that the app's custom elements upgrade in them.
 */
export function createIn(registry: CustomElementRegistry | undefined, tag: string): HTMLElement {
  const doc = document as ScopedDocument;
  return registry ? doc.createElement(tag, { customElementRegistry: registry }) : doc.createElement(tag);
}

/** A deep copy of `node` in the page's document, its elements in `registry` if there is one. */
export function importIn<T extends Node>(registry: CustomElementRegistry | undefined, node: T): T {
  const doc = document as ScopedDocument;
  return registry ? doc.importNode(node, { customElementRegistry: registry }) : (node.cloneNode(true) as T);
}

/**
 * Custom elements of an app whose scripts run in a realm iframe while its DOM lives in the page
 * (the iframe and proxy sandboxes). A custom element upgrades only through a registry of the
 * document its element is made in, with a class whose `HTMLElement` is that document's: so the
 * app's `customElements` is its own scoped registry (made by the page, one per app, see
 * AppRoot), its `HTMLElement` is the page's, and once it defines an element, the elements its
 * `document` makes are in that registry. (Not before: an app that defines none keeps the
 * realm's own `createElement`, at full speed.) Two apps can define the same tag with different
 * classes, and unloading an app leaves the page's own registry as it was.
 */
export function patchRealmCustomElements(win: RealmWindow, registry: CustomElementRegistry): void {
  appRegistries.add(registry);
  shadowRootsKeepTheirRegistry();
  usePageConstructor(win, "HTMLElement");
  let making = false;
  const appRegistry = new Proxy(registry, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      if (key !== "define" || making) return value.bind(target);
      return (...args: Parameters<CustomElementRegistry["define"]>) => {
        making = true;
        makeElementsIn(win.document as ScopedDocument, registry);
        return target.define(...args);
      };
    },
  });
  Object.defineProperty(win, "customElements", { configurable: true, get: () => appRegistry });
}

/** The elements `doc` makes are in `registry`; a custom element is made by the page's document. */
function makeElementsIn(doc: ScopedDocument, registry: CustomElementRegistry): void {
  const { createElement, createElementNS, importNode } = doc;
  const inRegistry = { customElementRegistry: registry };
  Object.assign(doc, {
    createElement(tag: string, options?: ElementCreationOptions) {
      // A custom element is made by the page's document, whose `HTMLElement` its class extends;
      // any other element by the realm's, in the app's registry (for what its innerHTML holds).
      const init = { ...options, ...inRegistry };
      return tag.includes("-")
        ? (document as ScopedDocument).createElement(tag, init)
        : createElement.call(doc, tag, init);
    },
    createElementNS(namespace: string | null, tag: string, options?: ElementCreationOptions) {
      if (namespace !== "http://www.w3.org/1999/xhtml") return createElementNS.call(doc, namespace, tag, options);
      return doc.createElement(tag, options);
    },
    importNode<T extends Node>(node: T, deep = false) {
      const selfOnly = typeof deep === "object" ? !!(deep as { selfOnly?: boolean }).selfOnly : !deep;
      return importNode.call(doc, node, { selfOnly, ...inRegistry }) as T;
    },
  });
}

let shadowRootsPatched = false;

/**
 * A shadow root that an element of an app's registry attaches (a custom element's own) is in
 * that registry too, unless it names another: so components nested in a component upgrade.
 * (A browser gives it the document's global registry.) Installed once per page.
 */
function shadowRootsKeepTheirRegistry(): void {
  if (shadowRootsPatched) return;
  shadowRootsPatched = true;
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element & WithRegistry, init: ShadowRootInit & WithRegistry) {
    const own = this.customElementRegistry;
    const scoped = own && appRegistries.has(own) && init.customElementRegistry === undefined;
    return attachShadow.call(this, scoped ? { ...init, customElementRegistry: own } : init);
  };
}
