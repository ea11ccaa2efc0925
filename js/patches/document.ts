import type { AppDom } from "../contract/app-dom";

/**
 * Points the realm's `document` at the app's DOM: `body`, `head`, `documentElement` and every
 * query answer from the app's root, so that app code written for a whole page finds its own
 * elements and appends modals into its own shadow root.
 */
export function patchRealmDocument(doc: Document, app: AppDom): void {
  const root = app.root;
  const byId =
    root instanceof ShadowRoot
      ? (id: string) => root.getElementById(id)
      : (id: string) => root.querySelector(`#${CSS.escape(id)}`);
  const getters: Record<string, () => unknown> = {
    body: () => app.body,
    head: () => app.head,
    documentElement: () => app.html,
    activeElement: () => (root instanceof ShadowRoot ? root.activeElement : document.activeElement),
  };
  const methods: Record<string, (...args: never[]) => unknown> = {
    querySelector: (selectors: string) => root.querySelector(selectors),
    querySelectorAll: (selectors: string) => root.querySelectorAll(selectors),
    getElementById: byId,
    getElementsByTagName: (name: string) => app.html.getElementsByTagName(name),
    getElementsByClassName: (names: string) => app.html.getElementsByClassName(names),
    getElementsByName: (name: string) => root.querySelectorAll(`[name="${CSS.escape(name)}"]`),
  };
  for (const [key, get] of Object.entries(getters)) {
    Object.defineProperty(doc, key, { configurable: true, get });
  }
  for (const [key, value] of Object.entries(methods)) {
    Object.defineProperty(doc, key, { configurable: true, writable: true, value });
  }
}
