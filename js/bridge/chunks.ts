import { CHUNK_BYTES, CHUNK_KIND, MAX_VALUE_BYTES } from "../contract/protocol";
import { sendToKernel, type WidgetModel } from "./widget-model";

/**
 * Big messages between the page and the kernel (src/microfrontends/chunks.py is the other
 * side). The Jupyter server closes a kernel websocket that receives a message over 10 MiB, and
 * the message is then gone without an error anywhere; so a message whose JSON is big travels as
 * its UTF-8 bytes cut into binary chunks, each in an `mf:chunk` message of its own, and is put
 * together again in order, keyed by sender and id. The kernel sends its big messages the same way
 * but in one chunk: only the page's messages have that limit, and every message costs.
 */
const MiB = 1 << 20;
/** Messages estimated smaller travel as plain JSON content, as small messages always did. */
const INLINE_BYTES = 256 * 1024;
// strict/strict-frame.ts takes the limit from here.
export { MAX_VALUE_BYTES };
/** Below this many chars a text's size is bounded (3 bytes a char at most), not counted. */
const COUNTED_CHARS = 64 * 1024;

interface ChunkHeader {
  kind: typeof CHUNK_KIND;
  sender: string;
  id: number;
  index: number;
  count: number;
  size: number;
}

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

/** Sends a model's logical messages; big ones as chunks of their UTF-8 JSON. */
export class ChunkSender {
  private readonly sender = Math.random().toString(36).slice(2);
  private nextId = 0;

  constructor(private readonly model: WidgetModel) {}

  /** `estimate`: an upper bound of the message's UTF-8 size, so small ones are not encoded here. */
  send(message: object, estimate: number): void {
    if (estimate < INLINE_BYTES) {
      sendToKernel(this.model, message);
      return;
    }
    const bytes = encoder.encode(JSON.stringify(message));
    if (bytes.length < INLINE_BYTES) {
      sendToKernel(this.model, message);
      return;
    }
    const id = ++this.nextId;
    const count = Math.ceil(bytes.length / CHUNK_BYTES);
    for (let index = 0; index < count; index++) {
      const header: ChunkHeader = { kind: CHUNK_KIND, sender: this.sender, id, index, count, size: bytes.length };
      // A copy: the widget protocol sends a view's whole underlying buffer, not the view.
      const chunk = bytes.slice(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES);
      if (!sendToKernel(this.model, header, [chunk.buffer])) return;
    }
  }
}

interface Partial {
  id: number;
  count: number;
  size: number;
  parts: Map<number, Uint8Array>;
  received: number;
}

/**
 * Puts chunked messages from the kernel together again: `add` returns the message once its last
 * chunk is in and its chunks add up to the size they announce. A sender sends one message's chunks
 * one after the other, so a new id while the previous message is incomplete means a chunk was
 * lost: that message is dropped, and logged.
 */
export class Reassembler {
  private readonly partial = new Map<string, Partial>();

  add(header: ChunkHeader, buffers: DataView[]): object | undefined {
    const { sender, id, index, count, size } = header;
    const buffer = buffers[0];
    if (typeof sender !== "string" || !(index >= 0 && index < count) || !buffer) {
      console.error("microfrontends: ignored a malformed chunk", header);
      return undefined;
    }
    let partial = this.partial.get(sender);
    if (partial && partial.id !== id) {
      console.error(`microfrontends: message ${partial.id} from the kernel lost chunks; dropped`);
      partial = undefined;
    }
    if (!partial) {
      partial = { id, count, size, parts: new Map(), received: 0 };
      this.partial.set(sender, partial);
    }
    if (partial.parts.has(index) || count !== partial.count) {
      console.error(`microfrontends: chunk ${index} does not fit message ${id} from the kernel; dropped`);
      this.partial.delete(sender);
      return undefined;
    }
    partial.parts.set(index, new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
    partial.received += buffer.byteLength;
    if (partial.parts.size < partial.count) return undefined;
    this.partial.delete(sender);
    // Bytes missing or extra from some chunk: JSON that parses all the same would be another message.
    if (partial.received !== partial.size) {
      console.error(
        `microfrontends: message ${id} from the kernel has ${partial.received} bytes, not the ${partial.size} its chunks announced; dropped`,
      );
      return undefined;
    }
    const bytes = new Uint8Array(partial.received);
    let offset = 0;
    for (let part = 0; part < partial.count; part++) {
      const piece = partial.parts.get(part)!;
      bytes.set(piece, offset);
      offset += piece.byteLength;
    }
    try {
      return JSON.parse(new TextDecoder().decode(bytes)) as object;
    } catch (error) {
      console.error(`microfrontends: message ${id} from the kernel is not JSON; dropped:`, error);
      return undefined;
    }
  }
}

/** Calls `handler` with each logical message the kernel sends to `model`; returns the unlisten. */
export function listen(model: WidgetModel, handler: (message: unknown) => void): () => void {
  const chunks = new Reassembler();
  const onMessage = (message: unknown, buffers?: DataView[]) => {
    if ((message as ChunkHeader | undefined)?.kind !== CHUNK_KIND) {
      handler(message);
      return;
    }
    const whole = chunks.add(message as ChunkHeader, buffers ?? []);
    if (whole) handler(whole);
  };
  model.on("msg:custom", onMessage);
  return () => model.off("msg:custom", onMessage);
}
