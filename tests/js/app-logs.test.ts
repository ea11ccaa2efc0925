import { afterEach, describe, expect, it, vi } from "vitest";
import { LogBatcher } from "../../js/bridge/app-logs";
import type { LogEntry } from "../../js/contract/app-log";
import { LOG_BATCH_ENTRIES, LOG_INTERVAL_MS, LOG_TEXT_CHARS, LOGS_KIND } from "../../js/contract/protocol";
import { captureLogs, formatArgs, logEntry } from "../../js/patches/console";

describe("formatArgs", () => {
  it("joins values as the console shows them", () => {
    expect(formatArgs(["count", 3, { a: [1] }, null, undefined])).toBe('count 3 {"a":[1]} null undefined');
    expect(formatArgs([])).toBe("");
    expect(formatArgs([new TypeError("bad")])).toBe("TypeError: bad");
    expect(formatArgs([function named() {}])).toBe("[function named]");
  });

  it("fills the first string's substitutions and drops %c styles", () => {
    expect(formatArgs(["%s has %d items (%f)", "cart", 2.7, "1.5", "rest"])).toBe("cart has 2 items (1.5) rest");
    expect(formatArgs(["%cstyled", "color: red", "after"])).toBe("styled after");
    expect(formatArgs(["%o and %s", { x: 1 }])).toBe('{"x":1} and %s');
  });

  it("never throws on what JSON cannot show", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(formatArgs([cycle])).toBe("[object Object]");
    expect(formatArgs([Object.create(null)])).toBe("{}");
  });
});

describe("logEntry", () => {
  it("cuts long texts and keeps a stack only when there is one", () => {
    const entry = logEntry("log", "console", "x".repeat(LOG_TEXT_CHARS + 5), "");
    expect(entry.message).toBe(`${"x".repeat(LOG_TEXT_CHARS)}… (5 more characters)`);
    expect(entry).not.toHaveProperty("stack");
    expect(logEntry("error", "error", "e", "at a.js:1").stack).toBe("at a.js:1");
  });
});

/** A stand-in for a realm's window: an event target with a console. */
function fakeWindow() {
  const written: unknown[][] = [];
  const win = new EventTarget() as EventTarget & { console: Record<string, (...args: unknown[]) => void> };
  win.console = Object.fromEntries(
    ["debug", "log", "info", "warn", "error"].map((level) => [level, (...args: unknown[]) => written.push([level, ...args])]),
  );
  return { win, written };
}

describe("captureLogs", () => {
  it("logs each console call and still writes it to the console", () => {
    const { win, written } = fakeWindow();
    const entries: LogEntry[] = [];
    const undo = captureLogs(win as never, (entry) => entries.push(entry));
    win.console.warn("careful", 1);
    win.console.log("plain");
    expect(entries.map(({ level, kind, message }) => [level, kind, message])).toEqual([
      ["warn", "console", "careful 1"],
      ["log", "console", "plain"],
    ]);
    expect(written).toEqual([
      ["warn", "careful", 1],
      ["log", "plain"],
    ]);
    undo();
    win.console.log("after");
    expect(entries).toHaveLength(2);
    expect(written).toHaveLength(3);
  });

  it("hears uncaught errors and unhandled rejections, with their stack", () => {
    const { win } = fakeWindow();
    const entries: LogEntry[] = [];
    captureLogs(win as never, (entry) => entries.push(entry));
    const error = new RangeError("boom");
    win.dispatchEvent(Object.assign(new Event("error"), { error, message: "Uncaught RangeError: boom" }));
    win.dispatchEvent(Object.assign(new Event("unhandledrejection"), { reason: "nope" }));
    expect(entries.map(({ level, kind, message }) => [level, kind, message])).toEqual([
      ["error", "error", "Uncaught RangeError: boom"],
      ["error", "rejection", "Uncaught (in promise) nope"],
    ]);
    expect(entries[0].stack).toContain("RangeError: boom");
  });

  it("gives a shared window's entries only to the app whose code made them", () => {
    const { win, written } = fakeWindow();
    const [a, b]: LogEntry[][] = [[], []];
    const undoA = captureLogs(win as never, (entry) => a.push(entry), { owns: (stack) => stack.includes("app-a.js") });
    const undoB = captureLogs(win as never, (entry) => b.push(entry), { owns: (stack) => stack.includes("app-b.js") });
    const error = Object.assign(new Error("from b"), { stack: "Error: from b\n    at run (https://x/app-b.js:1:1)" });
    win.dispatchEvent(Object.assign(new Event("error"), { error }));
    win.console.log("from the page");
    expect(a).toEqual([]);
    expect(b.map((entry) => entry.message)).toEqual(["Uncaught Error: from b"]);
    undoA();
    undoB();
    win.console.log("restored");
    expect(written.at(-1)).toEqual(["log", "restored"]);
  });
});

describe("LogBatcher", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends one batch per interval, of the last entries, counting the dropped ones", () => {
    vi.useFakeTimers();
    const sent: { kind: string; logs: LogEntry[]; dropped: number }[] = [];
    const batcher = new LogBatcher((message) => sent.push(message));
    for (let i = 0; i < LOG_BATCH_ENTRIES + 30; i++) batcher.add(logEntry("log", "console", `m${i}`));
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(LOG_INTERVAL_MS);
    expect(sent).toHaveLength(1);
    const [{ kind, logs, dropped }] = sent;
    expect([kind, logs.length, dropped]).toEqual([LOGS_KIND, LOG_BATCH_ENTRIES, 30]);
    expect(logs[0].message).toBe("m30");
    batcher.add(logEntry("info", "console", "later"));
    batcher.flush();
    expect(sent.map((message) => message.logs.length)).toEqual([LOG_BATCH_ENTRIES, 1]);
    vi.advanceTimersByTime(LOG_INTERVAL_MS);
    expect(sent).toHaveLength(2);
  });
});
