/** A JSON value: what state, props and event payloads hold on their way to Python and back. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** `T` where every part is JSON, `never` where it is not (a function, a Date, a Map, a bigint). */
export type JsonShape<T> = T extends Json
  ? T
  : T extends (...args: never[]) => unknown
    ? never
    : T extends object
      ? { [K in keyof T]: JsonShape<T[K]> }
      : never;

/**
 * An object of JSON values: `S extends JsonObject<S>` accepts interfaces as well as type
 * aliases, which `S extends Record<string, Json>` would not (an interface has no index signature).
 */
export type JsonObject<T> = { [K in keyof T]: JsonShape<T[K]> };

/** The shape of a GlobalState: an object of top-level keys holding JSON. */
export type StateShape = Record<string, Json>;
/** The events an app sends and hears: event name -> payload type. */
export type EventMap = Record<string, unknown>;
/** The props Python gives an app (`MicroApp(..., props={...})`). */
export type PropsShape = Record<string, Json>;

/** Called with copies of the new and the previous state. */
export type StateListener<S> = (state: S, previous: S) => void;
/** Called with a copy of an event's payload. */
export type EventHandler<T> = (payload: T) => void;

/** The payload argument of `emit`: optional for events whose payload may be undefined or null. */
export type PayloadArgs<T> = undefined extends T ? [payload?: T] : null extends T ? [payload?: T] : [payload: T];

/**
 * qiankun's state functions, as the host passes them in the lifecycle props. A patch merges
 * top-level keys; a change reaches every other app on the state and Python, never back to the
 * app that made it.
 */
export interface GlobalStateApi<S> {
  /** One listener per app (a second call replaces the first); `fireImmediately` calls it at once. */
  onGlobalStateChange(listener: StateListener<S>, fireImmediately?: boolean): void;
  /** Merges top-level keys; throws a TypeError for a value that is not JSON. */
  setGlobalState(patch: Partial<S>): boolean;
  offGlobalStateChange(): boolean;
}

/** Events to and from Python (`app.on(name, handler)`, `app.emit(name, payload)`) and the other apps. */
export interface EventsApi<E> {
  emit<K extends keyof E & string>(event: K, ...payload: PayloadArgs<E[K]>): void;
  on<K extends keyof E & string>(event: K, handler: EventHandler<E[K]>): void;
  /** Without a handler: every handler of the event. */
  off<K extends keyof E & string>(event: K, handler?: EventHandler<E[K]>): void;
}

/**
 * What the host passes to `bootstrap`, `mount`, `unmount` and `update`: the app's props as
 * top-level keys, the state and event functions, the app's name and the element to render into.
 */
export type LifecycleProps<S = StateShape, P = PropsShape, E = EventMap> = P &
  GlobalStateApi<S> &
  EventsApi<E> & {
    /** The app's name (`MicroApp(..., name=)`, or derived from its entry). */
    name: string;
    /** The element the app renders into: inside its shadow root, or its container. */
    container: HTMLElement;
  };

export type Lifecycle<S = StateShape, P = PropsShape, E = EventMap> = (
  props: LifecycleProps<S, P, E>,
) => void | Promise<void>;

/** What an app exports (from its ES module, or on `window[name]` for a UMD bundle). */
export interface Lifecycles<S = StateShape, P = PropsShape, E = EventMap> {
  bootstrap?: Lifecycle<S, P, E>;
  mount: Lifecycle<S, P, E>;
  unmount?: Lifecycle<S, P, E>;
  /** Called when Python changes the props of a mounted app (`app.set_props(...)`). */
  update?: Lifecycle<S, P, E>;
}

/**
 * `window.microfrontends` in the app's realm (every sandbox but `"none"`): the same functions,
 * plus what an app without lifecycles needs.
 */
export interface HostGlobal<S = StateShape, P = PropsShape, E = EventMap> extends GlobalStateApi<S>, EventsApi<E> {
  /** Whether the app is on a GlobalState; without one the state functions throw. */
  readonly hasGlobalState?: boolean;
  getGlobalState(): S;
  readonly props: P;
  onProps(listener: (props: P) => void): unknown;
}
