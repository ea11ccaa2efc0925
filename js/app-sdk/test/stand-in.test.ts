import { describe, expect, it, vi } from "vitest";
import { connect, mountStandalone, StandIn, type StorageLike } from "../src/index.js";

type State = { region: string; count: number };
type Events = { picked: { id: number }; refresh: undefined };

class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const quiet = { log: false } as const;

describe("the stand-in", () => {
  it("keeps the state in memory, merging top-level keys, and never echoes a write to its writer", () => {
    const standIn = new StandIn<State>({ ...quiet, state: { region: "EU", count: 0 } });
    const heard = vi.fn();
    standIn.onGlobalStateChange(heard);
    standIn.setGlobalState({ count: 1 });
    expect(standIn.getGlobalState()).toEqual({ region: "EU", count: 1 });
    expect(heard).not.toHaveBeenCalled();
  });

  it("plays Python's part: setState calls the app's listener with the new and previous state", () => {
    const standIn = new StandIn<State>({ ...quiet, state: { region: "EU", count: 0 } });
    const heard = vi.fn();
    standIn.onGlobalStateChange(heard, true);
    standIn.setState({ region: "US" });
    expect(heard.mock.calls).toEqual([
      [
        { region: "EU", count: 0 },
        { region: "EU", count: 0 },
      ],
      [
        { region: "US", count: 0 },
        { region: "EU", count: 0 },
      ],
    ]);
  });

  it("refuses what the host refuses, naming the part that is not JSON, and applies nothing", () => {
    const standIn = new StandIn<Record<string, unknown>>({ ...quiet, state: { a: 1 } });
    expect(() => standIn.setGlobalState({ a: 2, when: new Date() })).toThrow(
      new TypeError("setGlobalState(patch).when is a Date, which is not JSON"),
    );
    expect(() => standIn.setGlobalState({ nested: { f: () => 1 } })).toThrow(
      /setGlobalState\(patch\)\.nested\.f is a function/,
    );
    expect(() => standIn.setGlobalState({ n: Number.NaN })).toThrow(/is NaN, which is not JSON/);
    expect(() => standIn.setGlobalState([1] as never)).toThrow(/needs an object of top-level keys/);
    expect(() => standIn.emit("e", { big: 1n })).toThrow(/the payload of event "e"\.big is a bigint/);
    expect(standIn.getGlobalState()).toEqual({ a: 1 });
    expect(standIn.emitted).toEqual([]);
  });

  it("logs and records what the app emits, and delivers what Python sends to the app's handlers", () => {
    const log = vi.fn();
    const standIn = new StandIn<State, Record<string, never>, Events>({ name: "orders", log });
    standIn.emit("picked", { id: 3 });
    standIn.emit("refresh");
    expect(standIn.emitted).toEqual([
      ["picked", { id: 3 }],
      ["refresh", null],
    ]);
    expect(log).toHaveBeenCalledWith('emit "picked"', { id: 3 });
    const handler = vi.fn();
    standIn.on("picked", handler);
    standIn.send("picked", { id: 9 });
    standIn.off("picked", handler);
    standIn.send("picked", { id: 10 });
    expect(handler.mock.calls).toEqual([[{ id: 9 }]]);
  });

  it("logs to the console by default, under the app's name", () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    new StandIn({ name: "orders" }).emit("hello", { x: 1 });
    expect(info).toHaveBeenCalledWith('[orders stand-in] emit "hello"', { x: 1 });
    info.mockRestore();
  });

  it("persists the state when asked, and starts from what was stored over the initial state", () => {
    const storage = new MemoryStorage();
    const first = new StandIn<State>({
      ...quiet,
      name: "orders",
      persist: true,
      storage,
      state: { region: "EU", count: 0 },
    });
    first.setGlobalState({ count: 5 });
    expect(JSON.parse(storage.getItem("microfrontends:orders:state")!)).toEqual({ region: "EU", count: 5 });
    const second = new StandIn<State>({
      ...quiet,
      name: "orders",
      persist: true,
      storage,
      state: { region: "EU", count: 0 },
    });
    expect(second.getGlobalState()).toEqual({ region: "EU", count: 5 });
    const other = new StandIn<State>({ ...quiet, persist: "my-key", storage });
    other.setState({ region: "JP" });
    expect(storage.getItem("my-key")).toBe('{"region":"JP"}');
  });

  it("ignores, with a warning, a stored state that is not a JSON object", () => {
    const storage = new MemoryStorage();
    storage.setItem("microfrontends:app:state", "[1,2");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const standIn = new StandIn({ ...quiet, persist: true, storage, state: { a: 1 } });
    expect(standIn.getGlobalState()).toEqual({ a: 1 });
    expect(warn.mock.calls[0][0]).toMatch(/ignored the stored state under "microfrontends:app:state"/);
    warn.mockRestore();
  });

  it("gives props, and calls onProps listeners when Python's part changes them", () => {
    const standIn = new StandIn({ ...quiet, props: { currency: "EUR" } });
    const heard = vi.fn();
    const stop = standIn.onProps(heard);
    standIn.setProps({ currency: "USD" });
    stop();
    standIn.setProps({ currency: "JPY" });
    expect(heard.mock.calls).toEqual([[{ currency: "USD" }]]);
    expect(standIn.props).toEqual({ currency: "JPY" });
  });
});

describe("mountStandalone", () => {
  it("calls bootstrap then mount with the stand-in's lifecycle props, which connect() finds", async () => {
    const container = { id: "app" } as unknown as HTMLElement;
    const calls: string[] = [];
    const standIn = await mountStandalone<State, { currency: string }, Events>(
      {
        bootstrap: (props) => void calls.push(`bootstrap ${props.name}`),
        mount: (props) => {
          const app = connect(props);
          calls.push(`mount ${props.currency} ${app.hosted} ${props.container === container}`);
          app.setGlobalState({ count: app.getGlobalState().count + 1 });
        },
      },
      container,
      { ...quiet, name: "orders", state: { region: "EU", count: 1 }, props: { currency: "EUR" } },
    );
    expect(calls).toEqual(["bootstrap orders", "mount EUR false true"]);
    expect(standIn.getGlobalState()).toEqual({ region: "EU", count: 2 });
    expect((globalThis as Record<string, unknown>).microfrontendsStandIn).toBe(standIn);
  });

  it("says what is missing when there is no container", async () => {
    await expect(mountStandalone({ mount() {} }, null as unknown as HTMLElement)).rejects.toThrow(
      "mountStandalone(lifecycles, container) needs the element to render into",
    );
  });
});
