import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Reassembler } from "../../js/bridge/chunk-codec";
import { ChunkSender, listen, measure } from "../../js/bridge/chunks";
import { CHUNK_BYTES, CHUNK_KIND, MAX_VALUE_BYTES } from "../../js/contract/protocol";
import { setPartLoader } from "../../js/loader/parts";
import { FakeModel, settle } from "./fake-model";

const MiB = 1 << 20;

interface Header {
  kind: typeof CHUNK_KIND;
  sender: string;
  id: number;
  index: number;
  count: number;
  size: number;
}

// The chunks part, as the core loads it. One big message loads it: from then on, what these
// tests send and receive is handled at once (see "while the chunks part loads" for before).
beforeAll(async () => {
  setPartLoader(() => import("../../js/bridge/chunk-codec"));
  new ChunkSender(new FakeModel()).send({ text: "a".repeat(300 * 1024) }, MiB);
  await settle(0);
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The chunks a message becomes, as the kernel would send them (one buffer each). */
function chunksOf(message: object, sender: string, id: number, chunkBytes: number): [Header, DataView[]][] {
  const bytes = new TextEncoder().encode(JSON.stringify(message));
  const count = Math.ceil(bytes.length / chunkBytes);
  const out: [Header, DataView[]][] = [];
  for (let index = 0; index < count; index++) {
    const piece = bytes.slice(index * chunkBytes, (index + 1) * chunkBytes);
    out.push([{ kind: CHUNK_KIND, sender, id, index, count, size: bytes.length }, [new DataView(piece.buffer)]]);
  }
  return out;
}

describe("measure", () => {
  it("bounds a short text at 3 bytes a char without encoding it", () => {
    expect(measure("héllo", "x")).toBe(15);
    expect(measure("", "x")).toBe(0);
  });

  it("counts the exact UTF-8 bytes of a long text that might be past the limit", () => {
    // 45 M chars: 3 bytes a char would be past 128 MiB, so it is encoded and counted.
    const text = "a".repeat(45_000_000);
    expect(text.length * 3).toBeGreaterThan(MAX_VALUE_BYTES);
    expect(measure(text, "x")).toBe(45_000_000);
  });

  it("throws a RangeError naming the place and the 128 MiB limit past it in bytes", () => {
    // 44.8 M three-byte chars: 134.4 MB, past 134,217,728 bytes.
    const text = "€".repeat(44_800_000);
    expect(() => measure(text, "setGlobalState(patch)")).toThrow(RangeError);
    expect(() => measure(text, "setGlobalState(patch)")).toThrow(
      /^setGlobalState\(patch\) is 134400000 bytes as JSON \(UTF-8\), past the limit of 128 MiB \(134217728 bytes\)/,
    );
  });

  it("throws past the limit in UTF-16 units without encoding", () => {
    const text = "a".repeat(MAX_VALUE_BYTES + 1);
    expect(() => measure(text, "the payload")).toThrow(
      new RangeError(
        `the payload is over ${MAX_VALUE_BYTES + 1} bytes as JSON (UTF-8), past the limit of 128 MiB ` +
          `(${MAX_VALUE_BYTES} bytes) for one value that travels between the page and Python; nothing was applied`,
      ),
    );
  });

  it("accepts exactly the limit", () => {
    expect(measure("a".repeat(MAX_VALUE_BYTES), "x")).toBe(MAX_VALUE_BYTES);
  });
});

describe("ChunkSender", () => {
  it("sends a small message as plain content, without buffers", () => {
    const model = new FakeModel();
    const message = { kind: "mf:state-patch", value: "small" };
    new ChunkSender(model).send(message, 100);
    expect(model.sent).toEqual([{ content: message, buffers: undefined }]);
  });

  it("sends a message plainly when its estimate was high but its real size is small", () => {
    const model = new FakeModel();
    const message = { kind: "k", value: "x".repeat(1000) };
    new ChunkSender(model).send(message, 10 * MiB);
    expect(model.sent).toEqual([{ content: message, buffers: undefined }]);
  });

  it("sends a big message as 4 MiB chunks with headers in order, that add up to its UTF-8 JSON", () => {
    const model = new FakeModel();
    const message = { kind: "mf:events", text: "é".repeat(5 * MiB) }; // 10 MiB and a bit as UTF-8
    const json = new TextEncoder().encode(JSON.stringify(message));
    new ChunkSender(model).send(message, json.length);

    expect(CHUNK_BYTES).toBe(4 * MiB);
    expect(model.sent).toHaveLength(3);
    const headers = model.sent.map((m) => m.content as Header);
    const sender = headers[0].sender;
    expect(typeof sender).toBe("string");
    expect(headers).toEqual([0, 1, 2].map((index) => ({ kind: CHUNK_KIND, sender, id: 1, index, count: 3, size: json.length })));
    const sizes = model.sent.map((m) => (m.buffers![0] as ArrayBuffer).byteLength);
    expect(sizes).toEqual([CHUNK_BYTES, CHUNK_BYTES, json.length - 2 * CHUNK_BYTES]);
    // Each buffer is a whole ArrayBuffer of its own (the widget protocol sends whole buffers).
    for (const m of model.sent) expect(m.buffers).toHaveLength(1);
    const joined = new Uint8Array(json.length);
    let offset = 0;
    for (const m of model.sent) {
      const piece = new Uint8Array(m.buffers![0] as ArrayBuffer);
      joined.set(piece, offset);
      offset += piece.length;
    }
    expect(offset).toBe(json.length);
    expect(new TextDecoder().decode(joined)).toBe(JSON.stringify(message));
  });

  it("numbers each chunked message of one sender anew, and distinct senders differently", () => {
    const model = new FakeModel();
    const big = { text: "a".repeat(5 * MiB) };
    const first = new ChunkSender(model);
    first.send(big, 6 * MiB);
    first.send(big, 6 * MiB);
    new ChunkSender(model).send(big, 6 * MiB);
    const headers = model.sent.map((m) => m.content as Header);
    expect(headers.map((h) => [h.id, h.index])).toEqual([
      [1, 0],
      [1, 1],
      [2, 0],
      [2, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(headers[0].sender).toBe(headers[2].sender);
    expect(headers[4].sender).not.toBe(headers[0].sender);
  });

  it("stops after the first failed chunk once the kernel is gone, warning once", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const model = new FakeModel();
    model.sendError = new Error("Cannot send");
    const sender = new ChunkSender(model);
    const send = vi.spyOn(model, "send");
    expect(() => sender.send({ text: "a".repeat(9 * MiB) }, 10 * MiB)).not.toThrow();
    expect(send).toHaveBeenCalledTimes(1);
    sender.send({ small: 1 }, 10);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain("Cannot send");
  });

  it("round-trips through a Reassembler", () => {
    const model = new FakeModel();
    const message = { kind: "mf:state-patch", text: "ü€😀".repeat(1 * MiB) };
    new ChunkSender(model).send(message, 20 * MiB);
    const reassembler = new Reassembler();
    const results = model.sent.map((m) => {
      const buffer = m.buffers![0] as ArrayBuffer;
      return reassembler.add(m.content as Header, [new DataView(buffer)]);
    });
    expect(results.slice(0, -1).every((r) => r === undefined)).toBe(true);
    expect(results.at(-1)).toEqual(message);
  });
});

describe("Reassembler", () => {
  const message = { kind: "mf:state", seq: 1, full: { text: "abcdefghij".repeat(10) } };

  it("puts a message together from chunks that arrive out of order", () => {
    const chunks = chunksOf(message, "k", 1, 40);
    expect(chunks.length).toBeGreaterThan(3);
    const reassembler = new Reassembler();
    const order = [...chunks.keys()].reverse();
    const results = order.map((i) => reassembler.add(...chunks[i]));
    expect(results.slice(0, -1)).toEqual(order.slice(0, -1).map(() => undefined));
    expect(results.at(-1)).toEqual(message);
  });

  it("keeps interleaved senders apart", () => {
    const other = { kind: "other", list: [1, 2, 3, "four".repeat(30)] };
    const a = chunksOf(message, "a", 1, 50);
    const b = chunksOf(other, "b", 1, 50);
    expect(Math.min(a.length, b.length)).toBeGreaterThan(1);
    const reassembler = new Reassembler();
    const done: object[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      for (const chunk of [a[i], b[i]]) {
        if (!chunk) continue;
        const whole = reassembler.add(...chunk);
        if (whole) done.push(whole);
      }
    }
    expect(done).toHaveLength(2);
    expect(done).toContainEqual(message);
    expect(done).toContainEqual(other);
  });

  it("drops a message that lost a chunk when the sender's next message starts, and logs it", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const first = chunksOf(message, "k", 1, 40);
    const second = chunksOf({ kind: "next" }, "k", 2, 40);
    const reassembler = new Reassembler();
    for (const chunk of first.slice(0, -1)) expect(reassembler.add(...chunk)).toBeUndefined();
    expect(reassembler.add(...second[0])).toEqual({ kind: "next" });
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0][0])).toContain("message 1 from the kernel lost chunks");
  });

  it("refuses a message whose chunks do not add up to the size they announce, and logs it", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const reassembler = new Reassembler();
    for (const size of [-1, 1]) {
      const chunks = chunksOf(message, "k", size + 2, 40).map(
        ([header, buffers]): [Header, DataView[]] => [{ ...header, size: header.size + size }, buffers],
      );
      expect(chunks.map((chunk) => reassembler.add(...chunk))).toEqual(chunks.map(() => undefined));
    }
    expect(error.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringContaining("message 1 from the kernel has 146 bytes, not the 145 its chunks announced; dropped"),
      expect.stringContaining("message 3 from the kernel has 146 bytes, not the 147 its chunks announced; dropped"),
    ]);
    // The next message is taken as usual.
    expect(chunksOf(message, "k", 4, 40).map((chunk) => reassembler.add(...chunk)).at(-1)).toEqual(message);
  });

  it("refuses a message whose bytes are not JSON, and logs it", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const bytes = new TextEncoder().encode("{not json");
    const header = { kind: CHUNK_KIND, sender: "k", id: 9, index: 0, count: 1, size: bytes.length } as const;
    expect(new Reassembler().add(header, [new DataView(bytes.buffer)])).toBeUndefined();
    expect(String(error.mock.calls[0][0])).toContain("message 9 from the kernel is not JSON; dropped");
  });

  it("drops a message that gets a chunk twice, and ignores malformed chunks", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const chunks = chunksOf(message, "k", 1, 40);
    const reassembler = new Reassembler();
    expect(reassembler.add(...chunks[0])).toBeUndefined();
    expect(reassembler.add(...chunks[0])).toBeUndefined();
    // The message was dropped: its remaining chunks do not make it whole.
    for (const chunk of chunks.slice(1)) expect(reassembler.add(...chunk)).toBeUndefined();
    const [header, buffers] = chunks[0];
    expect(reassembler.add({ ...header, index: header.count }, buffers)).toBeUndefined();
    expect(reassembler.add(header, [])).toBeUndefined();
    expect(error.mock.calls.map((call) => String(call[0]))).toContain("microfrontends: ignored a malformed chunk");
  });
});

