/**
 * The message schema between the host and an app in `sandbox="strict"`: the only way the app
 * reaches anything. Every message carries `mf: "microfrontends-strict"` and the frame's
 * channel token (a random value only that frame's document was given); the host also checks
 * that the message comes from the frame's window and from an opaque origin.
 *
 * frame -> host: listening, loaded {lifecycles: names | null}, failed {message},
 *                called {id, error?}, resize {height}, setState {patch},
 *                emit {event, payload}, listen {event}, unlisten {event}, fetch {id, url},
 *                log {entry: {level, kind, message, time, stack?}}
 * host -> frame: call {id, lifecycle, props}, state {state, previous | sync}, props {props},
 *                event {event, payload}, file {id, url, contentType, bytes | error}
 */
export const STRICT_MESSAGE = "microfrontends-strict";

export interface StrictMessage {
  mf: typeof STRICT_MESSAGE;
  channel: string;
  type: string;
  [field: string]: unknown;
}

export function isStrictMessage(data: unknown, channel: string): data is StrictMessage {
  const message = data as StrictMessage;
  return (
    !!message &&
    typeof message === "object" &&
    message.mf === STRICT_MESSAGE &&
    message.channel === channel &&
    typeof message.type === "string"
  );
}

/**
 * Between a strict app's frame and a worker of the app (see frame-workers.ts and
 * worker-prelude.ts), over a MessagePort the frame hands the worker in its first message,
 * `{url, module}`. The worker asks, the frame answers `{id, value}` or `{id, error}`:
 * - `classic {url}`: the worker's script and the scripts it names to `importScripts`, as
 *   `{[url]: {text} | {error}}`;
 * - `module {url}`: a blob URL of the module with its imports (the frame's module graph);
 * - `import {url, importer}`: the same for a dynamic `import()` of the worker's modules;
 * - `file {url}`: one of the app's files, `{contentType, bytes}`.
 */
export interface WorkerStart {
  url: string;
  module: boolean;
}

export interface WorkerRequest {
  id: number;
  kind: "classic" | "module" | "import" | "file";
  url: string;
  importer?: string;
}

export type WorkerScripts = Record<string, { text: string } | { error: string }>;
