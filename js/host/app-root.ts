import type { AppDom } from "../contract/app-dom";
import type { CssScope } from "../css/scope";
import { createIn, scopedRegistry } from "../patches/scoped-registry";

export type CssMode = "shadow" | "scoped" | "none";

const LOADING_STYLE =
  ".microfrontends-loading{position:absolute;inset:0;z-index:1;display:flex;align-items:center;" +
  "justify-content:center;gap:8px;font:13px system-ui,sans-serif;" +
  "color:var(--jp-ui-font-color2,#616161);background:var(--jp-layout-color1,#fff)}" +
  ".microfrontends-loading::before{content:'';width:14px;height:14px;border-radius:50%;" +
  "border:2px solid currentColor;border-right-color:transparent;" +
  "animation:microfrontends-spin .8s linear infinite}" +
  "@keyframes microfrontends-spin{to{transform:rotate(360deg)}}";
/** How long an app loads before its loading indicator appears. */
const LOADING_DELAY_MS = 150;
/** Without a shadow root the indicator cannot carry a stylesheet of its own. */
const INLINE_LOADING_STYLE =
  "position:absolute;inset:0;display:flex;align-items:center;justify-content:center;" +
  "font:13px system-ui,sans-serif;color:#616161;background:#fff";

const KERNEL_LOST_STYLE =
  "display:block;font:13px/1.4 system-ui,sans-serif;color:#5f2120;background:#fdeded;" +
  "border:1px solid #f5c2c7;border-radius:4px;padding:6px 10px;margin:0 0 4px";

/**
 * The DOM an app lives in: a host element carrying the DOM contract
 * (`data-microfrontends-app`, `data-microfrontends-status`) and, in `css="shadow"`, an open
 * shadow root holding the app's own `<html>`, `<head>` and `<body>` elements, so that the app's
 * rules on `html`, `body` and `h1` style only the app.
 */
export class AppRoot implements AppDom {
  readonly host: HTMLElement;
  /** Where the app's DOM lives: the shadow root, or the host itself without shadow CSS. */
  readonly root: ShadowRoot | HTMLElement;
  readonly html: HTMLElement;
  readonly head: HTMLElement;
  readonly body: HTMLElement;
  readonly elements?: CustomElementRegistry;
  #fontStyle?: HTMLStyleElement;
  #loading?: HTMLElement;
  #loadingTimer?: ReturnType<typeof setTimeout>;
  #waitingForKernel = false;
  #scope?: CssScope;

  /** `ownElements`: the app gets a custom element registry of its own (see patches/custom-elements.ts). */
  constructor(
    readonly name: string,
    readonly css: CssMode,
    ownElements = false,
  ) {
    this.elements = ownElements ? scopedRegistry() : undefined;
    const create = (tag: string) => createIn(this.elements, tag);
    this.host = document.createElement("div");
    this.host.setAttribute("data-microfrontends-app", name);
    // Keys typed in the app are the app's: JupyterLab's (Lumino's) shortcuts skip this element,
    // as they skip inputs; an editor on EditContext (monaco) is no input to them.
    this.host.setAttribute("data-lm-suppress-shortcuts", "");
    this.host.className = "microfrontends-app";
    if (css === "shadow") {
      const init = { mode: "open" as const, ...(this.elements && { customElementRegistry: this.elements }) };
      this.root = this.host.attachShadow(init);
      this.html = create("html");
      this.head = create("head");
      this.body = create("body");
      const hostStyle = document.createElement("style");
      hostStyle.textContent = `:host{display:block;position:relative;overflow:auto}html{display:block;height:100%}${LOADING_STYLE}`;
      this.root.append(hostStyle);
    } else {
      this.root = this.host;
      this.host.style.position = "relative";
      this.html = create("div");
      this.head = create("div");
      this.body = create("div");
      this.head.hidden = true;
      this.html.setAttribute("data-microfrontends-html", "");
      this.body.setAttribute("data-microfrontends-body", "");
    }
    this.html.append(this.head, this.body);
    this.root.append(this.html);
  }

  setStatus(status: string): void {
    this.host.setAttribute("data-microfrontends-status", status);
  }

