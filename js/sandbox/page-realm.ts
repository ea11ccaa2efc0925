import type { ModuleExports, Realm, ScriptToRun } from "../contract/realm";
import type { Transport } from "../loader/transport";
import { BuiltinChanges } from "./builtin-changes";
import { routePageRequests } from "./page-requests";
import { GlobalsDiff, runPageModule, runPageScript, withSourceUrl } from "./realm";

export interface PageRealmOptions {
  name: string;
  baseUrl: string;
  /** Globals set on the page's window for the app. */
  globals: Record<string, unknown>;
  transport: Transport;
}

/**
 * `sandbox="none"`: scripts run in the notebook page itself, for trusted apps. The globals they
 * add are deleted again on unmount, and what their scripts changed of the page's built-ins
 * (builtin-changes.ts) is put back. Their `fetch`, XHR and workers resolve relative URLs
 * against the app (page-requests.ts). Nothing else is contained.
 */
export class PageRealm implements Realm {
  readonly global = window as Window & typeof globalThis;
  private readonly globals = new GlobalsDiff(window);
  private readonly injected: string[];
  private readonly elements: HTMLScriptElement[] = [];
  private readonly builtins = new BuiltinChanges();
  /** The app's scripts, by the name their frames carry in a call stack (its requests, its log). */
  readonly sources = new Set<string>();
  private readonly requests: ReturnType<typeof routePageRequests>;
  private inlineScripts = 0;

  constructor(private readonly options: PageRealmOptions) {
    const { globals, baseUrl, transport } = options;
    this.injected = Object.keys(globals).filter((key) => !(key in window));
    Object.assign(window, globals);
    const folder = new URL(".", baseUrl).href;
    this.requests = routePageRequests({
      baseUrl,
      transport,
      owns: (script) => this.sources.has(script) || script.startsWith(folder),
    });
  }

  run(script: ScriptToRun): void {
    // Inline scripts get a name of their own, so that their frames in a stack are the app's (two
    // inline-HTML apps share the page's URL: the name tells them apart).
    const url =
      script.url ??
      `${this.options.baseUrl}#${encodeURIComponent(this.options.name)}/inline-script-${++this.inlineScripts}`;
    this.sources.add(url);
    const text = withSourceUrl({ url, text: script.text });
    try {
      this.builtins.during(() => {
        runPageScript(document.head, this.options.name, text, script.url ?? "inline script", this.elements);
        this.requests.inFront();
      });
    } finally {
      this.globals.update();
    }
  }

  runModule(url: string): Promise<ModuleExports> {
    this.sources.add(url);
    const watching = this.builtins.watch();
    return runPageModule(document.head, this.options.name, url, this.elements).finally(() => {
      this.requests.inFront();
      watching.end();
      this.globals.update();
    });
  }

  addedGlobals(): string[] {
    return this.globals.list();
  }

  finishLoading(): void {
    // Firing DOMContentLoaded again on the notebook page would wake the page's own listeners;
    // apps in this mode see the page as already loaded.
  }

  destroy(): void {
    for (const element of this.elements) element.remove();
    this.builtins.undo();
    this.requests.remove();
    // A top-level `var` cannot be deleted: it is emptied, and the app's next load sets it anew.
    for (const key of [...this.globals.list(), ...this.injected]) {
      if (!Reflect.deleteProperty(window, key)) Reflect.set(window, key, undefined);
    }
  }
}
