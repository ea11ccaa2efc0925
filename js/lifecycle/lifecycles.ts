export type LifecycleName = "bootstrap" | "mount" | "unmount" | "update";
export type LifecycleFn = (props: Record<string, unknown>) => unknown;

/** The lifecycle functions an app exported; an app with none is a zero-change app. */
export interface Lifecycles {
  bootstrap?: LifecycleFn;
  mount: LifecycleFn;
  unmount?: LifecycleFn;
  update?: LifecycleFn;
}

/** Thrown when a lifecycle rejects, throws or does not settle in time. */
export class LifecycleError extends Error {
  constructor(
    readonly lifecycle: LifecycleName,
    message: string,
  ) {
    super(message);
    this.name = "LifecycleError";
  }
}

/** Whether `error` is a LifecycleError, also one from an on-demand part (see isScriptError). */
export function isLifecycleError(error: unknown): error is LifecycleError {
  return error instanceof Error && error.name === "LifecycleError" && "lifecycle" in error;
}

function asLifecycles(value: unknown): Lifecycles | undefined {
  if (!value || (typeof value !== "object" && typeof value !== "function")) return undefined;
  const exported = value as Record<string, unknown>;
  if (typeof exported.mount !== "function") return undefined;
  const pick = (key: string) => (typeof exported[key] === "function" ? (exported[key] as LifecycleFn) : undefined);
  return {
    bootstrap: pick("bootstrap"),
    mount: exported.mount as LifecycleFn,
    unmount: pick("unmount"),
    update: pick("update"),
  };
}

/**
 * Finds an app's lifecycles the way qiankun does, the one rule of every sandbox (the strict
 * frame's bootstrap bundles it too): `window[<app name>]` first, then what the entry's ES
 * module scripts export (the last one that exports `mount`), then the last global property the
 * app's scripts added (how UMD bundles export).
 */
export function findLifecycles(
  global: Record<string, unknown>,
  name: string,
  addedGlobals: string[],
  moduleExports: Record<string, unknown>[] = [],
): Lifecycles | undefined {
  const candidates = [
    global[name],
    ...[...moduleExports].reverse().flatMap((exports) => [exports, exports.default]),
    ...[...addedGlobals].reverse().map((key) => global[key]),
  ];
  for (const candidate of candidates) {
    const found = asLifecycles(candidate);
    if (found) return found;
  }
  return undefined;
}

/** Calls one lifecycle; a rejection, a throw or a timeout becomes a LifecycleError. */
export async function callLifecycle(
  lifecycles: Lifecycles,
  which: LifecycleName,
  props: Record<string, unknown>,
  timeoutMs: number,
): Promise<void> {
  const fn = lifecycles[which];
  if (!fn) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LifecycleError(which, `did not settle within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(() => fn(props)), timeout]);
  } catch (error) {
    if (error instanceof LifecycleError) throw error;
    throw new LifecycleError(which, describeError(error));
  } finally {
    clearTimeout(timer);
  }
}

/** A readable message for anything thrown, including errors from another realm. */
export function describeError(error: unknown): string {
  if (error && typeof error === "object" && "message" in error) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return name && name !== "Error" ? `${String(name)}: ${String(message)}` : String(message);
  }
  return String(error);
}
