// Scoped custom element registries (Chromium 146+), as the host uses them for every app's DOM:
// a registry of the app's own, and its DOM and markup made in it. What an app's realm does with
// them is the on-demand part custom-elements.ts.

/**
 * The parts of scoped custom element registries (Chromium 146+) the runtime uses; TypeScript's
 * DOM types do not have them yet.
 */
export interface ScopedRegistry extends CustomElementRegistry {
  initialize(root: Node): void;
}
type ScopedRegistryClass = new () => ScopedRegistry;
export interface WithRegistry {
  customElementRegistry?: CustomElementRegistry | null;
}
export type ScopedDocument = Document & {
  createElement(tag: string, options?: ElementCreationOptions & WithRegistry): HTMLElement;
  importNode<T extends Node>(node: T, options?: boolean | ({ selfOnly?: boolean } & WithRegistry)): T;
};

/** A registry of the app's own, if the browser has scoped custom element registries. */
export function scopedRegistry(): ScopedRegistry | undefined {
  const Registry = (globalThis as unknown as { CustomElementRegistry?: ScopedRegistryClass }).CustomElementRegistry;
  return typeof Registry?.prototype.initialize === "function" ? new Registry() : undefined;
}

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
