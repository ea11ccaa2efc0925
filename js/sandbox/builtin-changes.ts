/**
 * What an app's code changes of the page's built-ins, and how to put it back, for the modes
 * that run apps in the page's own window (none, snapshot). zone.js (Angular) replaces
 * `window.Promise`, the timers and `fetch`, and patches `EventTarget.prototype`,
 * `XMLHttpRequest.prototype`, `MutationObserver` and the `on*` properties of every element
 * prototype with functions that look up its global `Zone`. Taking away only the app's globals
 * on unload leaves those patches calling a `Zone` that is gone: the page's own next
 * `addEventListener` throws, and loading the app again never finishes. So each script's run is
 * bracketed by two readings of the built-ins (synchronous, so what changed in between is the
 * script's), and unloading puts back what the app changed, newest first, where it still holds
 * the app's value.
 */

/** Own property descriptors of each built-in object, keyed by the object. */
type Reading = Map<object, Map<PropertyKey, PropertyDescriptor>>;

interface Change {
  target: object;
  key: PropertyKey;
  /** Absent: the app added the property. */
  before?: PropertyDescriptor;
  /** Absent: the app deleted it. */
  after?: PropertyDescriptor;
}

/** The names the platform defines on a window, read once from a blank frame's. */
let platformNames: Set<PropertyKey> | undefined;

function platform(): Set<PropertyKey> {
  if (!platformNames) {
    const frame = document.createElement("iframe");
    frame.style.display = "none";
    document.documentElement.append(frame);
    platformNames = new Set(Object.getOwnPropertyNames(frame.contentWindow));
    frame.remove();
  }
  return platformNames;
}

/**
 * The page's built-in objects: its window, each constructor and namespace the platform defines
 * on it (`EventTarget`, `Promise`, `JSON`, `CSS`, ...) and each constructor's prototype. Not the
 * document: a marker an app puts there (Solid's "events delegated here") goes with the listener
 * it stands for, which only sandbox="snapshot" takes off.
 */
function builtins(): object[] {
  const found = new Set<object>([window]);
  for (const key of platform()) {
    const descriptor = Reflect.getOwnPropertyDescriptor(window, key);
    if (!descriptor || !("value" in descriptor)) continue;
    const value: unknown = descriptor.value;
    if (typeof value === "function") {
      found.add(value);
      const prototype: unknown = value.prototype;
      if (prototype !== null && typeof prototype === "object") found.add(prototype);
    } else if (value !== null && typeof value === "object") {
      found.add(value);
    }
  }
  return [...found];
}

/**
 * The own properties of `target`; of the window, only those the platform defines (`Promise`,
 * `setTimeout`, `onclick`, ...): the globals an app adds or assigns are the realm's to handle
 * (deleted on unload in `none`, the whole window put back in `snapshot`), and some are
 * bookkeeping that a library loaded earlier keeps there while another app's script runs
 * (zone.js's listener lists), which must not go with that app.
 */
function readOwn(target: object): Map<PropertyKey, PropertyDescriptor> {
  const own = new Map<PropertyKey, PropertyDescriptor>();
  const names = target === window ? platform() : undefined;
  for (const key of Reflect.ownKeys(target)) {
    if (names && !names.has(key)) continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
    if (descriptor) own.set(key, descriptor);
  }
  return own;
}

function same(a: PropertyDescriptor | undefined, b: PropertyDescriptor | undefined): boolean {
  if (!a || !b) return a === b;
  return Object.is(a.value, b.value) && a.get === b.get && a.set === b.set;
}

/** The built-in changes of the scripts it watched, undone together. */
export class BuiltinChanges {
  readonly #changes: Change[] = [];

  /** Reads the built-ins; `end()` records what changed since, for `undo()`. */
  watch(): { end(): void } {
    const before: Reading = new Map(builtins().map((target) => [target, readOwn(target)]));
    return {
      end: () => {
        for (const [target, was] of before) {
          const now = readOwn(target);
          for (const [key, after] of now) {
            if (!same(was.get(key), after)) this.#changes.push({ target, key, before: was.get(key), after });
          }
          for (const [key, gone] of was) {
            if (!now.has(key)) this.#changes.push({ target, key, before: gone });
          }
        }
      },
    };
  }

  /** Runs `run` (synchronous) and records what it changed. */
  during<T>(run: () => T): T {
    const watching = this.watch();
    try {
      return run();
    } finally {
      watching.end();
    }
  }

  /** Puts back what the watched code changed, newest first, where the app's value still holds. */
  undo(): void {
    for (const { target, key, before, after } of this.#changes.splice(0).reverse()) {
      if (!same(Reflect.getOwnPropertyDescriptor(target, key), after)) continue;
      if (before) {
        if (!Reflect.defineProperty(target, key, before) && "value" in before) Reflect.set(target, key, before.value);
      } else {
        Reflect.deleteProperty(target, key);
      }
    }
  }
}
