import { describe, expect, it } from "vitest";
import { refetchingOnce, type Asset, type FetchOptions, type Transport } from "../../js/loader/transport";

/** A transport that records whether each fetch asked to skip the caches. */
function recording(): { transport: Transport; calls: [string, boolean][] } {
  const calls: [string, boolean][] = [];
  const transport: Transport = {
    fetch(url: string, options?: FetchOptions): Promise<Asset> {
      calls.push([url, !!options?.fresh]);
      return Promise.resolve({ url, contentType: "text/css", bytes: new Uint8Array() });
    },
  };
  return { transport, calls };
}

describe("refetchingOnce (the transport of a reload)", () => {
  it("fetches each URL fresh the first time, then from the caches", async () => {
    const { transport, calls } = recording();
    const reload = refetchingOnce(transport);
    await reload.fetch("https://a.test/late.css");
    await reload.fetch("https://a.test/late.css");
    await reload.fetch("https://a.test/other.css");
    await reload.fetch("https://a.test/other.css", { fresh: true });
    expect(calls).toEqual([
      ["https://a.test/late.css", true],
      ["https://a.test/late.css", false],
      ["https://a.test/other.css", true],
      ["https://a.test/other.css", true],
    ]);
  });

  it("keeps what the inner transport holds and where the browser can load it", () => {
    const { transport } = recording();
    expect(refetchingOnce(transport).holds).toBeUndefined();
    const holding: Transport = { ...transport, holds: (url) => url.endsWith(".js"), directUrl: (url) => `${url}?direct` };
    const reload = refetchingOnce(holding);
    expect(reload.holds?.("a.js")).toBe(true);
    expect(reload.holds?.("a.css")).toBe(false);
    expect(reload.directUrl?.("a.js")).toBe("a.js?direct");
  });
});
