import type { LogSink } from "../contract/app-log";
import { CHUNK_BYTES } from "../contract/protocol";
import { measure } from "./chunks";
import { copyJson, jsonText } from "./json";
import type { EventHandler, StateListener, StateStore, StateValue, Subscriber } from "./state-store";
import { Throttle } from "./throttle";

type PropsListener = (props: Record<string, unknown>) => void;

export interface AppConnectionOptions {
  name: string;
  /** The GlobalState the app is on, if any. */
  store?: StateStore;
  /** Sends a batch of the app's events to its Python handlers, in order; `size` bounds its JSON. */
  sendEvents(events: [string, unknown][], size: number): void;
  props(): Record<string, unknown>;
  /** The app's log, where what its callbacks throw goes too. */
  log?: LogSink;
}

/**
 * What one running app instance is connected to: the shared state, its props and the event
 * bus. It gives the app qiankun's lifecycle-prop functions and `window.microfrontends`, and
 * forgets every listener the app registered when it is disposed (on unmount).
 */
export class AppConnection implements Subscriber {
  readonly name: string;
  onState?: StateListener;
  readonly #options: AppConnectionOptions;
  readonly #handlers = new Map<string, Set<EventHandler>>();
  readonly #propsListeners = new Set<PropsListener>();
  /** Events not yet sent, with an upper bound of each one's size as JSON. */
  readonly #outgoing: [string, unknown, number][] = [];
  readonly #sender = new Throttle(() => this.#sendEvents());
  readonly #unsubscribe: () => void;
  /** The listeners of a parked app (see `park`). */
  #parked?: { onState?: StateListener; handlers: Map<string, Set<EventHandler>> };

  constructor(options: AppConnectionOptions) {
    this.#options = options;
    this.name = options.name;
    this.#unsubscribe = options.store?.subscribe(this) ?? (() => undefined);
  }

  /** Functions added to the props of every lifecycle call, with qiankun's signatures. */
  lifecycleProps(): Record<string, unknown> {
    return {
      onGlobalStateChange: this.onGlobalStateChange,
      setGlobalState: this.setGlobalState,
      offGlobalStateChange: this.offGlobalStateChange,
      emit: this.emit,
      on: this.on,
      off: this.off,
    };
  }

  /** `window.microfrontends` in the app's realm, for apps without lifecycles. */
  globalApi(): Record<string, unknown> {
    const connection = this;
    return {
      ...this.lifecycleProps(),
      /** Whether the app is on a GlobalState; without one the state functions throw. */
      hasGlobalState: !!this.#options.store,
      getGlobalState: this.getGlobalState,
      get props() {
        return connection.#options.props();
      },
      onProps: (listener: PropsListener) => {
        this.#propsListeners.add(listener);
        return () => this.#propsListeners.delete(listener);
      },
    };
  }

