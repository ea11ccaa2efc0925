/** The attribute that names the URL of a linked stylesheet's `<style>` in the app's DOM. */
export const STYLESHEET_HREF = "data-microfrontends-href";

/**
 * The DOM an app lives in, as the sandboxes and patches see it (host/app-root.ts makes it): a
 * host element in the page and, inside it, the app's own `<html>`, `<head>` and `<body>`.
 */
export interface AppDom {
  readonly name: string;
  /** The element in the page that carries the app (`data-microfrontends-app`). */
  readonly host: HTMLElement;
  /** Where the app's DOM lives: its shadow root, or the host itself without shadow CSS. */
  readonly root: ShadowRoot | HTMLElement;
  readonly html: HTMLElement;
  readonly head: HTMLElement;
  readonly body: HTMLElement;
  /**
   * The app's own custom element registry, in the sandboxes that give the app one (its DOM and
   * markup are made in it); without, the page's.
   */
  readonly elements?: CustomElementRegistry;
  /** The app's CSS as it must be inserted (confined to the app in `css="scoped"`). */
  styleText(css: string): string;
  addStyle(css: string): HTMLStyleElement;
  /** Puts `@font-face` rules in the page's document, where a shadow root's fonts must go. */
  hoistFontFaces(css: string): void;
}
