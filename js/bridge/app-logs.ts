/**
 * The on-demand part "logs" (static/logs.js): an app's log, captured in its realm (see
 * patches/console.ts) and sent to Python in batches (`MicroApp.logs`, src/microfrontends/app_logs.py).
 */
import type { LogEntry } from "../contract/app-log";
import { LOG_BATCH_ENTRIES, LOG_INTERVAL_MS, LOGS_KIND } from "../contract/protocol";

export { captureLogs } from "../patches/console";

/** Sends a logical message to the kernel; `estimate` bounds its UTF-8 size (see chunks.ts). */
export type SendLogs = (message: { kind: string; logs: LogEntry[]; dropped: number }, estimate: number) => void;

/**
 * Batches an app's log entries for the kernel: one message per LOG_INTERVAL_MS at most, of the
 * last LOG_BATCH_ENTRIES entries at most; the older ones of a burst are counted as dropped, so
 * that a chatty app never floods the kernel and Python still hears that entries are missing.
 */
export class LogBatcher {
  #pending: LogEntry[] = [];
  #dropped = 0;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly send: SendLogs) {}

  add(entry: LogEntry): void {
    this.#pending.push(entry);
    if (this.#pending.length > LOG_BATCH_ENTRIES) {
      this.#pending.shift();
      this.#dropped++;
    }
    this.#timer ??= setTimeout(() => this.flush(), LOG_INTERVAL_MS);
  }

  /** Sends what is pending now (also when the view goes away). */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#pending.length && !this.#dropped) return;
    const logs = this.#pending;
    const estimate = logs.reduce(
      (size, entry) => size + 3 * (entry.message.length + (entry.stack?.length ?? 0)) + 99,
      99,
    );
    this.send({ kind: LOGS_KIND, logs, dropped: this.#dropped }, estimate);
    this.#pending = [];
    this.#dropped = 0;
  }
}
