import type { Jitter } from "./backoff.js";
import type { ProviderError } from "./provider-error.js";
import { RetryBudget, type RetryBudgetOptions } from "./retry-budget.js";

export interface RetryInfo {
  /** The retry about to be sent: 1 for the first retry. */
  attempt: number;
  /** How long the client waits before sending it. */
  delayMs: number;
  /** The failure that is being retried. */
  error: ProviderError;
}

export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** Ceiling of the first backoff. Default 500 ms. */
  initialDelayMs?: number;
  /** Ceiling of any backoff. Default 8000 ms. */
  maxDelayMs?: number;
  /** A server-stated wait longer than this is not slept: the error is returned with retryAfterMs. Default 60000 ms. */
  maxRetryAfterMs?: number;
  /** Default "full". */
  jitter?: Jitter;
  /** Retry budget shared by every call of a client; pass one RetryBudget to share it across clients, or false. */
  budget?: RetryBudget | RetryBudgetOptions | false;
  /** Called before every retry wait: for logs and metrics. */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryPolicy {
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  jitter: Jitter;
  budget: RetryBudget | undefined;
  onRetry: ((info: RetryInfo) => void) | undefined;
}

/** The defaults, in one place. */
export const RETRY_DEFAULTS = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
  jitter: "full",
} as const satisfies Partial<RetryPolicy>;

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`retry.${name} must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
}

/** Options → policy. Invalid options are programmer errors and throw (the only thing that does). */
export function resolveRetryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) {
    return { ...RETRY_DEFAULTS, maxRetries: 0, budget: undefined, onRetry: undefined };
  }
  const o = options ?? {};
  const maxRetries = nonNegative("maxRetries", o.maxRetries, RETRY_DEFAULTS.maxRetries);
  if (!Number.isInteger(maxRetries)) throw new RangeError(`retry.maxRetries must be an integer, got ${maxRetries}`);
  const initialDelayMs = nonNegative("initialDelayMs", o.initialDelayMs, RETRY_DEFAULTS.initialDelayMs);
  const maxDelayMs = nonNegative("maxDelayMs", o.maxDelayMs, RETRY_DEFAULTS.maxDelayMs);
  if (maxDelayMs < initialDelayMs) throw new RangeError("retry.maxDelayMs must be >= retry.initialDelayMs");
  const jitter = o.jitter ?? RETRY_DEFAULTS.jitter;
  if (jitter !== "full" && jitter !== "none") throw new RangeError(`retry.jitter must be "full" or "none", got ${String(jitter)}`);
  if (o.onRetry !== undefined && typeof o.onRetry !== "function") throw new TypeError("retry.onRetry must be a function");
  return {
    maxRetries,
    initialDelayMs,
    maxDelayMs,
    maxRetryAfterMs: nonNegative("maxRetryAfterMs", o.maxRetryAfterMs, RETRY_DEFAULTS.maxRetryAfterMs),
    jitter,
    budget: o.budget === false ? undefined : o.budget instanceof RetryBudget ? o.budget : new RetryBudget(o.budget),
    onRetry: o.onRetry,
  };
}
