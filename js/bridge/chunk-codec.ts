import { CHUNK_BYTES, CHUNK_KIND, INLINE_BYTES } from "../contract/protocol";

/**
 * Cutting big messages into chunks and putting them together again: the runtime's `chunks`
 * part, loaded when the first big message is sent or the first chunk arrives (see chunks.ts,
 * which keeps their order meanwhile; src/microfrontends/chunks.py is the kernel's side).
 */
export interface ChunkHeader {
  kind: typeof CHUNK_KIND;
  sender: string;
  id: number;
  index: number;
  count: number;
  size: number;
}

/** Sends one message to the kernel; false once the kernel is gone (see widget-model.ts). */
export type Send = (content: unknown, buffers?: ArrayBuffer[]) => boolean;

/** Sends one sender's big messages: as chunks of their UTF-8 JSON, or plainly if that is small. */
export class Chunker {
  private readonly sender = Math.random().toString(36).slice(2);
  private nextId = 0;

  constructor(private readonly sendOne: Send) {}

  send(message: object): void {
    const bytes = new TextEncoder().encode(JSON.stringify(message));
    if (bytes.length < INLINE_BYTES) {
      this.sendOne(message);
      return;
    }
    const id = ++this.nextId;
    const count = Math.ceil(bytes.length / CHUNK_BYTES);
    for (let index = 0; index < count; index++) {
      const header: ChunkHeader = { kind: CHUNK_KIND, sender: this.sender, id, index, count, size: bytes.length };
      // A copy: the widget protocol sends a view's whole underlying buffer, not the view.
      const chunk = bytes.slice(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES);
      if (!this.sendOne(header, [chunk.buffer])) return;
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
