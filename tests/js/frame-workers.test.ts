import { describe, expect, it } from "vitest";
import type { Asset, Transport } from "../../js/loader/transport";
import { classicScripts } from "../../js/strict/frame-workers";

const APP = "https://kernel.microfrontends.invalid/0123456789abcdef/";

function transport(files: Record<string, string>): Transport & { fetched: string[] } {
  const fetched: string[] = [];
  return {
    fetched,
    fetch(url: string): Promise<Asset> {
      fetched.push(url);
      const text = files[url];
      if (text === undefined) return Promise.reject(new Error(`404 ${url}`));
      return Promise.resolve({ url, contentType: "text/javascript", bytes: new TextEncoder().encode(text) });
    },
  };
}

describe("a strict worker's classic scripts", () => {
  it("are the script and, ahead, those it names to importScripts as literals, and theirs", async () => {
    const worker = `${APP}workers/main.js`;
    const files = transport({
      [worker]: "importScripts('a.js', \"../lib/b.js\"); importScripts(name + '.js', `${name}.js`);",
      [`${APP}workers/a.js`]: "importScripts('c.js');",
      [`${APP}lib/b.js`]: "var b = 1;",
      // Relative to the worker's URL, as the browser resolves it: not to a.js's folder.
      [`${APP}workers/c.js`]: "importScripts(`a.js`);",
    });
    const scripts = await classicScripts(worker, worker, files);
    expect(Object.keys(scripts).sort()).toEqual(
      [worker, `${APP}lib/b.js`, `${APP}workers/a.js`, `${APP}workers/c.js`].sort(),
    );
    expect(scripts[`${APP}lib/b.js`]).toEqual({ text: "var b = 1;" });
    // Each fetched once, though a.js is named twice.
    expect(files.fetched.filter((url) => url.endsWith("/a.js"))).toHaveLength(1);
  });

  it("keep the error of a named script that cannot be fetched, for importScripts to throw", async () => {
    const worker = `${APP}main.js`;
    const scripts = await classicScripts(worker, worker, transport({ [worker]: "importScripts('gone.js')" }));
    expect(scripts[`${APP}gone.js`]).toEqual({ error: `404 ${APP}gone.js` });
  });

  it("fail when the worker's own script cannot be fetched", async () => {
    await expect(classicScripts(`${APP}main.js`, `${APP}main.js`, transport({}))).rejects.toThrow("404");
  });

  it("leave other origins' scripts to the browser", async () => {
    const worker = `${APP}main.js`;
    const files = transport({ [worker]: "importScripts('https://cdn.test/lib.js')" });
    expect(Object.keys(await classicScripts(worker, worker, files))).toEqual([worker]);
  });
});
