import { describeError } from "../lifecycle/lifecycles";
import { moduleSource, realmImport } from "../loader/modules";
import { ScriptError, type ModuleExports, type Realm, type ScriptToRun } from "../contract/realm";
import { GlobalsDiff, insertScript, withSourceUrl } from "./realm";
import { takeBlankFrame } from "./spare-frame";

type RealmWindow = Window & typeof globalThis;

export interface IframeRealmOptions {
  name: string;
  /** Where the app's relative URLs resolve: the entry's URL or its `<base href>`. */
  baseUrl: string;
  /** Globals set before any app script runs. */
  globals: Record<string, unknown>;
}

/**
 * A hidden, same-origin iframe whose window is the app's global object. Scripts run in it as
 * real classic scripts, so `var` and function declarations become globals exactly as in a page,
 * and escapes such as `Function('return this')()` reach the iframe, never the notebook page.
 */
export class IframeRealm implements Realm {
  readonly global: RealmWindow;
  /** The realm's own `<head>`, where scripts run (the app's `document.head` is patched). */
  readonly scriptHead: HTMLHeadElement;
  /**
   * Where the app's location starts: the page's origin with the entry's path and no query or
   * hash, so routers start at "/" of the app and never see the notebook's URL (absolute: a
   * relative URL would resolve against the <base>, another origin). A restored route replaces it.
   */
  startUrl: string;
  readonly #iframe: HTMLIFrameElement;
  readonly #globals: GlobalsDiff;
  /** The realm's own `history.replaceState`, taken before any patch. */
  readonly #replaceUrl: History["replaceState"];
  #destroyed = false;

  private constructor(iframe: HTMLIFrameElement, baseUrl: string) {
    this.#iframe = iframe;
    this.global = iframe.contentWindow as RealmWindow;
    this.scriptHead = this.global.document.head;
    this.#globals = new GlobalsDiff(this.global);
    this.startUrl = this.global.location.origin + new URL(baseUrl).pathname;
    this.#replaceUrl = this.global.history.replaceState.bind(this.global.history);
  }

  static async create(options: IframeRealmOptions): Promise<IframeRealm> {
    const iframe = await takeBlankFrame();
    iframe.setAttribute("data-microfrontends-realm", options.name);
    const win = iframe.contentWindow as RealmWindow;
    // <base> makes fetch, XHR and new elements resolve against the app's entry.
    win.document.querySelector("base")!.href = options.baseUrl;
    Object.assign(win, options.globals);
    return new IframeRealm(iframe, options.baseUrl);
  }

  /**
   * Moves the realm to `startUrl`, right before the app's first script runs. Not sooner: this
   * same-document navigation keeps the browser busy, and loads still in flight wait for it
   * (about 1 ms in bench/peers).
   */
  enter(): void {
    if (this.global.location.href !== this.startUrl) this.#replaceUrl(null, "", this.startUrl);
  }

  run(script: ScriptToRun): void {
    const win = this.global;
    const element = win.document.createElement("script");
    element.text = withSourceUrl(script);
    try {
      insertScript(win, this.scriptHead, element, script.url ?? "inline script");
    } finally {
      element.remove();
    }
  }

  /**
   * Runs a module script by URL in the realm (a blob URL from the module loader, for apps whose
   * modules the page cannot fetch itself). Rejects with ScriptError if it fails to load or
   * throws while it is evaluated; resolves with its exports.
   */
  async runModule(url: string): Promise<ModuleExports> {
    const element = this.global.document.createElement("script");
    element.type = "module";
    element.src = url;
    const source = moduleSource(url);
    try {
      await new Promise<void>((resolve, reject) => {
        element.addEventListener("load", () => resolve());
        element.addEventListener("error", () => reject(new ScriptError(source, `module ${source} failed to load`)));
        this.scriptHead.appendChild(element);
      });
      // The module map holds the script's evaluation: importing it again settles when the
      // module (and any top-level await) has finished, and rethrows what it threw.
      return (await realmImport(this.global)(url)) as ModuleExports;
    } catch (error) {
      throw error instanceof ScriptError ? error : new ScriptError(source, describeError(error));
    }
  }

  addedGlobals(): string[] {
    // Read once, when the scripts have run.
    return this.#globals.update();
  }

  finishLoading(): void {
    const win = this.global;
    win.document.dispatchEvent(new win.Event("DOMContentLoaded", { bubbles: true }));
    win.dispatchEvent(new win.Event("load"));
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    // Removing the iframe discards its browsing context: its timers, listeners and globals
    // go with it.
    this.#iframe.remove();
  }
}