  /**
   * A loading indicator over the app's box (at least 64px tall) until it is shown. It appears
   * only once loading has taken `LOADING_DELAY_MS`: a fast mount shows no flash of a spinner
   * (and its animation costs the mount nothing).
   */
  setLoading(loading: boolean): void {
    if (loading && !this.#loading && this.#loadingTimer === undefined) {
      this.#loadingTimer = setTimeout(() => this.#showLoading(), LOADING_DELAY_MS);
    } else if (!loading) {
      clearTimeout(this.#loadingTimer);
      this.#loadingTimer = undefined;
      this.#loading?.remove();
      this.#loading = undefined;
      this.host.style.minHeight = "";
    }
  }

  /**
   * Whether the files the app waits for come from a kernel busy running a cell: while it loads,
   * the indicator says so at once, and the app carries on when the kernel answers.
   */
  setWaitingForKernel(waiting: boolean): void {
    this.#waitingForKernel = waiting;
    if (waiting && this.#loadingTimer !== undefined) {
      clearTimeout(this.#loadingTimer);
      this.#showLoading();
    }
    if (this.#loading) this.#loading.textContent = this.#loadingText();
  }

  /**
   * Says, over the app, that the kernel behind it stopped: the app still shows what it had, but
   * nothing it does reaches Python any more.
   */
  showKernelLost(): void {
    if (this.root.querySelector(":scope > .microfrontends-kernel-lost")) return;
    const notice = document.createElement("div");
    notice.className = "microfrontends-kernel-lost";
    notice.setAttribute("role", "alert");
    notice.setAttribute("style", KERNEL_LOST_STYLE);
    notice.textContent =
      `The kernel behind ${this.name} stopped (restarted or shut down): its state, props and ` +
      "events no longer reach Python. Run the cell again for a working app.";
    this.root.prepend(notice);
  }

  #loadingText(): string {
    const waiting = this.#waitingForKernel ? " waiting for the kernel, which is busy running a cell" : "";
    return `Loading ${this.name}…${waiting}`;
  }

  #showLoading(): void {
    this.#loadingTimer = undefined;
    this.#loading = document.createElement("div");
    this.#loading.className = "microfrontends-loading";
    this.#loading.setAttribute("role", "status");
    this.#loading.textContent = this.#loadingText();
    if (this.css !== "shadow") this.#loading.setAttribute("style", INLINE_LOADING_STYLE);
    this.host.style.minHeight = "64px";
    this.root.prepend(this.#loading);
  }

  /** `css="scoped"` confines the app's CSS with a CssScope (an on-demand part) it is given. */
  needsScope(): boolean {
    return this.css === "scoped" && !this.#scope;
  }

  useScope(scope: CssScope): void {
    this.#scope = scope;
  }

  /** The app's CSS as it must be inserted: confined to the app in `css="scoped"`. */
  styleText(css: string): string {
    return this.#scope ? this.#scope.apply(css) : css;
  }

  addStyle(css: string): HTMLStyleElement {
    const style = document.createElement("style");
    style.textContent = this.styleText(css);
    this.head.append(style);
    return style;
  }

  /** `@font-face` rules go to the document: a shadow root does not register them. */
  hoistFontFaces(css: string): void {
    if (!css) return;
    if (!this.#fontStyle) {
      this.#fontStyle = document.createElement("style");
      this.#fontStyle.setAttribute("data-microfrontends-fonts", this.name);
      document.head.append(this.#fontStyle);
    }
    this.#fontStyle.textContent += `${css}\n`;
  }

  /** Takes the app's DOM, styles and fonts off the page, to be put back by `attachContent`. */
  detachContent(): void {
    this.html.remove();
    this.#fontStyle?.remove();
  }

  attachContent(): void {
    if (this.#fontStyle && !this.#fontStyle.isConnected) document.head.append(this.#fontStyle);
    if (!this.html.isConnected) this.root.append(this.html);
  }

  /** Empties the app's DOM, keeping the host so that an error panel or a remount can use it. */
  clear(): void {
    this.head.replaceChildren();
    this.body.replaceChildren();
    for (const attribute of Array.from(this.body.attributes)) this.body.removeAttribute(attribute.name);
    this.#fontStyle?.remove();
    this.#fontStyle = undefined;
  }

  remove(): void {
    this.clear();
    this.host.remove();
  }
}
