import { usePageConstructor } from "./page-constructors";
import type { ScopedDocument, WithRegistry } from "./scoped-registry";

type RealmWindow = Window & typeof globalThis;

/** The registries of apps (see `shadowRootsKeepTheirRegistry`). */
const appRegistries = new WeakSet<CustomElementRegistry>();

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
export function patchRealmCustomElements(win: RealmWindow, registry: CustomElementRegistry, baseUrl: string) {
  appRegistries.add(registry);
  shadowRootsKeepTheirRegistry();
  // The prototypes of the app's custom elements, as the realm sees them: the app's HTMLElement's,
  // then its Element's (code walks one up to `Element.prototype`: Svelte, setting a custom
  // element's property), then the page's HTMLElement's, so that the page sees an HTMLElement.
  usePageConstructor(win, "Element", HTMLElement.prototype);
  usePageConstructor(win, "HTMLElement", win.Element.prototype);
  let making = false;
  const appRegistry = new Proxy(registry, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      if (key !== "define" || making) return value.bind(target);
      // Calls what `define` was when read: zone.js wraps it, and its wrapper calls this one.
      return (...args: Parameters<CustomElementRegistry["define"]>) => {
        if (!making) {
          making = true;
          makeElementsIn(win, registry);
          definers.set(registry, new URL(".", baseUrl).href);
          pageDocumentMakesAppElements();
        }
        return value.apply(target, args);
      };
    },
  });
  Object.defineProperty(win, "customElements", { configurable: true, get: () => appRegistry });
  return () => definers.delete(registry);
}

/** The registries of apps that have defined custom elements, with the folder their files are in. */
const definers = new Map<CustomElementRegistry, string>();

/**
 * The page's `document.createElement` makes a custom element that only an app defines in that
 * app's registry: React and others make an app's elements with its container's `ownerDocument`,
 * the page's. Where two apps define the tag, the app whose file is on the stack gets it.
 * Installed once per page.
 */
function pageDocumentMakesAppElements(): void {
  const doc = document as ScopedDocument;
  if (Object.hasOwn(doc, "createElement")) return;
  const create = doc.createElement;
  doc.createElement = function (this: Document, tag: string, options?: ElementCreationOptions & WithRegistry) {
    const name = String(tag).toLowerCase();
    const open = name.includes("-") && options?.customElementRegistry === undefined && !customElements.get(name);
    const owners = open ? [...definers].filter(([registry]) => registry.get(name)) : [];
    const stack = owners.length > 1 ? String(new Error().stack) : "";
    const owner = owners.length > 1 ? owners.find(([, base]) => stack.includes(base)) : owners[0];
    return create.call(this, tag, owner ? { ...options, customElementRegistry: owner[0] } : options);
  };
}

/**
 * The elements the realm's document makes, imports or clones are in `registry`; a custom element
 * is made by the page's document. (Svelte and Solid clone a template's content, whose elements
 * are in no registry, and a clone would stay in none.)
 */
function makeElementsIn(win: RealmWindow, registry: CustomElementRegistry): void {
  const doc = win.document as ScopedDocument;
  const { createElement, createElementNS, importNode } = doc;
  const { cloneNode } = win.Node.prototype;
  win.Node.prototype.cloneNode = function (this: Node, deep?: boolean) {
    const copy =
      this.nodeType === Node.ELEMENT_NODE ||
      (this.nodeType === Node.DOCUMENT_FRAGMENT_NODE && !(this instanceof win.ShadowRoot));
    return copy ? doc.importNode(this, !!deep) : cloneNode.call(this, deep);
  };
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
