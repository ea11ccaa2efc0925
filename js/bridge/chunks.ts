import { CHUNK_KIND, INLINE_BYTES, MAX_VALUE_BYTES } from "../contract/protocol";
import { loadPart } from "../loader/parts";
import type { ChunkHeader, Chunker, Reassembler } from "./chunk-codec";
import { sendToKernel, type WidgetModel } from "./widget-model";

/**
 * Big messages between the page and the kernel (src/microfrontends/chunks.py is the other
 * side). The Jupyter server closes a kernel websocket that receives a message over 10 MiB, and
 * the message is then gone without an error anywhere; so a message whose JSON is big travels as
 * its UTF-8 bytes cut into binary chunks, each in an `mf:chunk` message of its own, and is put
 * together again in order, keyed by sender and id. The kernel sends its big messages the same way
 * but in one chunk: only the page's messages have that limit, and every message costs. Only
 * values over INLINE_BYTES need chunks: the code that cuts and joins them is an on-demand part
 * (chunk-codec.ts); this module keeps the size checks and the order of messages.
 */
const MiB = 1 << 20;
// strict/strict-frame.ts takes the limit from here.
export { MAX_VALUE_BYTES };
/** Below this many chars a text's size is bounded (3 bytes a char at most), not counted. */
const COUNTED_CHARS = 64 * 1024;

const encoder = new TextEncoder();

/**
 * The UTF-8 size of a value's JSON `text` (an upper bound for small texts); throws a RangeError
 * naming `where` and the limit past MAX_VALUE_BYTES, so the writer hears of it before anything
 * is applied.
 */
export function measure(text: string, where: string): number {
  // Encoding 16 MiB to count its bytes costs about as much as sending it: bound it when that will do.
  if (text.length < COUNTED_CHARS || text.length * 3 <= MAX_VALUE_BYTES) return text.length * 3;
  // Every UTF-16 unit takes at least one byte: past the limit in units is past it in bytes.
  const size = text.length > MAX_VALUE_BYTES ? text.length : encoder.encode(text).length;
  if (size > MAX_VALUE_BYTES) {
    throw new RangeError(
      `${where} is ${text.length > MAX_VALUE_BYTES ? "over " : ""}${size} bytes as JSON (UTF-8), past the limit ` +
        `of ${MAX_VALUE_BYTES / MiB} MiB (${MAX_VALUE_BYTES} bytes) for one value that travels between the ` +
        "page and Python; nothing was applied",
    );
  }
  return size;
}

type ChunkPart = typeof import("./chunk-codec");

/** The chunks part, once loaded. */
let chunkPart: ChunkPart | undefined;

/**
 * Runs tasks in the order they come: at once while none waits, else after those that do. A task
 * that needs the chunks part before it loads waits for it, and so does every task after it; one
 * whose part cannot be loaded is dropped, and logged.
 */
class InOrder {
  #tail?: Promise<void>;

  run(needsPart: boolean, task: (part?: ChunkPart) => void): void {
    if (!this.#tail && (chunkPart || !needsPart)) {
      task(chunkPart);
      return;
    }
    const loading = needsPart ? loadPart<ChunkPart>("chunks") : undefined;
    loading?.catch(() => undefined); // handled in its turn below
    const tail = (this.#tail ?? Promise.resolve())
      .then(() => loading)
      .then(
        (part) => task((chunkPart ??= part)),
        (error) =>
          console.error("microfrontends: a big message was dropped: the runtime's chunks part did not load:", error),
      )
      // A task that throws does not stop those after it.
      .catch((error) => console.error("microfrontends:", error));
    this.#tail = tail;
    void tail.then(() => {
      if (this.#tail === tail) this.#tail = undefined;
    });
  }
}

/** One queue for all of the page's messages, as they all travel on one websocket. */
// (Pure: the strict frame, which takes only MAX_VALUE_BYTES from here, leaves it out.)
const sends = /* @__PURE__ */ new InOrder();

/** Sends a model's logical messages, in order; big ones as chunks of their UTF-8 JSON. */
export class ChunkSender {
  #chunker?: Chunker;

  readonly #model: WidgetModel;

  constructor(model: WidgetModel) {
    this.#model = model;
  }

  /** `estimate`: an upper bound of the message's UTF-8 size, so small ones are not encoded here. */
  send(message: object, estimate: number): void {
    const big = estimate >= INLINE_BYTES;
    sends.run(big, (part) => {
      if (!big) return void sendToKernel(this.#model, message);
      this.#chunker ??= new part!.Chunker((content, buffers) => sendToKernel(this.#model, content, buffers));
      this.#chunker.send(message);
    });
  }
}

/** Calls `handler` with each logical message the kernel sends to `model`, in order; returns the unlisten. */
export function listen(model: WidgetModel, handler: (message: unknown) => void): () => void {
  const received = new InOrder();
  let chunks: Reassembler | undefined;
  let listening = true;
  const onMessage = (message: unknown, buffers?: DataView[]) => {
    const chunk = (message as ChunkHeader | undefined)?.kind === CHUNK_KIND;
    received.run(chunk, (part) => {
      // Messages that waited for the part are not handled once the listener is gone.
      if (!listening) return;
      if (!chunk) return handler(message);
      const whole = (chunks ??= new part!.Reassembler()).add(message as ChunkHeader, buffers ?? []);
      if (whole) handler(whole);
    });
  };
  model.on("msg:custom", onMessage);
  return () => {
    listening = false;
    model.off("msg:custom", onMessage);
  };
}
