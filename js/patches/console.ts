import type { LogEntry, LogSink } from "../contract/app-log";
import { LOG_LEVELS, LOG_TEXT_CHARS } from "../contract/protocol";

type Level = (typeof LOG_LEVELS)[number];
type Console = Record<Level, (...args: unknown[]) => void>;

export interface CaptureOptions {
  /** The app's DOM: its elements' files that fail to load (an `<img>`, a `<link>`) are logged. */
  root?: ParentNode & EventTarget;
  /**
   * For a window the app shares with the page and other apps: whether a stack (its text) runs
   * through the app's code. Without it, everything on the window is the app's (its own realm).
   */
  owns?: (stack: string) => boolean;
}

interface Listener {
  log: LogSink;
  owns?: (stack: string) => boolean;
  root?: ParentNode;
}

/** One window's capture: its listeners, and how to take the patches off again. */
interface Capture {
  listeners: Set<Listener>;
  undo: () => void;
}

/** On the window itself, so that every bundle of the runtime on the page shares one capture. */
const CAPTURE = Symbol.for("microfrontends.logs");

/**
 * Logs what is written to `win`'s console (each call still reaches the console, so the browser's
 * developer tools show it as before), the errors nothing caught and the rejections nothing
 * handled on it, and the files of `root` that fail to load, to `log`. Several apps may share a
 * window (the page's, in `sandbox="none"` and `"snapshot"`): each then hears only what its
 * `owns` recognises as its own. Returns the undo.
 */
export function captureLogs(win: Window & typeof globalThis, log: LogSink, options: CaptureOptions = {}): () => void {
  const holder = win as unknown as { [CAPTURE]?: Capture };
  const capture = (holder[CAPTURE] ??= patchWindow(win, () => delete holder[CAPTURE]));
  const listener: Listener = { log, owns: options.owns, root: options.root };
  capture.listeners.add(listener);
  const onFile = (event: Event) => {
    const failed = fileError(event);
    if (failed) report(capture, failed.entry, () => "", listener);
  };
  options.root?.addEventListener("error", onFile, true);
  return () => {
    options.root?.removeEventListener("error", onFile, true);
    capture.listeners.delete(listener);
    if (!capture.listeners.size) capture.undo();
  };
}

function patchWindow(win: Window & typeof globalThis, forget: () => void): Capture {
  const capture: Capture = { listeners: new Set(), undo: () => undefined };
  const console = win.console as unknown as Console;
  const originals = LOG_LEVELS.map((level) => [level, console[level]] as const);
  for (const [level, original] of originals) {
    console[level] = function (this: unknown, ...args: unknown[]) {
      report(capture, () => consoleEntry(level, args), stackHere);
      return original.apply(this, args);
    };
  }
  const onError = (event: Event) => {
    if (event.target !== win) {
      // A file of the window's document: of a realm's own (a module script), or of the page,
      // where it is the app's if its URL is (a script the app added to the page's head).
      const failed = fileError(event);
      for (const listener of failed ? capture.listeners : []) {
        const mine = !listener.owns || listener.owns(failed!.url);
        // Not twice: a file of the app's own DOM reaches its listener there.
        if (mine && !listener.root?.contains(event.target as Node)) report(capture, failed!.entry, () => "", listener);
      }
      return;
    }
    const { error, message, filename } = event as ErrorEvent;
    const entry = () =>
      isError(error)
        ? logEntry("error", "error", `Uncaught ${errorText(error)}`, error.stack)
        : logEntry("error", "error", message);
    report(capture, entry, () => `${filename}\n${isError(error) ? error.stack : ""}`);
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    const { reason } = event;
    const text = isError(reason) ? errorText(reason) : show(reason);
    const entry = () => logEntry("error", "rejection", `Uncaught (in promise) ${text}`, reason?.stack);
    report(capture, entry, () => (isError(reason) ? (reason.stack ?? "") : ""));
  };
  win.addEventListener("error", onError, true);
  win.addEventListener("unhandledrejection", onRejection);
  capture.undo = () => {
    for (const [level, original] of originals) console[level] = original;
    win.removeEventListener("error", onError, true);
    win.removeEventListener("unhandledrejection", onRejection);
    forget();
  };
  return capture;
}

