import { describeError } from "../lifecycle/lifecycles";

/** A classic script to run: its source text and, for external scripts, where it came from. */
export interface ScriptToRun {
  url?: string;
  text: string;
}

/** A script that threw while it ran; names the script and the error. */
export class ScriptError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(message);
    this.name = "ScriptError";
  }
}

/**
 * Whether `error` is a ScriptError, also one from an on-demand part: a part of the widget is a
 * bundle of its own, with its own copy of the class, so `instanceof` does not know it.
 */
export function isScriptError(error: unknown): error is ScriptError {
  return error instanceof Error && error.name === "ScriptError" && typeof (error as ScriptError).source === "string";
}

/** Globals every app sees, so that it can detect the host and find its assets. */
export function hostGlobals(publicPath: string): Record<string, unknown> {
  return {
    __POWERED_BY_MICROFRONTENDS__: true,
    __MICROFRONTENDS_PUBLIC_PATH__: publicPath,
    __POWERED_BY_QIANKUN__: true,
    __INJECTED_PUBLIC_PATH_BY_QIANKUN__: publicPath,
  };
}

/** Where an app's JavaScript runs. */
export interface Realm {
  /** The app's global object: `window` as the app sees it. */
  readonly global: Window & typeof globalThis;
  /** Runs one classic script with classic semantics; throws ScriptError if it throws. */
  run(script: ScriptToRun): void;
  /** Runs one ES module script by URL and resolves when it has been evaluated. */
  runModule(url: string): Promise<void>;
  /** Names of the global properties the app's scripts added, in the order they appeared. */
  addedGlobals(): string[];
  /** Fires the page-lifecycle events a loaded document fires, once the scripts have run. */
  finishLoading(): void;
  /** Removes everything the realm added to the page. */
  destroy(): void;
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

/** Runs a module script for `url` in the page's own realm, as `runPageScript` does a classic one. */
export function runPageModule(
  parent: Element,
  name: string,
  url: string,
  elements: HTMLScriptElement[],
): Promise<void> {
  const element = document.createElement("script");
  element.type = "module";
  element.src = url;
  element.setAttribute("data-microfrontends-script", name);
  elements.push(element);
  return new Promise<void>((resolve, reject) => {
    element.addEventListener("load", () => resolve());
    element.addEventListener("error", () => reject(new ScriptError(url, `module ${url} failed to load`)));
    parent.appendChild(element);
  });
}

/** Tracks the global properties scripts add, to find a UMD bundle's exports (qiankun's rule). */
export class GlobalsDiff {
  private readonly known: Set<string>;
  private readonly added: string[] = [];

  constructor(private readonly global: object) {
    this.known = new Set(Object.keys(global));
  }

  /**
   * Records the keys that appeared since the last call and returns every key recorded, in the
   * order they appeared (property order).
   */
  update(): string[] {
    for (const key of Object.keys(this.global)) {
      if (this.known.has(key)) continue;
      this.known.add(key);
      this.added.push(key);
    }
    return this.list();
  }

  list(): string[] {
    return [...this.added];
  }
}
