import { copyJson } from "./json.js";
import { STAND_IN, StandIn, type StandInOptions } from "./stand-in.js";
import type {
  EventHandler,
  EventMap,
  EventsApi,
  GlobalStateApi,
  HostGlobal,
  JsonObject,
  LifecycleProps,
  PayloadArgs,
  PropsShape,
  StateListener,
  StateShape,
} from "./types.js";

/** What `connect` returns: the host's functions, typed, the same inside the host and on the stand-in. */
export interface Connection<S = StateShape, P = PropsShape, E = EventMap> extends GlobalStateApi<S>, EventsApi<E> {
  /** True inside the host; false on the local stand-in. */
  readonly hosted: boolean;
  /** The app's name, from the lifecycle props or the stand-in's options; "app" when neither gives one. */
  readonly name: string;
  /** Whether the app is on a GlobalState (`MicroApp(..., state=...)`); the stand-in always is. */
  readonly hasGlobalState: boolean;
  /** The stand-in, when the app runs on its own (for playing Python's part); undefined in the host. */
  readonly standIn?: StandIn<S, P, E>;
  /** A copy of the current state. */
  getGlobalState(): S;
  /**
   * Every change of the state, the app's own writes included (for UI bindings such as React's
   * `useSyncExternalStore`); any number of them, beside the one `onGlobalStateChange` listener.
   */
  subscribe(listener: StateListener<S>): () => void;
  readonly props: P;
  /** New props from Python; needs `window.microfrontends` (every sandbox but "none") or the stand-in. */
  onProps(listener: (props: P) => void): () => void;
  /** Takes off every listener and handler this connection registered: call it in `unmount`. */
  disconnect(): void;
}

/** The keys of lifecycle props that are not the app's props. */
const NOT_PROPS = new Set([
  "onGlobalStateChange",
  "setGlobalState",
  "offGlobalStateChange",
  "emit",
  "on",
  "off",
  "name",
  "container",
]);

/**
 * Connects an app to its host: give it the props of a lifecycle call (`mount(props)`), or nothing
 * in an app without lifecycles (it then uses `window.microfrontends`). When the app runs on its
 * own (no host: its dev server, a plain tab), it gets a local stand-in made from `options`.
 */
export function connect<S extends JsonObject<S> = StateShape, P = PropsShape, E = EventMap>(
  props?: LifecycleProps<S, P, E> | null,
  options: StandInOptions<S, P> = {},
): Connection<S, P, E> {
  const global = (globalThis as { microfrontends?: HostGlobal<S, P, E> }).microfrontends;
  if (props && isHostApi(props)) {
    const standIn = (props as Record<symbol, unknown>)[STAND_IN] as StandIn<S, P, E> | undefined;
    const api = standIn ?? (isHostApi(global) ? global : undefined);
    return new HostConnection<S, P, E>(props, api, props.name, standIn);
  }
  if (isHostApi(global)) return new HostConnection<S, P, E>(global, global, undefined, undefined);
  const standIn = new StandIn<S, P, E>(options);
  return new HostConnection<S, P, E>(standIn, standIn, standIn.name, standIn);
}

function isHostApi(value: unknown): value is GlobalStateApi<never> & EventsApi<never> {
  return !!value && typeof (value as Record<string, unknown>).setGlobalState === "function";
}

class HostConnection<S, P, E> implements Connection<S, P, E> {
  readonly hosted: boolean;
  readonly name: string;
  readonly hasGlobalState: boolean;
  readonly standIn?: StandIn<S, P, E>;
  readonly #fns: GlobalStateApi<S> & EventsApi<E>;
  readonly #global?: HostGlobal<S, P, E>;
  readonly #lifecycleProps: Record<string, unknown>;
  #state = {} as S;
  #listener?: StateListener<S>;
  readonly #subscribers = new Set<StateListener<S>>();
  readonly #handlers: [keyof E & string, EventHandler<E[keyof E & string]>][] = [];
  readonly #propsOff = new Set<() => void>();

