/**
 * Throws a TypeError naming the first part of `value` that is not JSON (a function, undefined,
 * NaN, a Date, a Map, a class instance...), as the host does: nothing is applied then.
 */
export function checkJson(value: unknown, where: string): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return;
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      checkJson(item, `${where}[${index}]`);
    });
    return;
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) checkJson(item, `${where}.${key}`);
    return;
  }
  throw new TypeError(`${where} is ${describe(value)}, which is not JSON`);
}

/** A deep copy of a JSON value, so that no listener can change what another one sees. */
export function copyJson<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const prototype = Object.getPrototypeOf(value);
  // Another realm's `{}` (the host's, an iframe's) has its own Object.prototype.
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

function describe(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (value === undefined || typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") {
    return value === undefined ? "undefined" : `a ${typeof value}`;
  }
  return `a ${Object.prototype.toString.call(value).slice(8, -1)}`;
}
