import { MAX_VALUE_BYTES, STATE_KIND, STATE_PATCH_KIND, STATE_SYNC_KIND } from "../contract/protocol";
import { ChunkSender, listen } from "./chunks";
import { Throttle } from "./throttle";
import { sendToKernel, type WidgetModel } from "./widget-model";

export type StateValue = Record<string, unknown>;
export type StateListener = (state: StateValue, previous: StateValue) => void;
export type EventHandler = (payload: unknown) => void;

/**
 * How many changes one delivery tells of, its own and those listeners made meanwhile, before it
 * takes them for listeners that answer one another's changes forever, and stops.
 */
const MAX_CHANGES_PER_DELIVERY = 100;

/** The key under which a GlobalState model carries its page-wide store. */
const STORE = Symbol.for("microfrontends.state-store");

interface Batch {
  batch: number;
  set: StateValue;
  del: Set<string>;
  /** Who last wrote each key, so Python can tell each observer the change's origin. */
  origin: Map<string, string>;
  /** An upper bound of the batch's size as JSON: patches' sizes summed, and the framing. */
  size: number;
}

interface StateMessage {
  kind: typeof STATE_KIND;
  seq: number;
  acked?: Record<string, number>;
  full?: StateValue;
  set?: StateValue;
  del?: string[];
  events?: [string, unknown][];
}

/** Someone on the store: an app instance, identified by the object it subscribes with. */
export interface Subscriber {
  readonly name: string;
  onState?: StateListener;
  onEvent?(event: string, payload: unknown): void;
}

/**
 * The page's copy of one GlobalState, shared by every app connected to it. What Python
 * confirmed, plus the changes sent and not yet confirmed, plus those not yet sent, is what
 * apps see: an app's change reaches the others at once, and Python's order wins in the end,
 * so every page converges on Python's value. Python numbers its messages; a gap (a message
 * lost to the server's rate limit) makes the store ask for the whole state again.
 */
export class StateStore {
  readonly #model: WidgetModel;
  #confirmed: StateValue;
  #seq: number;
  #inFlight: Batch[] = [];
  #unsent?: Batch;
  #nextBatch = 1;
  #view: StateValue;
  readonly #client = Math.random().toString(36).slice(2);
  readonly #subscribers = new Set<Subscriber>();
  /** Changes whose subscribers are still to be told, oldest first (see `deliver`). */
  readonly #undelivered: [next: StateValue, previous: StateValue, writer: Subscriber | undefined][] = [];
  #delivering = false;
  readonly #sender = new Throttle(() => this.#sendUnsent());
  readonly #chunks: ChunkSender;

