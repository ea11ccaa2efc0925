import { checkJson, copyJson } from "./json.js";
import type {
  EventHandler,
  EventMap,
  HostGlobal,
  LifecycleProps,
  PayloadArgs,
  PropsShape,
  StateListener,
  StateShape,
} from "./types.js";

/** The part of the Web Storage API the stand-in uses (`localStorage` has it). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface StandInOptions<S = StateShape, P = PropsShape> {
  /** The app's name, as `MicroApp(..., name=)` would give it; "app" by default. */
  name?: string;
  /** The state to start from, as Python's `GlobalState({...})`. */
  state?: S;
  /** The props, as `MicroApp(..., props={...})`. */
  props?: P;
  /**
   * Keep the state across reloads of the page: `true` stores it in `localStorage` under
   * `microfrontends:<name>:state`, a string under that key.
   */
  persist?: boolean | string;
  /** Where a persisted state goes; `localStorage` by default. */
  storage?: StorageLike;
  /** What the app emits and writes is logged: to `console.info` (the default), to a function, or not at all. */
  log?: boolean | ((message: string, value: unknown) => void);
}

/** Marks lifecycle props made by a stand-in; `connect` finds the stand-in through it. */
export const STAND_IN = Symbol.for("microfrontends.app-sdk.stand-in");

/**
 * A local stand-in for the host, for an app that runs on its own (its dev server, a plain tab):
 * an in-memory GlobalState (optionally kept in localStorage), props, and events that are logged.
 * It has the host's functions with the host's rules (JSON only, one state listener, no echo to
 * the writer), and controls that play Python's part: `setState`, `send`, `setProps`.
 */
export class StandIn<S = StateShape, P = PropsShape, E = EventMap> implements HostGlobal<S, P, E> {
  readonly name: string;
  readonly hasGlobalState = true;
  /** The events the app emitted, oldest first. */
  readonly emitted: [event: string, payload: unknown][] = [];
  #state: S;
  #props: P;
  #listener?: StateListener<S>;
  readonly #handlers = new Map<string, Set<EventHandler<never>>>();
  readonly #propsListeners = new Set<(props: P) => void>();
  readonly #storageKey?: string;
  readonly #storage?: StorageLike;
  readonly #log?: (message: string, value: unknown) => void;

  constructor(options: StandInOptions<S, P> = {}) {
    this.name = options.name ?? "app";
    this.#props = copyJson(options.props ?? ({} as P));
    this.#log =
      options.log === false
        ? undefined
        : typeof options.log === "function"
          ? options.log
          : (message, value) => console.info(`[${this.name} stand-in] ${message}`, value);
    if (options.persist) {
      this.#storageKey = typeof options.persist === "string" ? options.persist : `microfrontends:${this.name}:state`;
      this.#storage = options.storage ?? (globalThis as { localStorage?: StorageLike }).localStorage;
    }
    this.#state = { ...copyJson(options.state ?? ({} as S)), ...this.#stored() };
  }

  getGlobalState = (): S => copyJson(this.#state);

  onGlobalStateChange = (listener: StateListener<S>, fireImmediately = false): void => {
    if (typeof listener !== "function") {
      throw new TypeError("onGlobalStateChange(callback, fireImmediately) needs a function");
    }
    this.#listener = listener;
    if (fireImmediately) listener(this.getGlobalState(), this.getGlobalState());
  };

  offGlobalStateChange = (): boolean => {
    this.#listener = undefined;
    return true;
  };

  /** The app's write: merged and kept; its own listener is not called (as in the host). */
  setGlobalState = (patch: Partial<S>): boolean => {
    this.#merge(patch, "setGlobalState(patch)");
    this.#log?.("setGlobalState", patch);
    return true;
  };

  emit = <K extends keyof E & string>(event: K, ...[payload]: PayloadArgs<E[K]>): void => {
    if (typeof event !== "string" || !event) throw new TypeError("emit(event, payload) needs an event name");
    const value = payload === undefined ? null : payload;
    checkJson(value, `the payload of event "${event}"`);
    this.emitted.push([event, copyJson(value)]);
    this.#log?.(`emit "${event}"`, value);
  };

  on = <K extends keyof E & string>(event: K, handler: EventHandler<E[K]>): void => {
    if (typeof handler !== "function") throw new TypeError(`on("${event}", handler) needs a function`);
    let handlers = this.#handlers.get(event);
    if (!handlers) this.#handlers.set(event, (handlers = new Set()));
    handlers.add(handler as EventHandler<never>);
  };

  off = <K extends keyof E & string>(event: K, handler?: EventHandler<E[K]>): void => {
    if (handler) this.#handlers.get(event)?.delete(handler as EventHandler<never>);
    else this.#handlers.delete(event);
  };

  get props(): P {
    return copyJson(this.#props);
  }

  onProps = (listener: (props: P) => void): (() => void) => {
    this.#propsListeners.add(listener);
    return () => this.#propsListeners.delete(listener);
  };

  /** Python's part, `state.update(...)`: merged, kept, and the app's listener is called. */
  setState(patch: Partial<S>): void {
    const previous = this.#state;
    this.#merge(patch, "setState(patch)");
    this.#listener?.(this.getGlobalState(), copyJson(previous));
  }

  /** Python's part, `app.emit(event, payload)`: the app's handlers of the event are called. */
  send<K extends keyof E & string>(event: K, ...[payload]: PayloadArgs<E[K]>): void {
    const value = payload === undefined ? null : payload;
    checkJson(value, `the payload of event "${event}"`);
    for (const handler of [...(this.#handlers.get(event) ?? [])]) (handler as EventHandler<unknown>)(copyJson(value));
  }

  /** Python's part, `app.set_props(...)`: the props are replaced and `onProps` listeners called. */
  setProps(props: P): void {
    checkJson(props, "setProps(props)");
    this.#props = copyJson(props);
    for (const listener of [...this.#propsListeners]) listener(this.props);
  }

  /** What the host would pass to the app's lifecycles, rendering into `container`. */
  lifecycleProps(container: HTMLElement): LifecycleProps<S, P, E> {
    return {
      ...this.props,
      onGlobalStateChange: this.onGlobalStateChange,
      setGlobalState: this.setGlobalState,
      offGlobalStateChange: this.offGlobalStateChange,
      emit: this.emit,
      on: this.on,
      off: this.off,
      name: this.name,
      container,
      [STAND_IN]: this,
    } as LifecycleProps<S, P, E>;
  }

  #merge(patch: Partial<S>, where: string): void {
    if (!patch || typeof patch !== "object" || Array.isArray(patch)) {
      throw new TypeError(`${where} needs an object of top-level keys`);
    }
    checkJson(patch, where);
    this.#state = { ...this.#state, ...copyJson(patch) };
    this.#storage?.setItem(this.#storageKey!, JSON.stringify(this.#state));
  }

  /** The persisted state, if any; a value that is not a JSON object is ignored, with a warning. */
  #stored(): Partial<S> {
    const text = this.#storageKey ? this.#storage?.getItem(this.#storageKey) : null;
    if (!text) return {};
    try {
      const value = JSON.parse(text);
      if (value && typeof value === "object" && !Array.isArray(value)) return value;
    } catch {
      // falls through to the warning
    }
    console.warn(`[${this.name} stand-in] ignored the stored state under "${this.#storageKey}": not a JSON object`);
    return {};
  }
}
