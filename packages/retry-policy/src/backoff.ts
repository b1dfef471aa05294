export type Jitter = "full" | "none";

export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  jitter: Jitter;
}

/** The exponential ceiling for retry number `retry` (1 for the first retry), capped at maxDelayMs. */
export function backoffCeilingMs(retry: number, options: Pick<BackoffOptions, "initialDelayMs" | "maxDelayMs">): number {
  const exponent = Math.max(0, retry - 1);
  return Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** exponent);
}

/**
 * Full jitter (uniform in [0, ceiling]) spreads a fleet's retries so that they do not arrive together;
 * `none` gives the ceiling itself, for tests and for callers who want determinism.
 */
export function backoffDelayMs(retry: number, options: BackoffOptions, random: () => number): number {
  const ceiling = backoffCeilingMs(retry, options);
  return options.jitter === "none" ? ceiling : Math.floor(random() * (ceiling + 1));
}
