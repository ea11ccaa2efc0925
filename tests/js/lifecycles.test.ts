import { afterEach, describe, expect, it, vi } from "vitest";
import {
  callLifecycle,
  describeError,
  findLifecycles,
  isLifecycleError,
  LifecycleError,
  type Lifecycles,
} from "../../js/lifecycle/lifecycles";
import { Status } from "../../js/lifecycle/status";

afterEach(() => {
  vi.useRealTimers();
});

describe("Status", () => {
  it("has single-spa's application statuses, each named by itself", () => {
    expect(Object.keys(Status).sort()).toEqual(
      [
        "NOT_LOADED",
        "LOADING_SOURCE_CODE",
        "NOT_BOOTSTRAPPED",
        "BOOTSTRAPPING",
        "NOT_MOUNTED",
        "MOUNTING",
        "MOUNTED",
        "UNMOUNTING",
        "UNLOADING",
        "LOAD_ERROR",
        "SKIP_BECAUSE_BROKEN",
      ].sort(),
    );
    for (const [key, value] of Object.entries(Status)) expect(value).toBe(key);
  });
});

describe("findLifecycles", () => {
  const mount = () => undefined;
  const unmount = () => undefined;

  it("takes window[<app name>] first, even when later globals export lifecycles", () => {
    const byName = { mount, unmount };
    const global = { "my-app": byName, lastAdded: { mount: () => 1 } };
    const found = findLifecycles(global, "my-app", ["lastAdded"]);
    expect(found?.mount).toBe(mount);
    expect(found?.unmount).toBe(unmount);
  });

  it("otherwise takes the last added global that exports a mount function", () => {
    const first = { mount: () => "first" };
    const second = { mount: () => "second" };
    const global = { first, second, helper: { version: 1 }, fn: () => undefined };
    const found = findLifecycles(global, "app", ["first", "second", "helper", "fn"]);
    expect(found?.mount({})).toBe("second");
  });

  it("skips a global by the app's name that has no mount function", () => {
    const umd = { mount };
    const found = findLifecycles({ app: { notMount: mount }, umd }, "app", ["umd"]);
    expect(found?.mount).toBe(mount);
  });

  it("keeps only the lifecycles that are functions", () => {
    const bootstrap = () => undefined;
    const found = findLifecycles({ app: { bootstrap, mount, unmount: "no", update: 1 } }, "app", []);
    expect(found).toEqual({ bootstrap, mount, unmount: undefined, update: undefined } satisfies Lifecycles);
  });

  it("accepts a function that carries the lifecycles (a UMD export)", () => {
    const exported = Object.assign(() => undefined, { mount });
    expect(findLifecycles({ lib: exported }, "app", ["lib"])?.mount).toBe(mount);
  });

  it("takes an ES module entry's exports before the globals scripts added", () => {
    const fromModule = () => "module";
    const global = { umd: { mount: () => "umd" } };
    const found = findLifecycles(global, "app", ["umd"], [{}, { mount: fromModule, helper: 1 }]);
    expect(found?.mount).toBe(fromModule);
    expect(findLifecycles(global, "app", ["umd"], [{ other: 1 }])?.mount({})).toBe("umd");
  });

  it("takes a module's default export when it holds the lifecycles", () => {
    const found = findLifecycles({}, "app", [], [{ default: { mount, unmount } }]);
    expect(found?.unmount).toBe(unmount);
  });

  it("finds nothing for a zero-change app", () => {
    expect(findLifecycles({ a: 1, b: null, c: "x" }, "app", ["a", "b", "c", "missing"])).toBeUndefined();
    expect(findLifecycles({}, "app", [])).toBeUndefined();
  });
});

describe("callLifecycle", () => {
  it("calls the lifecycle with the props and waits for it", async () => {
    const calls: unknown[] = [];
    let done = false;
    const mount = async (props: Record<string, unknown>) => {
      calls.push(props);
      await new Promise((resolve) => setTimeout(resolve, 5));
      done = true;
    };
    await callLifecycle({ mount }, "mount", { name: "app" }, 1000);
    expect(calls).toEqual([{ name: "app" }]);
    expect(done).toBe(true);
  });

  it("resolves at once for a lifecycle the app does not have", async () => {
    await expect(callLifecycle({ mount: () => undefined }, "unmount", {}, 10)).resolves.toBeUndefined();
  });

  it("turns a throw or a rejection into a LifecycleError naming the lifecycle", async () => {
    const thrown = callLifecycle(
      {
        mount: () => {
          throw new TypeError("x is undefined");
        },
      },
      "mount",
      {},
      1000,
    );
    await expect(thrown).rejects.toThrow(LifecycleError);
    await expect(thrown).rejects.toMatchObject({ lifecycle: "mount", message: "TypeError: x is undefined" });
    const rejected = callLifecycle(
      { mount: () => undefined, bootstrap: () => Promise.reject("no") },
      "bootstrap",
      {},
      1000,
    );
    await expect(rejected).rejects.toMatchObject({ name: "LifecycleError", lifecycle: "bootstrap", message: "no" });
  });

  it("turns a lifecycle that does not settle in time into a LifecycleError", async () => {
    vi.useFakeTimers();
    const pending = callLifecycle({ mount: () => new Promise(() => undefined) }, "mount", {}, 3000);
    const check = expect(pending).rejects.toMatchObject({
      lifecycle: "mount",
      message: "did not settle within 3000 ms",
    });
    await vi.advanceTimersByTimeAsync(3000);
    await check;
  });
});

describe("isLifecycleError and describeError", () => {
  it("recognises LifecycleErrors, also by shape (from another realm)", () => {
    expect(isLifecycleError(new LifecycleError("mount", "m"))).toBe(true);
    const foreign = Object.assign(new Error("m"), { name: "LifecycleError", lifecycle: "mount" });
    expect(isLifecycleError(foreign)).toBe(true);
    expect(isLifecycleError(new Error("m"))).toBe(false);
    expect(isLifecycleError({ name: "LifecycleError", lifecycle: "mount" })).toBe(false);
  });

  it("describes errors by name and message, leaving out a plain Error's name", () => {
    expect(describeError(new Error("boom"))).toBe("boom");
    expect(describeError(new RangeError("far"))).toBe("RangeError: far");
    expect(describeError({ name: "DOMException", message: "from a frame" })).toBe("DOMException: from a frame");
    expect(describeError("text")).toBe("text");
    expect(describeError(undefined)).toBe("undefined");
  });
});
