/**
 * The contract between the browser runtime and the kernel: every name and number both sides spell.
 * src/microfrontends/protocol.py holds the same constants for Python; tests/unit/test_protocol.py
 * checks that the two agree, value for value. This module imports nothing, so any layer may use it.
 */

// The `kind` of each custom message between a MicroApp or GlobalState widget and its views.
/** Page -> kernel: `{kind, id, url, fresh?}`, a file the page wants. */
export const FETCH_KIND = "mf:fetch";
/** Kernel -> page: the answer to `mf:fetch`, the body as the single binary buffer. */
export const FETCHED_KIND = "mf:fetched";
/** Either way: one piece of a big message (see bridge/chunks.ts). */
export const CHUNK_KIND = "mf:chunk";
/** Either way, on a MicroApp: `{kind, events: [[name, payload], ...]}`. */
export const EVENTS_KIND = "mf:events";
/** Kernel -> page, on a MicroApp: `{kind, command, sheets?}`, one of COMMANDS; `sheets` (`[{url, text?}]`) are the stylesheets a `restyle` replaces. */
export const COMMAND_KIND = "mf:command";
/** Kernel -> page, on a GlobalState: numbered changes, acks and events, or the whole value. */
export const STATE_KIND = "mf:state";
/** Page -> kernel, on a GlobalState: a batch of an app's changes. */
export const STATE_PATCH_KIND = "mf:state-patch";
/** Page -> kernel, on a GlobalState: the page missed a message and asks for the whole value. */
export const STATE_SYNC_KIND = "mf:state-sync";
/** Page -> kernel, on a MicroApp: `{kind, logs: [{level, kind, message, time, stack?}], dropped}`, its app's log. */
export const LOGS_KIND = "mf:logs";

/** What an `mf:command` message tells every view of a MicroApp to do. */
export const COMMANDS = ["mount", "unmount", "reload", "restyle"] as const;
export type Command = (typeof COMMANDS)[number];

/**
 * Files the kernel serves appear to the page under this origin, which no network resolves:
 * `<origin>/<folder id>/<path>` for a local folder, `<origin>/<RUNTIME_PATH><part>.js` for the
 * runtime's parts.
 */
export const VIRTUAL_ORIGIN = "https://kernel.microfrontends.invalid";
/** A served folder's id (a digest of its path), as a regular expression both sides read alike. */
export const FOLDER_ID_PATTERN = "[0-9a-f]{16}";
/** Below VIRTUAL_ORIGIN, where the page asks the kernel for the runtime's parts. */
export const RUNTIME_PATH = "_runtime/";

/** Below the Jupyter server's base URL, the extension's copy of the served folders: `<folder id>/<path>`. */
export const SERVER_FILES_PATH = "microfrontends/files/";
/** Below the Jupyter server's base URL, the runtime's parts: `<part>.js?build=<build>`. */
export const SERVER_RUNTIME_PATH = "microfrontends/runtime/";
/** The header with which the server extension says what it answered (one of the ANSWER_*). */
export const ANSWER_HEADER = "X-Microfrontends";
/** The body is the folder's file. */
export const ANSWER_FILE = "file";
/** The body is the runtime's part, of the build the page asked for. */
export const ANSWER_PART = "part";
/** The file cannot be served: the body says why, and the kernel would say the same. */
export const ANSWER_ERROR = "error";
/** This server does not know the folder (a remote kernel's): ask the kernel. */
export const ANSWER_UNKNOWN_ROOT = "unknown-root";
/** This server has another build of the runtime than the page: ask the kernel. */
export const ANSWER_STALE_PART = "stale-part";

/** The runtime's on-demand parts, each built to static/<part>.js (js/build.mjs, loader/parts.ts). */
export const RUNTIME_PARTS = [
  "modules",
  "css",
  "strict",
  "scoped",
  "proxy",
  "snapshot",
  "page",
  "routes",
  "prefetch",
  "errors",
  "chunks",
  "realm",
  "logs",
] as const;

/** Messages whose JSON is smaller travel as plain JSON content, as small messages always did. */
export const INLINE_BYTES = 256 * 1024;
/** Bytes per chunk of a page's message: well under the server's 10 MiB per websocket message. */
export const CHUNK_BYTES = 4 * 2 ** 20;
/** The most one change or one event payload may take as JSON in UTF-8. */
export const MAX_VALUE_BYTES = 128 * 2 ** 20;

/** The levels of an app's log entries, the console's methods that make them. */
export const LOG_LEVELS = ["debug", "log", "info", "warn", "error"] as const;
/** A page sends an app's log entries to the kernel at most once per this many milliseconds. */
export const LOG_INTERVAL_MS = 100;
/** The most entries one batch carries: older ones of a burst are counted in its `dropped`. */
export const LOG_BATCH_ENTRIES = 100;
/** The most characters an entry's message, and its stack, keep; the rest is cut. */
export const LOG_TEXT_CHARS = 4000;
