import { afterEach, describe, expect, it, vi } from "vitest";
import { connect, type Json, type LifecycleProps } from "../../js/app-sdk/src/index";
import { AppConnection } from "../../js/bridge/app-connection";
import { StateStore } from "../../js/bridge/state-store";
import { FakeModel } from "./fake-model";

/**
 * The app SDK's `connect` on the runtime's own AppConnection: the lifecycle props and
 * `window.microfrontends` an app gets in the host, as app-host.ts and the sandboxes build them.
 */
type State = { region: string; count: number };
type Props = { currency: string };
type Events = { picked: { id: number } };

function host(options: { state?: State; props?: Props } = {}) {
  const model = new FakeModel({ _value: options.state ?? {}, _seq: 0 });
  const store = options.state ? StateStore.of(model) : undefined;
  const sent: [string, unknown][] = [];
  let props: Record<string, unknown> = options.props ?? {};
  const make = (name: string) =>
    new AppConnection({ name, store, sendEvents: (events) => sent.push(...events), props: () => props });
  const app = make("orders");
  const other = make("other");
  const container = { tag: "div" } as unknown as HTMLElement;
  const lifecycleProps = { ...props, ...app.lifecycleProps(), name: "orders", container } as LifecycleProps<
    State,
    Props,
    Events
  >;
  const setProps = (next: Record<string, unknown>) => {
    props = next;
    app.propsChanged(next);
  };
  return { app, other, store, sent, lifecycleProps, container, setProps };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).microfrontends;
  vi.restoreAllMocks();
});

