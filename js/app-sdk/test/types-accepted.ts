// Type tests: this file must typecheck (`npm run typecheck` here, and the repository's). Nothing runs it.
import {
  type Connection,
  connect,
  type Lifecycles,
  type LifecycleProps,
  mountStandalone,
  StandIn,
} from "../src/index.js";

interface State {
  region: string;
  selected?: number[];
  filters: { from: string; to: string | null };
}
type Props = { currency: string };
type Events = { "order-selected": { id: number }; refresh: undefined };

export const lifecycles: Lifecycles<State, Props, Events> = {
  async mount(props) {
    const name: string = props.name;
    const container: HTMLElement = props.container;
    const currency: string = props.currency;
    const app = connect(props); // S, P and E come from the props' type
    const region: string = app.getGlobalState().region;
    app.setGlobalState({ region: "US" });
    app.setGlobalState({ selected: [1, 2] });
    app.onGlobalStateChange((state, previous) => state.region !== previous.region, true);
    app.subscribe((state) => state.filters.to ?? state.filters.from);
    app.emit("order-selected", { id: 7 });
    app.emit("refresh");
    app.on("order-selected", (payload) => payload.id.toFixed());
    app.off("refresh");
    app.onProps((props) => props.currency.toUpperCase());
    console.log(name, container, currency, region, app.props.currency, app.hosted);
  },
  unmount(props: LifecycleProps<State, Props, Events>) {
    connect(props).disconnect();
  },
};

// An app without lifecycles names its types once.
export const zeroChange: Connection<State, Props, Events> = connect<State, Props, Events>(null, {
  state: { region: "EU", filters: { from: "2024", to: null } },
  props: { currency: "EUR" },
  persist: true,
});

// Untyped use is JSON all the way down.
export const untyped = connect();
untyped.setGlobalState({ anything: [1, "two", { three: null }] });
untyped.emit("any-event", { ok: true });

export const standIn = new StandIn<State, Props, Events>({ state: { region: "EU", filters: { from: "a", to: "b" } } });
standIn.setState({ region: "US" });
standIn.send("order-selected", { id: 1 });
standIn.setProps({ currency: "USD" });

export const started: Promise<StandIn<State, Props, Events>> = mountStandalone(lifecycles, document.body, {
  name: "orders",
  persist: "orders-state",
});
