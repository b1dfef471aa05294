export type Jitter = "full" | "none";

export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  jitter: Jitter;
}

/** The exponential ceiling for retry number `retry` (1 for the first retry), capped at maxDelayMs. */
export function backoffCeilingMs(retry: number, options: Pick<BackoffOptions, "initialDelayMs" | "maxDelayMs">): number {
  const ceiling = options.initialDelayMs * 2 ** Math.max(0, retry - 1);
  // From retry 1025 on, 2 ** 1024 is Infinity and 0 * Infinity is NaN: a zero initial delay stays zero.
  return Math.min(options.maxDelayMs, Number.isNaN(ceiling) ? 0 : ceiling);
}

/**
 * Full jitter (whole ms, uniform in [0, ceiling]) spreads a fleet's retries so that they do not arrive
 * together; `none` gives the ceiling itself, for tests and for callers who want determinism.
 */
export function backoffDelayMs(retry: number, options: BackoffOptions, random: () => number): number {
  const ceiling = backoffCeilingMs(retry, options);
  if (options.jitter === "none") return ceiling;
  // Whole ms at or below the ceiling, even for a fractional ceiling or a random() that returns 1.
  const top = Math.floor(ceiling);
  return Math.min(top, Math.floor(random() * (top + 1)));
}
