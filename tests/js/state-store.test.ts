import { afterEach, describe, expect, it, vi } from "vitest";
import { AppConnection } from "../../js/bridge/app-connection";
import { type StateListener, StateStore, type StateValue, type Subscriber } from "../../js/bridge/state-store";
import { FakeModel, settle } from "./fake-model";

afterEach(() => {
  vi.restoreAllMocks();
});

/** A subscriber that records every state it hears of. */
function recorder(name: string): Subscriber & { heard: [StateValue, StateValue][]; events: [string, unknown][] } {
  const heard: [StateValue, StateValue][] = [];
  const events: [string, unknown][] = [];
  return {
    name,
    heard,
    events,
    onState: (state, previous) => heard.push([state, previous]),
    onEvent: (event, payload) => events.push([event, payload]),
  };
}

function setup(initial: StateValue = {}, seq = 0) {
  const model = new FakeModel({ _value: initial, _seq: seq });
  const store = StateStore.of(model);
  const client = (model.sentOfKind("mf:state-sync")[0] as { client: string }).client;
  return { model, store, client };
}

describe("StateStore", () => {
  it("starts from the model's _value, asks Python for its state, and is one per model", () => {
    const { model, store, client } = setup({ a: 1 }, 4);
    expect(store.get()).toEqual({ a: 1 });
    expect(model.sentOfKind("mf:state-sync")).toEqual([{ kind: "mf:state-sync", client }]);
    expect(StateStore.of(model)).toBe(store);
  });

  it("gives an app's change to the other subscribers at once, not to the writer", () => {
    const { store } = setup({ a: 1 });
    const writer = recorder("writer");
    const other = recorder("other");
    store.subscribe(writer);
    store.subscribe(other);
    store.set({ b: 2 }, writer, 10);
    expect(other.heard).toEqual([[{ a: 1, b: 2 }, { a: 1 }]]);
    expect(writer.heard).toEqual([]);
    expect(store.get()).toEqual({ a: 1, b: 2 });
  });

  it("tells nobody of a change that changes nothing", () => {
    const { store } = setup({ a: { deep: [1, 2] } });
    const writer = recorder("writer");
    const other = recorder("other");
    store.subscribe(other);
    store.set({ a: { deep: [1, 2] } }, writer, 30);
    expect(other.heard).toEqual([]);
  });

  it("sends the changes of one task to Python as one patch, grouped by writer", async () => {
    const { model, store, client } = setup();
    const a = recorder("app-a");
    const b = recorder("app-b");
    store.set({ x: 1 }, a, 10);
    store.set({ y: 2 }, b, 10);
    store.set({ x: 3 }, a, 10);
    expect(model.sentOfKind("mf:state-patch")).toEqual([]);
    await settle();
    expect(model.sentOfKind("mf:state-patch")).toEqual([
      {
        kind: "mf:state-patch",
        client,
        batch: 1,
        changes: [
          ["app-a", { x: 3 }, []],
          ["app-b", { y: 2 }, []],
        ],
      },
    ]);
  });

  it("stops telling a subscriber once it unsubscribed", () => {
    const { store } = setup();
    const other = recorder("other");
    const unsubscribe = store.subscribe(other);
    unsubscribe();
    store.set({ a: 1 }, recorder("writer"), 10);
    expect(other.heard).toEqual([]);
  });

  it("applies Python's mf:state messages in seq order", () => {
    const { model, store } = setup({ a: 1 }, 0);
    const app = recorder("app");
    store.subscribe(app);
    model.receive({ kind: "mf:state", seq: 1, set: { b: 2 } });
    model.receive({ kind: "mf:state", seq: 2, set: { a: 10 }, del: ["b"] });
    expect(store.get()).toEqual({ a: 10 });
    expect(app.heard).toEqual([
      [{ a: 1, b: 2 }, { a: 1 }],
      [{ a: 10 }, { a: 1, b: 2 }],
    ]);
  });

  it("asks for the whole state on a seq gap, ignores the message, and applies a full state", () => {
    const { model, store, client } = setup({ a: 1 }, 5);
    model.receive({ kind: "mf:state", seq: 7, set: { a: 2 } });
    expect(store.get()).toEqual({ a: 1 });
    expect(model.sentOfKind("mf:state-sync")).toEqual([
      { kind: "mf:state-sync", client },
      { kind: "mf:state-sync", client },
    ]);
    // A repeated (old) message is a gap too: not applied twice.
    model.receive({ kind: "mf:state", seq: 5, set: { a: 3 } });
    expect(store.get()).toEqual({ a: 1 });
    model.receive({ kind: "mf:state", seq: 9, full: { z: 26 } });
    expect(store.get()).toEqual({ z: 26 });
    model.receive({ kind: "mf:state", seq: 10, set: { y: 25 } });
    expect(store.get()).toEqual({ z: 26, y: 25 });
    expect(model.sentOfKind("mf:state-sync")).toHaveLength(3);
  });

  it("ignores a full state older than what it has, and goes on from the newer one", () => {
    const { model, store, client } = setup({ a: 1 }, 5);
    const app = recorder("app");
    store.subscribe(app);
    // The answer to the first sync: as new as the model's value, so taken.
    model.receive({ kind: "mf:state", seq: 5, full: { a: 1, b: 2 } });
    model.receive({ kind: "mf:state", seq: 6, set: { a: 2 } });
    model.receive({ kind: "mf:state", seq: 8, full: { a: 3, c: 4 } });
    // A full state numbered before the last one arrives late: it would undo seq 6 to 8.
    model.receive({ kind: "mf:state", seq: 7, full: { a: 2, b: 2 }, acked: { [client]: 1 } });
    expect(store.get()).toEqual({ a: 3, c: 4 });
    expect(model.get("_value")).toEqual({ a: 3, c: 4 });
    // The store still counts from seq 8: no sync asked for, and 9 follows.
    model.receive({ kind: "mf:state", seq: 9, set: { d: 5 } });
    expect(store.get()).toEqual({ a: 3, c: 4, d: 5 });
    expect(model.sentOfKind("mf:state-sync")).toHaveLength(1);
    expect(app.heard.map(([state]) => state)).toEqual([
      { a: 1, b: 2 },
      { a: 2, b: 2 },
      { a: 3, c: 4 },
      { a: 3, c: 4, d: 5 },
    ]);
  });

  it("ignores messages of other kinds", () => {
    const { model, store } = setup({ a: 1 }, 0);
    model.receive({ kind: "mf:command", seq: 1, set: { a: 2 } });
    model.receive(null);
    expect(store.get()).toEqual({ a: 1 });
    expect(model.sentOfKind("mf:state-sync")).toHaveLength(1);
  });

  it("keeps unconfirmed changes over Python's until Python acks their batch", async () => {
    const { model, store, client } = setup({ k: "start" }, 0);
    const app = recorder("app");
    store.subscribe(app);
    store.set({ k: "mine" }, recorder("writer"), 10);
    await settle();
    expect(model.sentOfKind("mf:state-patch")).toHaveLength(1);
    // Another page's write, ordered before ours by Python: ours is still in flight, and wins here.
    model.receive({ kind: "mf:state", seq: 1, set: { k: "theirs" } });
    expect(store.get()).toEqual({ k: "mine" });
    // Python applied our batch after it: the ack drops the batch, Python's value stands.
    model.receive({ kind: "mf:state", seq: 2, set: { k: "mine" }, acked: { [client]: 1 } });
    expect(store.get()).toEqual({ k: "mine" });
    // Later writes from elsewhere are seen, since nothing of ours is pending.
    model.receive({ kind: "mf:state", seq: 3, set: { k: "later" } });
    expect(store.get()).toEqual({ k: "later" });
    expect(app.heard.map(([state]) => state)).toEqual([{ k: "mine" }, { k: "later" }]);
  });

  it("drops only the batches an ack confirms, and ignores other clients' acks", async () => {
    const { model, store, client } = setup({}, 0);
    const writer = recorder("writer");
    store.set({ a: 1 }, writer, 10);
    await settle();
    store.set({ b: 2 }, writer, 10);
    await settle();
    expect(model.sentOfKind("mf:state-patch").map((m) => m.batch)).toEqual([1, 2]);
    model.receive({ kind: "mf:state", seq: 1, set: {}, acked: { someone: 2 } });
    expect(store.get()).toEqual({ a: 1, b: 2 });
    // Batch 1 confirmed without its value (say another page deleted it after): batch 2 still shows.
    model.receive({ kind: "mf:state", seq: 2, set: {}, acked: { [client]: 1 } });
    expect(store.get()).toEqual({ b: 2 });
    model.receive({ kind: "mf:state", seq: 3, set: {}, acked: { [client]: 2 } });
    expect(store.get()).toEqual({});
  });

  it("keeps the model's _value equal to what apps see", async () => {
    const { model, store } = setup({ a: 1 }, 0);
    store.set({ b: 2 }, recorder("writer"), 10);
    expect(model.get("_value")).toEqual({ a: 1, b: 2 });
    expect(model.get("_value")).toEqual(store.get());
    await settle();
    model.receive({ kind: "mf:state", seq: 1, set: { c: 3 } });
    expect(model.get("_value")).toEqual({ a: 1, b: 2, c: 3 });
    // A trait sync set an older _value: the next message puts back what apps see, though they saw no change.
    model.values.set("_value", { old: true });
    model.receive({ kind: "mf:state", seq: 2, set: {} });
    expect(model.get("_value")).toEqual(store.get());
    expect(store.get()).toEqual({ a: 1, b: 2, c: 3 });
  });

  it("delivers Python's events to every subscriber, and an app's events to the others", () => {
    const { model, store } = setup({}, 0);
    const a = recorder("a");
    const b = recorder("b");
    store.subscribe(a);
    store.subscribe(b);
    model.receive({ kind: "mf:state", seq: 1, events: [["ping", { n: 1 }]] });
    store.emit("pong", 2, a);
    expect(a.events).toEqual([["ping", { n: 1 }]]);
    expect(b.events).toEqual([
      ["ping", { n: 1 }],
      ["pong", 2],
    ]);
  });
});

