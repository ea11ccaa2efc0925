import { AssetError, type Asset, type FetchOptions, type Transport } from "../loader/transport";
import type { WidgetModel } from "./widget-model";

/** Generous: the kernel may be busy running a cell, and answers only between cells. */
const KERNEL_FETCH_TIMEOUT_MS = 120_000;

interface FetchedReply {
  kind: "mf:fetched";
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
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Asks the kernel for assets over the widget's custom messages: `{kind: "mf:fetch", id, url, fresh?}`
 * out, `{kind: "mf:fetched", ...}` back with the body as the first binary buffer. Every view
 * sees every reply, so ids carry a per-view random prefix.
 */
export class KernelTransport implements Transport {
  private readonly prefix = Math.random().toString(36).slice(2) + ":";
  private next = 0;
  private readonly pending = new Map<string, Pending>();
  private readonly onMessage = (message: unknown, buffers?: DataView[]) =>
    this.receive(message, buffers ?? []);

  /** `connected`: whether a kernel answers this widget (not in a saved or exported page). */
  constructor(
    private readonly model: WidgetModel,
    private readonly connected: () => boolean = () => true,
  ) {
    model.on("msg:custom", this.onMessage);
  }

  /** `fresh`: the kernel revalidates its cached copy even if it is still fresh (a reload). */
  fetch(url: string, options?: FetchOptions): Promise<Asset> {
    if (!this.connected()) {
      return Promise.reject(
        new AssetError(
          url,
          0,
          `GET ${url} needs the kernel, and no kernel is connected to this widget: a saved ` +
            "notebook or an exported page has only the files embedded with MicroApp(..., embed=True)",
        ),
      );
    }
    const id = this.prefix + this.next++;
    return new Promise<Asset>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new AssetError(url, 0, `GET ${url} through the kernel timed out after ${KERNEL_FETCH_TIMEOUT_MS / 1000} s`));
      }, KERNEL_FETCH_TIMEOUT_MS);
      this.pending.set(id, { url, resolve, reject, timer });
      this.model.send({ kind: "mf:fetch", id, url, ...(options?.fresh ? { fresh: true } : {}) });
    });
  }

  private receive(message: unknown, buffers: DataView[]): void {
    const reply = message as FetchedReply;
    if (reply?.kind !== "mf:fetched") return;
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    clearTimeout(pending.timer);
    if (!reply.ok) {
      pending.reject(new AssetError(reply.url || pending.url, reply.status, reply.error ?? `GET ${pending.url} failed`));
      return;
    }
    const body = buffers[0];
    pending.resolve({
      url: reply.url || pending.url,
      contentType: reply.contentType ?? "",
      bytes: body ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : new Uint8Array(),
    });
  }

  dispose(): void {
    this.model.off("msg:custom", this.onMessage);
    for (const [, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new AssetError(pending.url, 0, `GET ${pending.url} cancelled: the view was closed`));
    }
    this.pending.clear();
  }
}