describe("connect() inside the host", () => {
  it("is hosted, with the app's name and props out of the lifecycle props", () => {
    const { lifecycleProps } = host({ state: { region: "EU", count: 0 }, props: { currency: "EUR" } });
    const app = connect(lifecycleProps);
    expect([app.hosted, app.name, app.hasGlobalState, app.standIn]).toEqual([true, "orders", true, undefined]);
    expect(app.props).toEqual({ currency: "EUR" });
    expect(app.getGlobalState()).toEqual({ region: "EU", count: 0 });
  });

  it("hears other apps' changes through the one listener the host keeps, and writes through the host", () => {
    const { lifecycleProps, other, store } = host({ state: { region: "EU", count: 0 } });
    const app = connect(lifecycleProps);
    const listener = vi.fn();
    const subscriber = vi.fn();
    app.onGlobalStateChange(listener, true);
    app.subscribe(subscriber);
    other.setGlobalState({ region: "US" });
    app.setGlobalState({ count: 1 });
    expect(store?.get()).toEqual({ region: "US", count: 1 });
    // qiankun's rule, as the host keeps it: the writer's listener does not hear its own write...
    expect(listener.mock.calls.map(([state]) => state)).toEqual([
      { region: "EU", count: 0 },
      { region: "US", count: 0 },
    ]);
    // ...while subscribers (UI bindings) hear every change.
    expect(subscriber.mock.calls.map(([state]) => state)).toEqual([
      { region: "US", count: 0 },
      { region: "US", count: 1 },
    ]);
    expect(app.getGlobalState()).toEqual({ region: "US", count: 1 });
  });

  it("keeps the host's checks: a value that is not JSON changes nothing", () => {
    const { lifecycleProps, store } = host({ state: { region: "EU", count: 0 } });
    const app = connect<Record<string, Json>>(lifecycleProps as never);
    expect(() => app.setGlobalState({ count: 2, when: new Date() as never })).toThrow(/when is a Date, which is not JSON/);
    expect(store?.get()).toEqual({ region: "EU", count: 0 });
    expect(app.getGlobalState()).toEqual({ region: "EU", count: 0 });
  });

  it("sends events to Python and the other apps, and hears theirs", async () => {
    const { lifecycleProps, other, sent } = host({ state: { region: "EU", count: 0 } });
    const app = connect(lifecycleProps);
    const heard = vi.fn();
    app.on("picked", heard);
    const otherHeard = vi.fn();
    other.on("picked", otherHeard);
    app.emit("picked", { id: 1 });
    other.emit("picked", { id: 2 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard.mock.calls).toEqual([[{ id: 2 }]]);
    expect(otherHeard.mock.calls).toEqual([[{ id: 1 }]]);
    expect(sent).toEqual([
      ["picked", { id: 1 }],
      ["picked", { id: 2 }],
    ]);
  });

  it("takes off its state listener and handlers on disconnect", () => {
    const { lifecycleProps, other } = host({ state: { region: "EU", count: 0 } });
    const app = connect(lifecycleProps);
    const listener = vi.fn();
    const handler = vi.fn();
    app.onGlobalStateChange(listener);
    app.on("picked", handler);
    app.disconnect();
    other.setGlobalState({ region: "US" });
    other.emit("picked", { id: 2 });
    expect(listener).not.toHaveBeenCalled();
    expect(handler).not.toHaveBeenCalled();
  });

  it("gives the host's error for state functions of an app on no GlobalState; events still work", () => {
    const { lifecycleProps } = host();
    const app = connect(lifecycleProps);
    expect(app.hasGlobalState).toBe(false);
    expect(() => app.setGlobalState({ region: "US" })).toThrow(
      'setGlobalState: app "orders" has no GlobalState (MicroApp(..., state=GlobalState()))',
    );
    expect(() => app.getGlobalState()).toThrow(/app "orders" has no GlobalState/);
    expect(() => app.emit("picked", { id: 1 })).not.toThrow();
  });

  it("uses window.microfrontends for the state, props and props changes where the sandbox gives it", () => {
    const { lifecycleProps, app: connection, setProps, other } = host({
      state: { region: "EU", count: 0 },
      props: { currency: "EUR" },
    });
    (globalThis as Record<string, unknown>).microfrontends = connection.globalApi();
    const app = connect(lifecycleProps);
    const heard = vi.fn();
    app.onProps(heard);
    setProps({ currency: "USD" });
    expect(heard.mock.calls).toEqual([[{ currency: "USD" }]]);
    expect(app.props).toEqual({ currency: "USD" });
    other.setGlobalState({ count: 4 });
    expect(app.getGlobalState()).toEqual({ region: "EU", count: 4 });
  });

  it("connects an app without lifecycles through window.microfrontends", () => {
    const { app: connection, other } = host({ state: { region: "EU", count: 0 }, props: { currency: "EUR" } });
    (globalThis as Record<string, unknown>).microfrontends = connection.globalApi();
    const app = connect<State, Props, Events>();
    const listener = vi.fn();
    app.onGlobalStateChange(listener);
    other.setGlobalState({ region: "JP" });
    expect([app.hosted, app.props.currency]).toEqual([true, "EUR"]);
    expect(listener.mock.calls[0][0]).toEqual({ region: "JP", count: 0 });
  });

  it("isolates a subscriber that throws from the others", () => {
    const { lifecycleProps, other } = host({ state: { region: "EU", count: 0 } });
    const app = connect(lifecycleProps);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const second = vi.fn();
    app.subscribe(() => {
      throw new Error("boom");
    });
    app.subscribe(second);
    other.setGlobalState({ count: 1 });
    expect(second).toHaveBeenCalledOnce();
    expect(error.mock.calls[0][0]).toBe('app "orders": a GlobalState listener failed:');
  });
});

describe("connect() on its own", () => {
  it("is the stand-in when there is no host, with the options' state and props", () => {
    const app = connect<State, Props>(undefined, {
      name: "orders",
      state: { region: "EU", count: 0 },
      props: { currency: "EUR" },
      log: false,
    });
    const subscriber = vi.fn();
    app.subscribe(subscriber);
    app.setGlobalState({ count: 1 });
    app.standIn?.setState({ region: "US" });
    expect([app.hosted, app.name, app.props]).toEqual([false, "orders", { currency: "EUR" }]);
    expect(subscriber.mock.calls.map(([state]) => state)).toEqual([
      { region: "EU", count: 1 },
      { region: "US", count: 1 },
    ]);
  });
});