describe("listen", () => {
  it("passes plain messages through, reassembles chunked ones, and stops on unlisten", () => {
    const model = new FakeModel();
    const heard: unknown[] = [];
    const unlisten = listen(model, (message) => heard.push(message));
    model.receive({ kind: "mf:command", command: "mount" });
    const big = { kind: "mf:state", seq: 3, full: { a: "x".repeat(100) } };
    for (const [header, buffers] of chunksOf(big, "kernel", 7, 30)) model.receive(header, buffers);
    expect(heard).toEqual([{ kind: "mf:command", command: "mount" }, big]);
    unlisten();
    model.receive({ kind: "late" });
    expect(heard).toHaveLength(2);
  });
});

describe("while the chunks part loads", () => {
  /** Fresh modules, whose chunks part is not loaded yet, and a part loader the test answers. */
  async function fresh() {
    vi.resetModules();
    const chunks = await import("../../js/bridge/chunks");
    const parts = await import("../../js/loader/parts");
    const requests: { resolve: (part: unknown) => void; reject: (error: unknown) => void }[] = [];
    parts.setPartLoader(
      (name) =>
        new Promise((resolve, reject) => {
          expect(name).toBe("chunks");
          requests.push({ resolve, reject });
        }),
    );
    const codec = await import("../../js/bridge/chunk-codec");
    return { ...chunks, requests, codec };
  }

  it("keeps the order of received messages: those after the first chunk wait for the part", async () => {
    const { listen, requests, codec } = await fresh();
    const model = new FakeModel();
    const heard: unknown[] = [];
    listen(model, (message) => heard.push(message));
    const big = { kind: "mf:state", seq: 2, full: { a: "x".repeat(100) } };
    const [first, ...rest] = chunksOf(big, "kernel", 1, 40);
    model.receive({ kind: "mf:state", seq: 1 });
    model.receive(...first);
    model.receive({ kind: "mf:state", seq: 3 });
    for (const chunk of rest) model.receive(...chunk);
    model.receive({ kind: "mf:state", seq: 4 });
    await settle(0);
    expect(heard).toEqual([{ kind: "mf:state", seq: 1 }]);
    expect(requests).toHaveLength(1);
    requests[0].resolve(codec);
    await settle(0);
    // As at once: the big message is whole with its last chunk, after seq 3.
    const plain = (seq: number) => ({ kind: "mf:state", seq });
    expect(heard).toEqual([plain(1), plain(3), big, plain(4)]);
    // Once it is loaded, messages are handled at once.
    model.receive({ kind: "mf:state", seq: 5 });
    expect(heard).toHaveLength(5);
  });

  it("keeps the order of sent messages, of every model: those after a big one wait for the part", async () => {
    const { ChunkSender, requests, codec } = await fresh();
    const model = new FakeModel();
    const events = new ChunkSender(model);
    const state = new ChunkSender(model);
    const big = { kind: "mf:state-patch", text: "a".repeat(5 * MiB) };
    events.send({ kind: "mf:events", n: 1 }, 100);
    state.send(big, 6 * MiB);
    events.send({ kind: "mf:events", n: 2 }, 100);
    state.send({ kind: "mf:state-patch", n: 3 }, 100);
    await settle(0);
    expect(model.sent.map((m) => m.content)).toEqual([{ kind: "mf:events", n: 1 }]);
    requests[0].resolve(codec);
    await settle(0);
    expect(model.sent.map((m) => (m.content as { kind: string }).kind)).toEqual([
      "mf:events",
      CHUNK_KIND,
      CHUNK_KIND,
      "mf:events",
      "mf:state-patch",
    ]);
    state.send(big, 6 * MiB);
    expect(model.sent).toHaveLength(7);
  });

  it("drops and logs a big message whose part cannot load, keeps the others in order, and tries again", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { ChunkSender, requests, codec } = await fresh();
    const model = new FakeModel();
    const sender = new ChunkSender(model);
    sender.send({ big: "a".repeat(5 * MiB) }, 6 * MiB);
    sender.send({ n: 1 }, 10);
    requests[0].reject(new Error("no kernel"));
    await settle(0);
    expect(model.sent.map((m) => m.content)).toEqual([{ n: 1 }]);
    expect(String(error.mock.calls[0][0])).toContain("a big message was dropped");
    sender.send({ big: "a".repeat(5 * MiB) }, 6 * MiB);
    expect(requests).toHaveLength(2);
    requests[1].resolve(codec);
    await settle(0);
    expect(model.sent).toHaveLength(3);
  });

  it("does not hand what waited for the part to a listener that went away meanwhile", async () => {
    const { listen, requests, codec } = await fresh();
    const model = new FakeModel();
    const heard: unknown[] = [];
    const unlisten = listen(model, (message) => heard.push(message));
    for (const chunk of chunksOf({ kind: "big" }, "kernel", 1, 4)) model.receive(...chunk);
    model.receive({ kind: "small" });
    unlisten();
    requests[0].resolve(codec);
    await settle(0);
    expect(heard).toEqual([]);
  });
});
