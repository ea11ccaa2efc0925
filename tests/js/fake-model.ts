import type { WidgetModel } from "../../js/bridge/widget-model";

type Callback = (...args: never[]) => void;

/** A WidgetModel that records what the runtime does with it, and lets a test play the kernel. */
export class FakeModel implements WidgetModel {
  readonly values = new Map<string, unknown>();
  readonly sets: [string, unknown][] = [];
  readonly sent: { content: unknown; buffers?: ArrayBuffer[] | ArrayBufferView[] }[] = [];
  readonly listeners = new Map<string, Set<Callback>>();
  /** When set, `send` throws it (a kernel that is gone). */
  sendError?: Error;

  constructor(initial: Record<string, unknown> = {}) {
    for (const [key, value] of Object.entries(initial)) this.values.set(key, value);
  }

  get(name: string): unknown {
    return this.values.get(name);
  }

  set(name: string, value: unknown): void {
    this.values.set(name, value);
    this.sets.push([name, value]);
  }

  save_changes(): void {}

  on(event: string, callback: Callback): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(callback);
  }

  off(event: string, callback: Callback): void {
    this.listeners.get(event)?.delete(callback);
  }

  send(content: unknown, _callbacks?: unknown, buffers?: ArrayBuffer[] | ArrayBufferView[]): void {
    if (this.sendError) throw this.sendError;
    this.sent.push({ content, buffers });
  }

  /** Plays a custom message from the kernel. */
  receive(content: unknown, buffers?: DataView[]): void {
    for (const callback of [...(this.listeners.get("msg:custom") ?? [])]) {
      (callback as unknown as (content: unknown, buffers?: DataView[]) => void)(content, buffers);
    }
  }

  /** The contents sent so far whose `kind` is `kind`. */
  sentOfKind(kind: string): Record<string, unknown>[] {
    return this.sent
      .map((message) => message.content as Record<string, unknown>)
      .filter((content) => content?.kind === kind);
  }
}

/** Lets microtasks and the runtime's throttles (16 ms) run. */
export function settle(ms = 40): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
