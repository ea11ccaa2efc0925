/**
 * Where an app's JavaScript runs: the contract between the sandboxes that make realms and the
 * layers that hand them scripts (the DOM-insertion patch, the module loader). Types and errors
 * only: this folder is the bottom layer, importing nothing.
 */

/** A classic script to run: its source text and, for external scripts, where it came from. */
export interface ScriptToRun {
  url?: string;
  text: string;
}

/** What an ES module exported: its namespace object. */
export type ModuleExports = Record<string, unknown>;

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

/** Where an app's JavaScript runs. */
export interface Realm {
  /** The app's global object: `window` as the app sees it. */
  readonly global: Window & typeof globalThis;
  /** Runs one classic script with classic semantics; throws ScriptError if it throws. */
  run(script: ScriptToRun): void;
  /** Runs one ES module script by URL; resolves with its exports once it has been evaluated. */
  runModule(url: string): Promise<ModuleExports>;
  /** Names of the global properties the app's scripts added, in the order they appeared. */
  addedGlobals(): string[];
  /** Fires the page-lifecycle events a loaded document fires, once the scripts have run. */
  finishLoading(): void;
  /** Removes everything the realm added to the page. */
  destroy(): void;
}
