import { AssetError, type Asset, type FetchOptions, type Transport } from "../loader/transport";
import { FETCH_KIND, FETCHED_KIND } from "../contract/protocol";
import type { WidgetModel } from "./widget-model";

/** A request unanswered for this long is waiting for a busy kernel: the app says so. */
const WAITING_NOTICE_MS = 1500;

interface FetchedReply {
  kind: typeof FETCHED_KIND;
  id: string;
  ok: boolean;
  status: number;
  url: string;
  contentType?: string;
  error?: string;
}

interface Pending {
  url: string;
  resolve(asset: Asset): void;
  reject(error: AssetError): void;
}

/**
 * Asks the kernel for assets over the widget's custom messages: `{kind: "mf:fetch", id, url, fresh?}`
 * out, `{kind: "mf:fetched", ...}` back with the body as the first binary buffer. Every view
 * sees every reply, so ids carry a per-view random prefix.
 *
 * A request waits as long as the kernel lives: a kernel busy running a cell answers when the
 * cell ends, never with an error. `onWaiting` hears when requests have waited long enough to
 * tell the user, and when none is waiting any more; `kernelLost` fails what waits, and all later
 * requests, with the reason.
 */
export class KernelTransport implements Transport {
  readonly #prefix = `${Math.random().toString(36).slice(2)}:`;
  #next = 0;
  readonly #pending = new Map<string, Pending>();
  #lost?: string;
  #waitingTimer?: ReturnType<typeof setTimeout>;
  #waiting = false;
  readonly #onMessage = (message: unknown, buffers?: DataView[]) => this.#receive(message, buffers ?? []);

  readonly #model: WidgetModel;
  readonly #connected: () => boolean;
  readonly #onWaiting: (waiting: boolean) => void;

  /** `connected`: whether a kernel answers this widget (not in a saved or exported page). */
  constructor(model: WidgetModel, connected = () => true, onWaiting: (waiting: boolean) => void = () => undefined) {
    this.#model = model;
    this.#connected = connected;
    this.#onWaiting = onWaiting;
    model.on("msg:custom", this.#onMessage);
  }

  /** `fresh`: the kernel revalidates its cached copy even if it is still fresh (a reload). */
  fetch(url: string, options?: FetchOptions): Promise<Asset> {
    if (this.#lost) {
      return Promise.reject(new AssetError(url, 0, `GET ${url} through the kernel failed: ${this.#lost}`));
    }
    if (!this.#connected()) {
      return Promise.reject(
        new AssetError(
          url,
          0,
          `GET ${url} needs the kernel, and no kernel is connected to this widget: a saved ` +
            "notebook or an exported page has only the files embedded with MicroApp(..., embed=True)",
        ),
      );
    }
    const id = this.#prefix + this.#next++;
    return new Promise<Asset>((resolve, reject) => {
      this.#pending.set(id, { url, resolve, reject });
      this.#model.send({ kind: FETCH_KIND, id, url, ...(options?.fresh ? { fresh: true } : {}) });
      this.#waitingTimer ??= setTimeout(() => this.#setWaiting(this.#pending.size > 0), WAITING_NOTICE_MS);
    });
  }

  /** The kernel is gone (restarted, shut down): what waits fails with `reason`, and so will the rest. */
  kernelLost(reason: string): void {
    this.#lost = reason;
    this.#failAll((url) => `GET ${url} through the kernel failed: ${reason}`);
  }

  #receive(message: unknown, buffers: DataView[]): void {
    const reply = message as FetchedReply;
    if (reply?.kind !== FETCHED_KIND) return;
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#setWaiting(false);
    if (!reply.ok) {
      pending.reject(
        new AssetError(reply.url || pending.url, reply.status, reply.error ?? `GET ${pending.url} failed`),
      );
      return;
    }
    const body = buffers[0];
    pending.resolve({
      url: reply.url || pending.url,
      contentType: reply.contentType ?? "",
      bytes: body ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : new Uint8Array(),
    });
  }

  #setWaiting(waiting: boolean): void {
    clearTimeout(this.#waitingTimer);
    this.#waitingTimer = undefined;
    if (waiting === this.#waiting) return;
    this.#waiting = waiting;
    this.#onWaiting(waiting);
  }

  #failAll(message: (url: string) => string): void {
    for (const [, pending] of this.#pending) pending.reject(new AssetError(pending.url, 0, message(pending.url)));
    this.#pending.clear();
    this.#setWaiting(false);
  }

  dispose(): void {
    this.#model.off("msg:custom", this.#onMessage);
    this.#failAll((url) => `GET ${url} cancelled: the view was closed`);
  }
}
