/** Invalid options are programmer errors: they throw, at once (nothing else does). */
export function check(ok: boolean, name: string, expected: string, value: unknown): void {
  if (!ok) throw new RangeError(`${name} must be ${expected}, got ${String(value)}`);
}

/** A number of milliseconds > 0 (Infinity allowed: no limit), or `fallback` when absent. */
export function positiveMs(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  check(typeof value === "number" && value > 0, name, "a positive number of milliseconds", value);
  return value;
}

/** A stream's longest silence: before the first event and between events. Default 60000 ms. */
export const validIdleTimeout = (value: number | undefined): number => positiveMs("idleTimeoutMs", value, 60_000);
