/**
 * Checks that a value an app hands over is plain JSON, and copies it into the page's realm,
 * so no app keeps a reference into shared state. Throws a TypeError naming the bad part.
 */
export function jsonCopy(value: unknown, where: string): unknown {
  return JSON.parse(jsonText(value, where));
}

/**
 * A deep copy of a JSON value (already checked) for an app to keep: its own objects and
 * arrays, but the same strings, which are immutable; structuredClone would copy a 16 MiB
 * string for every listener.
 */
export function copyJson<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = copyJson(item);
  return copy as T;
}

/** Checks that a value is plain JSON, as `jsonCopy` does, and returns its JSON text. */
export function jsonText(value: unknown, where: string): string {
  check(value, where);
  return JSON.stringify(value);
}

function check(value: unknown, where: string): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`${where} is ${value}, which is not JSON`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      check(item, `${where}[${index}]`);
    });
    return;
  }
  if (typeof value === "object" && isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) check(item, `${where}.${key}`);
    return;
  }
  throw new TypeError(`${where} is ${describe(value)}, which is not JSON`);
}

/** Plain objects from any realm: the app's `{}` has its own realm's Object.prototype. */
function isPlainObject(value: object): boolean {
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  if (typeof value === "bigint") return "a bigint";
  if (typeof value === "symbol") return "a symbol";
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  return `a ${tag}`;
}