  constructor(
    fns: GlobalStateApi<S> & EventsApi<E>,
    global: HostGlobal<S, P, E> | undefined,
    name: string | undefined,
    standIn: StandIn<S, P, E> | undefined,
  ) {
    this.#fns = fns;
    this.#global = global;
    this.#lifecycleProps = fns as unknown as Record<string, unknown>;
    this.standIn = standIn as StandIn<S, P, E> | undefined;
    this.hosted = !standIn;
    this.name = name ?? (typeof this.#lifecycleProps.name === "string" ? this.#lifecycleProps.name : "app");
    // The host keeps one state listener per app: this connection takes it and shares it out.
    let hasState = global?.hasGlobalState ?? true;
    if (hasState) {
      try {
        fns.onGlobalStateChange((state, previous) => this.#changed(state, previous, true), true);
      } catch {
        hasState = false; // an app on no GlobalState: the host's own error comes on first use
      }
    }
    this.hasGlobalState = hasState;
  }

  getGlobalState = (): S => {
    if (this.#global) return this.#global.getGlobalState();
    this.#requireState("getGlobalState");
    return copyJson(this.#state);
  };

  onGlobalStateChange = (listener: StateListener<S>, fireImmediately = false): void => {
    this.#requireState("onGlobalStateChange");
    if (typeof listener !== "function") {
      throw new TypeError("onGlobalStateChange(callback, fireImmediately) needs a function");
    }
    this.#listener = listener;
    if (fireImmediately) listener(copyJson(this.#state), copyJson(this.#state));
  };

  offGlobalStateChange = (): boolean => {
    this.#listener = undefined;
    return true;
  };

  setGlobalState = (patch: Partial<S>): boolean => {
    this.#fns.setGlobalState(patch); // checks the patch and throws before anything changes
    this.#changed({ ...this.#state, ...copyJson(patch) }, this.#state, false);
    return true;
  };

  subscribe = (listener: StateListener<S>): (() => void) => {
    this.#requireState("subscribe");
    this.#subscribers.add(listener);
    return () => this.#subscribers.delete(listener);
  };

  emit = <K extends keyof E & string>(event: K, ...payload: PayloadArgs<E[K]>): void => {
    this.#fns.emit(event, ...payload);
  };

  on = <K extends keyof E & string>(event: K, handler: EventHandler<E[K]>): void => {
    this.#fns.on(event, handler);
    this.#handlers.push([event, handler as EventHandler<E[keyof E & string]>]);
  };

  off = <K extends keyof E & string>(event: K, handler?: EventHandler<E[K]>): void => {
    this.#fns.off(event, handler);
    for (let i = this.#handlers.length - 1; i >= 0; i--) {
      const [name, registered] = this.#handlers[i];
      if (name === event && (!handler || registered === handler)) this.#handlers.splice(i, 1);
    }
  };

  get props(): P {
    if (this.#global) return this.#global.props;
    const props: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.#lifecycleProps)) if (!NOT_PROPS.has(key)) props[key] = value;
    return props as P;
  }

  onProps = (listener: (props: P) => void): (() => void) => {
    let active = true;
    const off = this.#global?.onProps((props) => {
      if (active) listener(props);
    });
    const stop = () => {
      active = false;
      if (typeof off === "function") off();
      this.#propsOff.delete(stop);
    };
    this.#propsOff.add(stop);
    return stop;
  };

  disconnect(): void {
    if (this.hasGlobalState) this.#fns.offGlobalStateChange();
    this.#listener = undefined;
    this.#subscribers.clear();
    for (const [event, handler] of this.#handlers.splice(0)) this.#fns.off(event, handler);
    for (const stop of [...this.#propsOff]) stop();
  }

  /** A change from elsewhere (`fromOthers`) reaches the listener and subscribers; the app's own, subscribers only. */
  #changed(state: S, previous: S, fromOthers: boolean): void {
    this.#state = state;
    const listeners = fromOthers && this.#listener ? [this.#listener, ...this.#subscribers] : [...this.#subscribers];
    for (const listener of listeners) {
      try {
        listener(copyJson(state), copyJson(previous));
      } catch (error) {
        console.error(`app "${this.name}": a GlobalState listener failed:`, error);
      }
    }
  }

  #requireState(what: string): void {
    if (!this.hasGlobalState) {
      throw new Error(`${what}: app "${this.name}" has no GlobalState (MicroApp(..., state=GlobalState()))`);
    }
  }
}
