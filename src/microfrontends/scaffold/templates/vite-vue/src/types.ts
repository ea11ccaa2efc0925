import type { Connection, LifecycleProps } from "@microfrontends/app-sdk";

/** The GlobalState's shape (Python: `GlobalState({"count": 0})`). */
export interface State {
  count: number;
}
/** Python: `MicroApp("__APP_NAME__", props={"greeting": "Hello"})`. */
export type Props = { greeting?: string };
/** The events the app emits and hears (Python: `app.on("clicked", ...)`, `app.emit(...)`). */
export type Events = { clicked: { count: number } };

export type AppProps = LifecycleProps<State, Props, Events>;
export type AppConnection = Connection<State, Props, Events>;
