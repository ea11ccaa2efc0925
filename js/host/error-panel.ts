import type { LogEntry } from "../contract/app-log";

/** How many of the app's last log entries the panel shows. */
const PANEL_LOG_ENTRIES = 10;

const PANEL_STYLE = `
.microfrontends-error{font:13px/1.4 system-ui,sans-serif;color:#5f2120;background:#fdeded;
border:1px solid #f5c2c7;border-radius:4px;padding:10px 12px;margin:4px 0}
.microfrontends-error strong{display:block;margin-bottom:4px}
.microfrontends-error pre{white-space:pre-wrap;margin:6px 0;font:12px ui-monospace,monospace}
.microfrontends-error ol{margin:6px 0;padding:0;list-style:none;font:12px ui-monospace,monospace;
max-height:12em;overflow:auto;white-space:pre-wrap}
.microfrontends-error li[data-level=error]{color:#b3261e}.microfrontends-error li[data-level=warn]{color:#7a4b00}
.microfrontends-error button{font:inherit;padding:2px 10px;cursor:pointer}`;

export interface ErrorReport {
  /** What failed: "load", "bootstrap", "mount", ... */
  phase: string;
  /** The URL or lifecycle that failed. */
  source: string;
  message: string;
  /** The app's log since it began loading, up to the failure (see contract/app-log.ts). */
  logs?: LogEntry[];
}

/**
 * The panel shown in place of a broken app: what failed, where, why, and a Retry button. An
 * on-demand part (only a failing app needs it): `panel` is the host's plain panel, already on
 * the page with its wired Retry button, which this keeps and styles.
 */
export function renderErrorPanel(panel: HTMLElement, appName: string, report: ErrorReport): void {
  const retry = panel.querySelector(".microfrontends-retry");
  const style = document.createElement("style");
  style.textContent = PANEL_STYLE;
  const title = document.createElement("strong");
  title.textContent = `App "${appName}" failed to ${report.phase}`;
  const source = document.createElement("div");
  source.className = "microfrontends-error-source";
  source.textContent = report.source;
  const message = document.createElement("pre");
  message.className = "microfrontends-error-message";
  message.textContent = report.message;
  panel.replaceChildren(style, title, source, message, ...logList(report.logs ?? []), ...(retry ? [retry] : []));
}

/** The app's last log entries, oldest first: what it said before it failed. */
function logList(logs: LogEntry[]): HTMLElement[] {
  if (!logs.length) return [];
  const shown = logs.slice(-PANEL_LOG_ENTRIES);
  const heading = document.createElement("div");
  heading.textContent = `The app's last ${shown.length === 1 ? "log entry" : `${shown.length} log entries`}:`;
  const list = document.createElement("ol");
  list.className = "microfrontends-error-logs";
  for (const entry of shown) {
    const item = document.createElement("li");
    item.dataset.level = entry.level;
    item.textContent = `[${entry.level}] ${entry.message}`;
    list.append(item);
  }
  return [heading, list];
}
