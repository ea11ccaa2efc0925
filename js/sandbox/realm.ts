import { ScriptError, type ModuleExports, type ScriptToRun } from "../contract/realm";
import { describeError } from "../lifecycle/lifecycles";
import { type ModuleLoader, realmImport } from "../loader/modules";
import { servedByTransport } from "../loader/transport";
import type { SandboxSetup } from "./contract";

/**
 * The module loader of an app in the page's own window (`none`, `snapshot`): for an app whose
 * files come through its transport, which the page cannot import by URL; an http(s) app's modules
 * the page imports itself.
 */
export function pageModules(setup: SandboxSetup): ModuleLoader | undefined {
  return servedByTransport(setup.files.entry.baseUrl, setup.transport) ? setup.modules() : undefined;
}

/**
 * Globals every app sees, so that it can detect the host and find its assets: its public path
 * is the folder of `baseUrl` (its `__webpack_public_path__`, qiankun's injected path).
 */
export function hostGlobals(baseUrl: string): Record<string, unknown> {
  const publicPath = new URL(".", baseUrl).href;
  return {
    __POWERED_BY_MICROFRONTENDS__: true,
    __MICROFRONTENDS_PUBLIC_PATH__: publicPath,
    __POWERED_BY_QIANKUN__: true,
    __INJECTED_PUBLIC_PATH_BY_QIANKUN__: publicPath,
  };
}

/** The text to run for a script: its source plus a sourceURL so stack traces name its file. */
export function withSourceUrl(script: ScriptToRun): string {
  return script.url ? `${script.text}\n//# sourceURL=${script.url}` : script.text;
}

/**
 * Inserts a classic script element so that it runs now, and throws ScriptError if it threw:
 * an uncaught error in a script is reported to its window's `error` event, not to the caller.
 */
export function insertScript(win: Window, parent: Element, element: HTMLScriptElement, source: string): void {
  let failure: { error: unknown } | undefined;
  const onError = (event: ErrorEvent) => {
    failure ??= { error: event.error ?? event.message };
  };
  win.addEventListener("error", onError);
  try {
    parent.appendChild(element);
  } finally {
    win.removeEventListener("error", onError);
  }
  if (failure) throw new ScriptError(source, describeError(failure.error));
}

/**
 * Runs a classic script in the page's own realm (the sandboxes that run apps in the page), in a
 * script element kept in `elements` so that unmount can remove it; throws ScriptError if it threw.
 */
export function runPageScript(
  parent: Element,
  name: string,
  text: string,
  source: string,
  elements: HTMLScriptElement[],
): void {
  const element = document.createElement("script");
  element.setAttribute("data-microfrontends-script", name);
  element.text = text;
  elements.push(element);
  insertScript(window, parent, element, source);
}

/**
 * Runs a module script for `url` in the page's own realm, as `runPageScript` does a classic one,
 * and resolves with its exports: importing it again settles once the module has been evaluated,
 * and rethrows what it threw.
 */
export async function runPageModule(
  parent: Element,
  name: string,
  url: string,
  elements: HTMLScriptElement[],
): Promise<ModuleExports> {
  const element = document.createElement("script");
  element.type = "module";
  element.src = url;
  element.setAttribute("data-microfrontends-script", name);
  elements.push(element);
  await new Promise<void>((resolve, reject) => {
    element.addEventListener("load", () => resolve());
    element.addEventListener("error", () => reject(new ScriptError(url, `module ${url} failed to load`)));
    parent.appendChild(element);
  });
  try {
    return (await realmImport(window)(url)) as ModuleExports;
  } catch (error) {
    throw new ScriptError(url, describeError(error));
  }
}

/** Tracks the global properties scripts add, to find a UMD bundle's exports (qiankun's rule). */
export class GlobalsDiff {
  private readonly known: Set<string>;
  private readonly added: string[] = [];

  constructor(private readonly global: object) {
    this.known = new Set(Object.keys(global).filter((key) => !this.empty(key)));
  }

  /**
   * Records the keys that appeared since the last call and returns every key recorded, in the
   * order they appeared (property order).
   */
  update(): string[] {
    for (const key of Object.keys(this.global)) {
      if (this.known.has(key) || this.empty(key)) continue;
      this.known.add(key);
      this.added.push(key);
    }
    return this.list();
  }

  /**
   * A global holding `undefined` counts as not there: a top-level `var` of an app unloaded from
   * the page's window cannot be deleted and is emptied instead, and the app's next load sets it
   * again. (The descriptor is read, not the value: a getter may throw, as `localStorage` does
   * in an opaque origin.)
   */
  private empty(key: string): boolean {
    const descriptor = Object.getOwnPropertyDescriptor(this.global, key);
    return !!descriptor && "value" in descriptor && descriptor.value === undefined;
  }

  list(): string[] {
    return [...this.added];
  }
}

/**
 * For the modes whose app shares the page's window: whether a stack (its text) runs through the
 * app's code, by the names of its scripts in it (`sources`, a realm's, kept up to date) or a file
 * below the entry's folder, unless the page itself lives there (inline HTML's).
 */
export function stackOwner(sources: Set<string>, baseUrl: string): (stack: string) => boolean {
  const folder = new URL(".", baseUrl).href;
  const byFolder = !location.href.startsWith(folder);
  return (stack) => (byFolder && stack.includes(folder)) || [...sources].some((source) => stack.includes(source));
}