/** Set while an entry is delivered: what a listener itself writes to the console is not logged again. */
let reporting = false;

/** Gives the entry to `only` (known to be its app's), or to each listener whose `owns` recognises the stack. */
function report(capture: Capture, entry: () => LogEntry, stack: () => string, only?: Listener): void {
  if (reporting) return;
  reporting = true;
  try {
    let made: LogEntry | undefined;
    let text: string | undefined;
    for (const listener of only ? [only] : capture.listeners) {
      if (!only && listener.owns && !listener.owns((text ??= stack()))) continue;
      listener.log((made ??= entry()));
    }
  } catch {
    // A log that cannot be made or taken never breaks the app's call.
  } finally {
    reporting = false;
  }
}

/** The stack of the code calling the console, with room for the frames of a framework. */
function stackHere(): string {
  const limited = Error as ErrorConstructor & { stackTraceLimit: number };
  const limit = limited.stackTraceLimit;
  limited.stackTraceLimit = 50;
  const stack = new Error().stack ?? "";
  limited.stackTraceLimit = limit;
  return stack;
}

/** The URL of an element whose file failed to load, and its `file` entry; none for other errors. */
function fileError(event: Event): { url: string; entry: () => LogEntry } | undefined {
  const element = event.target as Partial<HTMLImageElement & HTMLLinkElement> | null;
  const url = element?.currentSrc || element?.src || element?.href;
  if (!element?.tagName || !url) return undefined;
  return { url, entry: () => logEntry("error", "file", `<${element.tagName!.toLowerCase()}> could not load ${url}`) };
}

/** A log entry, its texts cut to LOG_TEXT_CHARS. */
export function logEntry(level: string, kind: string, message: string, stack?: unknown): LogEntry {
  const entry: LogEntry = { level, kind, message: cut(message), time: Date.now() };
  if (typeof stack === "string" && stack) entry.stack = cut(stack);
  return entry;
}

function consoleEntry(level: Level, args: unknown[]): LogEntry {
  return logEntry(level, "console", formatArgs(args), (args.find(isError) as Error | undefined)?.stack);
}

function cut(text: string): string {
  const over = text.length - LOG_TEXT_CHARS;
  return over > 0 ? `${text.slice(0, LOG_TEXT_CHARS)}… (${over} more characters)` : text;
}

/** An Error of any realm (`instanceof` knows only its own). */
function isError(value: unknown): value is Error {
  return !!value && typeof value === "object" && typeof (value as Error).stack === "string" && "message" in value;
}

function errorText(error: Error): string {
  return `${error.name}: ${error.message}`;
}

/**
 * The console's arguments as one line of text, as the console shows them: a first string's
 * `%s %d %i %f %o %O %j` take the next arguments (`%c` takes a style and shows nothing), and the
 * rest follow, separated by spaces.
 */
export function formatArgs(args: unknown[]): string {
  let next = 1;
  const [first] = args;
  const head =
    typeof first === "string"
      ? first.replace(/%[sdifoOjc]/g, (spec) => {
          if (next >= args.length) return spec;
          const value = args[next++];
          if (spec === "%c") return "";
          if (spec === "%d" || spec === "%i") return String(Math.trunc(Number(value)));
          if (spec === "%f") return String(Number(value));
          return show(value);
        })
      : show(first);
  return [head, ...args.slice(next).map(show)].slice(args.length ? 0 : 1).join(" ");
}

/** One value as text: a string as it is, an error by its name and message, an object as JSON. */
export function show(value: unknown): string {
  try {
    if (typeof value === "string") return value;
    if (isError(value)) return errorText(value);
    if (typeof value === "function") return `[function ${value.name || "anonymous"}]`;
    if (value && typeof value === "object") {
      if ("nodeType" in value && "nodeName" in value) return `<${String(value.nodeName).toLowerCase()}>`;
      return JSON.stringify(value) ?? String(value);
    }
    return String(value);
  } catch {
    // A cycle, a getter that throws, an object without a prototype.
    return Object.prototype.toString.call(value);
  }
}
