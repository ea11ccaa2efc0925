import type { LogEntry, LogSink } from "../contract/app-log";
import type { OnMissingFile } from "../css/stylesheet";
import { describeError } from "../lifecycle/lifecycles";

/** The last log entries an app's error panel shows. */
const PANEL_LOG_ENTRIES = 20;

export interface DiagnosticsOptions {
  name: string;
  /** The app's non-fatal problems so far (files it runs without), since it last began loading. */
  onWarnings?: (warnings: string[]) => void;
  /** Each entry of the app's log: its console, uncaught errors and rejections, failed files. */
  onLog?: (entry: LogEntry) => void;
  /** How a URL is named in messages (a kernel-served URL by its local path). */
  describeUrl?: (url: string) => string;
}

/** What one app reported since it last began loading: the files it runs without, and its log. */
export class AppDiagnostics {
  warnings: string[] = [];
  /** The last entries of the app's log, which its error panel shows. */
  logs: LogEntry[] = [];
  readonly #options: DiagnosticsOptions;

  constructor(options: DiagnosticsOptions) {
    this.#options = options;
  }

  /** A load begins: what the last load reported is cleared. */
  reset(): void {
    if (this.warnings.length) this.#options.onWarnings?.((this.warnings = []));
    this.logs = [];
  }

  readonly log: LogSink = (entry) => {
    this.logs = [...this.logs.slice(1 - PANEL_LOG_ENTRIES), entry];
    this.#options.onLog?.(entry);
  };

  /** A file the app can do without could not be loaded: it runs without it, as in a page, and says so. */
  readonly reportMissing: OnMissingFile = (url, error) => {
    const named = this.#options.describeUrl?.(url) ?? url;
    const warning = `App "${this.#options.name}" runs without ${named}: ${describeError(error)}`;
    console.warn("microfrontends:", warning);
    this.#options.onWarnings?.((this.warnings = [...this.warnings, warning]));
    this.log({ level: "warn", kind: "file", message: warning, time: Date.now() });
  };
}
