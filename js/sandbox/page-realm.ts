import type { ModuleExports, Realm, ScriptToRun } from "../contract/realm";
import { GlobalsDiff, runPageModule, runPageScript, withSourceUrl } from "./realm";

/**
 * `sandbox="none"`: scripts run in the notebook page itself, for trusted apps. The globals they
 * add are deleted again on unmount; nothing else is contained.
 */
export class PageRealm implements Realm {
  readonly global = window as Window & typeof globalThis;
  private readonly globals = new GlobalsDiff(window);
  private readonly injected: string[];
  private readonly elements: HTMLScriptElement[] = [];

  constructor(
    private readonly name: string,
    globals: Record<string, unknown>,
  ) {
    this.injected = Object.keys(globals).filter((key) => !(key in window));
    Object.assign(window, globals);
  }

  run(script: ScriptToRun): void {
    const source = script.url ?? "inline script";
    try {
      runPageScript(document.head, this.name, withSourceUrl(script), source, this.elements);
    } finally {
      this.globals.update();
    }
  }

  runModule(url: string): Promise<ModuleExports> {
    return runPageModule(document.head, this.name, url, this.elements).finally(() => this.globals.update());
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
    // A top-level `var` cannot be deleted: it is emptied, and the app's next load sets it anew.
    for (const key of [...this.globals.list(), ...this.injected]) {
      if (!Reflect.deleteProperty(window, key)) Reflect.set(window, key, undefined);
    }
  }
}
