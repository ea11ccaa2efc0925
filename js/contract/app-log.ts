/**
 * What an app wrote to its console, what it threw and did not catch, and the files it could not
 * load: one entry of its log, as the page keeps it and Python receives it (`MicroApp.logs`).
 */
export interface LogEntry {
  /** `debug`, `log`, `info`, `warn` or `error` (protocol.ts: LOG_LEVELS). */
  level: string;
  /** `console`, `error` (uncaught), `rejection` (unhandled), `file` (failed to load) or `failure` (the app's load or a lifecycle failed). */
  kind: string;
  message: string;
  /** Milliseconds since the epoch. */
  time: number;
  /** The stack of an error, where there is one. */
  stack?: string;
}

/** Where a sandbox puts its app's log entries (the host's, see host/app-host.ts). */
export type LogSink = (entry: LogEntry) => void;