  private constructor(model: WidgetModel) {
    this.#model = model;
    this.#confirmed = (model.get("_value") as StateValue) ?? {};
    this.#seq = Number(model.get("_seq") ?? 0);
    this.#view = this.#confirmed;
    this.#chunks = new ChunkSender(model);
    listen(model, (message) => this.#receive(message as StateMessage));
    // Messages sent before this store listened are not replayed: start from Python's state.
    this.#requestSync();
  }

  /** The store of a GlobalState model, made on first use and shared by the whole page. */
  static of(model: WidgetModel): StateStore {
    const holder = model as unknown as Record<symbol, StateStore | undefined>;
    return (holder[STORE] ??= new StateStore(model));
  }

  get(): StateValue {
    return this.#view;
  }

  subscribe(subscriber: Subscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  /**
   * Merges an app's (checked, copied) patch of at most `size` bytes as JSON (within
   * MAX_VALUE_BYTES); the others hear of it now, Python soon. A batch that would grow past
   * the limit goes first, so that every message Python gets stays within it.
   */
  set(patch: StateValue, writer: Subscriber, size: number): void {
    const previous = this.#view;
    if (this.#unsent && this.#unsent.size + size > MAX_VALUE_BYTES) this.#sendUnsent();
    this.#unsent ??= { batch: 0, set: {}, del: new Set(), origin: new Map(), size: 0 };
    this.#unsent.size += size + writer.name.length * 3 + 16;
    for (const [key, value] of Object.entries(patch)) {
      this.#unsent.set[key] = value;
      this.#unsent.del.delete(key);
      this.#unsent.origin.set(key, writer.name);
    }
    this.#update(previous, writer);
    this.#keepModelValue();
    this.#sender.request();
  }

  /** Sends an event to every app on this store but its sender (none for Python's). */
  emit(event: string, payload: unknown, sender?: Subscriber): void {
    for (const subscriber of [...this.#subscribers]) {
      if (subscriber !== sender) subscriber.onEvent?.(event, payload);
    }
  }

  #sendUnsent(): void {
    const batch = this.#unsent;
    if (!batch) return;
    this.#unsent = undefined;
    batch.batch = this.#nextBatch++;
    this.#inFlight.push(batch);
    const byOrigin = new Map<string, [string, StateValue, string[]]>();
    const group = (origin: string) => {
      let entry = byOrigin.get(origin);
      if (!entry) byOrigin.set(origin, (entry = [origin, {}, []]));
      return entry;
    };
    for (const [key, value] of Object.entries(batch.set)) group(batch.origin.get(key)!)[1][key] = value;
    for (const key of batch.del) group(batch.origin.get(key)!)[2].push(key);
    const message = {
      kind: STATE_PATCH_KIND,
      client: this.#client,
      batch: batch.batch,
      changes: [...byOrigin.values()],
    };
    this.#chunks.send(message, batch.size + 128);
  }

  #requestSync(): void {
    sendToKernel(this.#model, { kind: STATE_SYNC_KIND, client: this.#client });
  }

  #receive(message: StateMessage): void {
    if (message?.kind !== STATE_KIND) return;
    if (message.full) {
      // Python numbers full states with the others: one numbered before what the store has
      // applied is older than it (a late answer to a sync), and would undo newer changes.
      if (message.seq < this.#seq) return;
    } else if (message.seq !== this.#seq + 1) {
      this.#requestSync();
      return;
    }
    this.#seq = message.seq;
    const previous = this.#view;
    if (message.full) {
      this.#confirmed = message.full;
    } else {
      const next = { ...this.#confirmed, ...(message.set ?? {}) };
      for (const key of message.del ?? []) delete next[key];
      this.#confirmed = next;
    }
    const acked = message.acked?.[this.#client];
    if (acked !== undefined) this.#inFlight = this.#inFlight.filter((batch) => batch.batch > acked);
    this.#update(previous, undefined);
    // Even when apps saw no change: a trait update from Python may have set an older value.
    this.#keepModelValue();
    for (const [event, payload] of message.events ?? []) this.emit(event, payload);
  }

  /**
   * Keeps the model's `_value` equal to what apps see, so that the widget state a notebook
   * saves holds the last value. Set in this page only, never saved back: Python gets changes
   * as patches, and ignores `_value` from pages.
   */
  #keepModelValue(): void {
    this.#model.set("_value", this.#view);
  }

  /** Recomputes what apps see and tells every subscriber but the writer, if it changed. */
  #update(previous: StateValue, writer: Subscriber | undefined): void {
    const next = { ...this.#confirmed };
    for (const batch of this.#unsent ? [...this.#inFlight, this.#unsent] : this.#inFlight) {
      Object.assign(next, batch.set);
      for (const key of batch.del) delete next[key];
    }
    if (sameState(previous, next)) return;
    this.#view = next;
    this.#deliver(next, previous, writer);
  }

  /**
   * Tells every subscriber but the writer of a change. A change made while subscribers are being
   * told of another (a listener that calls `setGlobalState`) waits until all of them were told of
   * that one: telling them at once would give those not yet told the newer state first, and then
   * the older one, as if it were the latest.
   */
  #deliver(next: StateValue, previous: StateValue, writer: Subscriber | undefined): void {
    this.#undelivered.push([next, previous, writer]);
    if (this.#delivering) return;
    this.#delivering = true;
    try {
      let told = 0;
      for (let change = this.#undelivered.shift(); change; change = this.#undelivered.shift()) {
        if (++told > MAX_CHANGES_PER_DELIVERY) {
          console.error(
            `microfrontends: state listeners changed the state ${MAX_CHANGES_PER_DELIVERY} times in a row while ` +
              "hearing of changes, a loop between apps' onGlobalStateChange listeners? The apps were not told of the rest",
          );
          this.#undelivered.length = 0;
          break;
        }
        const [state, before, from] = change;
        for (const subscriber of [...this.#subscribers]) {
          if (subscriber !== from) subscriber.onState?.(state, before);
        }
      }
    } finally {
      this.#delivering = false;
    }
  }
}

function sameState(a: StateValue, b: StateValue): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  // Different strings (or numbers...) differ; only objects need comparing by their JSON.
  const same = (x: unknown, y: unknown) =>
    x === y || (typeof x === "object" && typeof y === "object" && JSON.stringify(x) === JSON.stringify(y));
  return keys.every((key) => key in b && same(a[key], b[key]));
}