  readonly getGlobalState = (): StateValue => copyJson(this.#requireStore("getGlobalState").get());

  hasState(): boolean {
    return !!this.#options.store;
  }

  /** qiankun: one listener per app; `fireImmediately` calls it at once with the current state. */
  readonly onGlobalStateChange = (listener: StateListener, fireImmediately = false): void => {
    const store = this.#requireStore("onGlobalStateChange");
    if (typeof listener !== "function") {
      throw new TypeError("onGlobalStateChange(callback, fireImmediately) needs a function");
    }
    this.onState = (state, previous) =>
      this.#isolate("its onGlobalStateChange listener", () => listener(copyJson(state), copyJson(previous)));
    if (fireImmediately) this.onState(store.get(), store.get());
  };

  readonly offGlobalStateChange = (): boolean => {
    this.onState = undefined;
    return true;
  };

  /**
   * Merges top-level keys; values must be JSON (else a TypeError) and the patch at most
   * MAX_VALUE_BYTES (128 MiB) as JSON (else a RangeError), or nothing is applied.
   */
  readonly setGlobalState = (patch: StateValue): boolean => {
    const store = this.#requireStore("setGlobalState");
    if (!patch || typeof patch !== "object" || Array.isArray(patch)) {
      throw new TypeError("setGlobalState(patch) needs an object of top-level keys");
    }
    const [copy, size] = checkedCopy(patch, "setGlobalState(patch)");
    store.set(copy as StateValue, this, size);
    return true;
  };

  /** The same checks as `setGlobalState`: a TypeError, or a RangeError past 128 MiB. */
  readonly emit = (event: string, payload: unknown = null): void => {
    if (typeof event !== "string" || !event) throw new TypeError("emit(event, payload) needs an event name");
    const [copy, size] = checkedCopy(payload, `the payload of event "${event}"`);
    this.#options.store?.emit(event, copy, this);
    this.#outgoing.push([event, copy, size + event.length * 3 + 8]);
    this.#sender.request();
  };

  readonly on = (event: string, handler: EventHandler): void => {
    if (typeof handler !== "function") throw new TypeError(`on("${event}", handler) needs a function`);
    let handlers = this.#handlers.get(event);
    if (!handlers) this.#handlers.set(event, (handlers = new Set()));
    handlers.add(handler);
  };

  readonly off = (event: string, handler?: EventHandler): void => {
    if (handler) this.#handlers.get(event)?.delete(handler);
    else this.#handlers.delete(event);
  };

  /** An event for this app, from Python or from another app on the same state. */
  onEvent(event: string, payload: unknown): void {
    for (const handler of [...(this.#handlers.get(event) ?? [])]) {
      this.#isolate(`its handler of event "${event}"`, () => handler(copyJson(payload)));
    }
  }

  propsChanged(props: Record<string, unknown>): void {
    for (const listener of [...this.#propsListeners]) {
      this.#isolate("its onProps listener", () => listener(copyJson(props)));
    }
  }

  /**
   * The app was unmounted and stays loaded: its state listener and event handlers stop hearing
   * anything (qiankun drops an unmounted app's listener), to be given back by `unpark` before
   * its `mount` runs again. A listener its `mount` sets anew replaces the one given back.
   */
  park(): void {
    this.#parked = {
      onState: this.onState,
      handlers: new Map([...this.#handlers].map(([e, set]) => [e, new Set(set)])),
    };
    this.onState = undefined;
    this.#handlers.clear();
  }

  unpark(): void {
    if (!this.#parked) return;
    this.onState = this.#parked.onState;
    for (const [event, handlers] of this.#parked.handlers) this.#handlers.set(event, handlers);
    this.#parked = undefined;
  }

  dispose(): void {
    this.#unsubscribe();
    this.onState = undefined;
    this.#handlers.clear();
    this.#propsListeners.clear();
  }

  /**
   * Runs one of the app's callbacks. What it throws is the app's bug: it goes to the console,
   * named, and never into the caller, which may be Python's delivery or another app's
   * `setGlobalState` or `emit`. The callback stays registered.
   */
  #isolate(what: string, callback: () => void): void {
    try {
      callback();
    } catch (error) {
      console.error(`microfrontends: app "${this.name}" failed in ${what}:`, error);
      const stack = (error as Error | undefined)?.stack;
      this.#options.log?.({
        level: "error",
        kind: "error",
        message: `Uncaught ${error} in ${what}`,
        time: Date.now(),
        stack,
      });
    }
  }

  /** Everything queued, in order, in batches of about a chunk each: Python handles one while the next travels. */
  #sendEvents(): void {
    let batch: [string, unknown][] = [];
    let size = 0;
    for (const [event, payload, eventSize] of this.#outgoing) {
      if (batch.length && size + eventSize > CHUNK_BYTES) {
        this.#options.sendEvents(batch, size);
        batch = [];
        size = 0;
      }
      batch.push([event, payload]);
      size += eventSize;
    }
    this.#outgoing.length = 0;
    if (batch.length) this.#options.sendEvents(batch, size);
  }

  #requireStore(what: string): StateStore {
    if (!this.#options.store) {
      throw new Error(`${what}: app "${this.name}" has no GlobalState (MicroApp(..., state=GlobalState()))`);
    }
    return this.#options.store;
  }
}

/**
 * A copy of an app's value in the page's realm and its JSON size: a TypeError names a part that
 * is not JSON, a RangeError a value past MAX_VALUE_BYTES, before anything is applied.
 */
function checkedCopy(value: unknown, where: string): [copy: unknown, size: number] {
  const text = jsonText(value, where);
  const size = measure(text, where); // throws before the copy is made
  return [JSON.parse(text), size];
}