describe("AppConnection on a StateStore", () => {
  function connect(store: StateStore, name: string, sent: [string, unknown][][] = []) {
    return new AppConnection({ name, store, sendEvents: (events) => sent.push(events), props: () => ({}) });
  }

  it("shares setGlobalState with the other apps' listeners (copies), not the writer's", () => {
    const { store } = setup({ n: 0 });
    const a = connect(store, "a");
    const b = connect(store, "b");
    const heardA = vi.fn<StateListener>();
    const heardB = vi.fn<StateListener>();
    a.onGlobalStateChange(heardA);
    b.onGlobalStateChange(heardB);
    a.setGlobalState({ n: 1, list: [1] });
    expect(heardA).not.toHaveBeenCalled();
    expect(heardB).toHaveBeenCalledWith({ n: 1, list: [1] }, { n: 0 });
    // What b got is its own copy: changing it changes nobody else's state.
    (heardB.mock.calls[0][0].list as number[]).push(2);
    expect(store.get()).toEqual({ n: 1, list: [1] });
    expect(b.getGlobalState()).toEqual({ n: 1, list: [1] });
  });

  it("keeps telling the other apps when one app's listener throws", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { model, store } = setup({});
    const writer = connect(store, "writer");
    const first = connect(store, "first");
    const broken = connect(store, "broken");
    const last = connect(store, "last");
    const heardFirst = vi.fn<StateListener>();
    const heardLast = vi.fn<StateListener>();
    first.onGlobalStateChange(heardFirst);
    broken.onGlobalStateChange(() => {
      throw new Error("app bug");
    });
    last.onGlobalStateChange(heardLast);
    expect(() => writer.setGlobalState({ x: 1 })).not.toThrow();
    expect(heardFirst).toHaveBeenCalledTimes(1);
    expect(heardLast).toHaveBeenCalledTimes(1);
    // And from Python too.
    model.receive({ kind: "mf:state", seq: 1, set: { y: 2 } });
    expect(heardLast).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledTimes(2);
    expect(String(error.mock.calls[0][0])).toContain('app "broken" failed in its onGlobalStateChange listener');
  });

  it("keeps delivering an event when one app's handler throws", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { store } = setup({});
    const sender = connect(store, "sender");
    const broken = connect(store, "broken");
    const other = connect(store, "other");
    broken.on("go", () => {
      throw new Error("app bug");
    });
    const handler = vi.fn();
    other.on("go", handler);
    sender.emit("go", { n: 1 });
    expect(handler).toHaveBeenCalledWith({ n: 1 });
  });

  it("tells every app of a change made while another was being told, after it and in order", async () => {
    const { model, store, client } = setup({ n: 0 });
    const writer = connect(store, "writer");
    const first = connect(store, "first");
    const reactor = connect(store, "reactor");
    const last = connect(store, "last");
    const heard = new Map<string, [StateValue, StateValue][]>();
    for (const app of [writer, first, reactor, last]) {
      heard.set(app.name, []);
      app.onGlobalStateChange((state, previous) => {
        heard.get(app.name)!.push([state, previous]);
        // Keeps a key derived from n: a setGlobalState while the store tells the others of n.
        const n = state.n as number;
        if (app === reactor && state.tenfold !== n * 10) reactor.setGlobalState({ tenfold: n * 10 });
      });
    }
    writer.setGlobalState({ n: 1 });
    const one = { n: 1 };
    const derived = { n: 1, tenfold: 10 };
    expect(heard.get("writer")).toEqual([[derived, one]]);
    expect(heard.get("first")).toEqual([
      [one, { n: 0 }],
      [derived, one],
    ]);
    expect(heard.get("reactor")).toEqual([[one, { n: 0 }]]);
    expect(heard.get("last")).toEqual([
      [one, { n: 0 }],
      [derived, one],
    ]);
    expect(store.get()).toEqual(derived);

    // The same for a change from Python: the reactor's change follows it to every other app.
    await settle();
    for (const list of heard.values()) list.length = 0;
    model.receive({ kind: "mf:state", seq: 1, set: { n: 2, tenfold: 10 }, acked: { [client]: 1 } });
    const two = { n: 2, tenfold: 10 };
    const twenty = { n: 2, tenfold: 20 };
    for (const name of ["writer", "first", "last"]) {
      expect(heard.get(name)).toEqual([
        [two, derived],
        [twenty, two],
      ]);
    }
    expect(heard.get("reactor")).toEqual([[two, derived]]);
    expect(store.get()).toEqual(twenty);
    expect(model.get("_value")).toEqual(twenty);
  });

  it("stops telling of changes that listeners answering each other make forever, and logs it", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { store } = setup({ turn: 0 });
    const ping = connect(store, "ping");
    const pong = connect(store, "pong");
    let heard = 0;
    for (const app of [ping, pong]) {
      app.onGlobalStateChange((state) => {
        heard++;
        app.setGlobalState({ turn: (state.turn as number) + 1 });
      });
    }
    ping.setGlobalState({ turn: 1 });
    expect(heard).toBe(100);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0][0])).toContain("changed the state 100 times in a row");
    expect(store.get()).toEqual({ turn: 101 });
    // Once the loop is broken, changes are told as usual.
    ping.offGlobalStateChange();
    connect(store, "writer").setGlobalState({ turn: 0 });
    expect(heard).toBe(101);
    expect(store.get()).toEqual({ turn: 1 });
    expect(error).toHaveBeenCalledTimes(1);
  });

  it("refuses non-JSON and oversized patches without applying anything", () => {
    const { store } = setup({ a: 1 });
    const app = connect(store, "app");
    expect(() => app.setGlobalState({ bad: Number.NaN })).toThrow(TypeError);
    expect(() => app.setGlobalState([] as unknown as StateValue)).toThrow(TypeError);
    expect(() => app.setGlobalState({ big: "a".repeat(129 * (1 << 20)) })).toThrow(RangeError);
    expect(store.get()).toEqual({ a: 1 });
  });

  it("stops hearing of changes once disposed", () => {
    const { store } = setup({});
    const app = connect(store, "app");
    const heard = vi.fn<StateListener>();
    app.onGlobalStateChange(heard);
    app.dispose();
    connect(store, "writer").setGlobalState({ a: 1 });
    expect(heard).not.toHaveBeenCalled();
  });
});
