// Type tests: each `@ts-expect-error` line must be an error, or the typecheck fails ("unused
// '@ts-expect-error' directive"). Nothing runs this file.
import { connect, type Lifecycles, StandIn } from "../src/index.js";

interface State {
  region: string;
  count: number;
}
type Props = { currency: string };
type Events = { "order-selected": { id: number }; refresh: undefined };

export const lifecycles: Lifecycles<State, Props, Events> = {
  mount(props) {
    const app = connect(props);
    // @ts-expect-error: a key the state does not have
    app.setGlobalState({ regoin: "US" });
    // @ts-expect-error: a value of the wrong type
    app.setGlobalState({ count: "3" });
    // @ts-expect-error: the state is an object, not a value
    app.setGlobalState("US");
    // @ts-expect-error: an event the app does not declare
    app.emit("order-selcted", { id: 1 });
    // @ts-expect-error: a payload of the wrong shape
    app.emit("order-selected", { id: "1" });
    // @ts-expect-error: the payload is required
    app.emit("order-selected");
    // @ts-expect-error: the handler expects another payload
    app.on("order-selected", (payload: { name: string }) => payload.name);
    // @ts-expect-error: the listener gets the state, whose region is a string
    app.onGlobalStateChange((state) => state.region.toFixed());
    // @ts-expect-error: a prop the app does not have
    console.log(app.props.curency);
    // @ts-expect-error: a prop the app does not have, on the lifecycle props
    console.log(props.locale);
  },
};

// @ts-expect-error: lifecycles need mount
export const noMount: Lifecycles = { unmount() {} };

// @ts-expect-error: a function is not JSON, so it cannot be in a GlobalState
connect<{ onClick: () => void }>();

// @ts-expect-error: nor can a Date
connect<{ when: Date }>();

// @ts-expect-error: the stand-in's initial state must have the state's shape
new StandIn<State>({ state: { region: 1, count: 0 } });

// @ts-expect-error: Python's part sends declared events only
new StandIn<State, Props, Events>().send("unknown", null);
