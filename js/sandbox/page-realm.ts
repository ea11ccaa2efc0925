import type { ModuleExports, Realm, ScriptToRun } from "../contract/realm";
import { BuiltinChanges } from "./builtin-changes";
import { GlobalsDiff, runPageModule, runPageScript, withSourceUrl } from "./realm";

/**
 * `sandbox="none"`: scripts run in the notebook page itself, for trusted apps. The globals they
 * add are deleted again on unmount, and what their scripts changed of the page's built-ins
 * (builtin-changes.ts) is put back; nothing else is contained.
 */
export class PageRealm implements Realm {
  readonly global = window as Window & typeof globalThis;
  private readonly globals = new GlobalsDiff(window);
  private readonly injected: string[];
  private readonly elements: HTMLScriptElement[] = [];
  private readonly builtins = new BuiltinChanges();

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
      this.builtins.during(() => runPageScript(document.head, this.name, withSourceUrl(script), source, this.elements));
    } finally {
      this.globals.update();
    }
  }

  runModule(url: string): Promise<ModuleExports> {
    const watching = this.builtins.watch();
    return runPageModule(document.head, this.name, url, this.elements).finally(() => {
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
    // A top-level `var` cannot be deleted: it is emptied, and the app's next load sets it anew.
    for (const key of [...this.globals.list(), ...this.injected]) {
      if (!Reflect.deleteProperty(window, key)) Reflect.set(window, key, undefined);
    }
  }
}
