/** Invalid options are programmer errors: they throw, at once (nothing else does). */
export function check(ok: boolean, name: string, expected: string, value: unknown): void {
  if (!ok) throw new RangeError(`${name} must be ${expected}, got ${shown(value)}`);
}

/**
 * A wrong value as an error message shows it: strings quoted, so that "30000" read from an
 * environment variable does not pass for the number 30000, and objects by their kind.
 */
export function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (value === null || typeof value !== "object") return String(value);
  if (Array.isArray(value)) return "an array";
  const kind = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return kind && kind !== "Object" ? `a ${kind}` : "an object";
}

/** An object literal's kind of value (not null, an array, a class instance). */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/** What a value is, never what a string says: for options that may hold a key by mistake (`createClient(key)`). */
export const kindOf = (value: unknown): string => (typeof value === "string" ? "a string" : shown(value));

/** A number of milliseconds > 0 (Infinity allowed: no limit), or `fallback` when absent. */
export function positiveMs<F extends number | undefined>(name: string, value: number | undefined, fallback: F): number | F {
  if (value === undefined) return fallback;
  check(typeof value === "number" && value > 0, name, "a positive number of milliseconds", value);
  return value;
}

/** A stream's longest silence: before the first event and between events. Default 60000 ms. */
export const validIdleTimeout = (value: number | undefined): number => positiveMs("idleTimeoutMs", value, 60_000);
