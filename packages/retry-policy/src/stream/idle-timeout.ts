export function validIdleTimeout(value: number | undefined): number {
  if (value === undefined) return 60_000;
  if (typeof value !== "number" || !(value > 0)) {
    throw new RangeError(`idleTimeoutMs must be a positive number of milliseconds, got ${String(value)}`);
  }
  return value;
}
