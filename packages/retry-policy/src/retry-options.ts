import type { Jitter } from "./backoff.js";
import type { ProviderError } from "./provider-error.js";
import { RetryBudget, type RetryBudgetOptions } from "./retry-budget.js";
import { check, isPlainObject } from "./validate.js";
import { checkKeys } from "./option-keys.js";

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
  maxRetries?: number | undefined;
  /** Ceiling of the first backoff. Default 500 ms. */
  initialDelayMs?: number | undefined;
  /** Ceiling of any backoff. Default 8000 ms. */
  maxDelayMs?: number | undefined;
  /** A server-stated wait longer than this is not slept: the error is returned with retryAfterMs. Default 60000 ms. */
  maxRetryAfterMs?: number | undefined;
  /** Default "full". */
  jitter?: Jitter | undefined;
  /** Retry budget shared by every call of a client; pass one RetryBudget to share it across clients, or false. */
  budget?: RetryBudget | RetryBudgetOptions | false | undefined;
  /**
   * Called before every retry wait: for logs and metrics. An async hook is awaited before the wait;
   * a hook that throws or rejects rejects the call.
   */
  onRetry?: ((info: RetryInfo) => void) | undefined;
  /**
   * Whether sending the request twice is harmless. Default: yes for GET, HEAD, OPTIONS, PUT, DELETE
   * and TRACE, and for a request that carries the client's `idempotencyHeader`; no for POST and PATCH,
   * unless the spec marks the operation `x-errata-idempotent` (ModelsLab's fetch of a job). Set here,
   * on the client or on a call, it wins over all of these.
   * It decides one case: a 2xx whose body was then cut off or stalled. The provider has acted on the
   * request, so it is resent only when it is idempotent (a chat completion or an image job would run twice).
   */
  idempotent?: boolean | undefined;
}

export interface RetryPolicy {
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  jitter: Jitter;
  budget: RetryBudget | undefined;
  onRetry: ((info: RetryInfo) => void) | undefined;
  /** Undefined: decided by the request's method and idempotency header. */
  idempotent?: boolean | undefined;
}

/** Every key of RetryOptions: a retry options object holds nothing else (a misspelt key throws). */
// `satisfies` refuses a key RetryOptions lacks; test/option-keys.test-d.ts, one it misses.
export const RETRY_KEYS = ["maxRetries", "initialDelayMs", "maxDelayMs", "maxRetryAfterMs", "jitter", "budget", "onRetry", "idempotent"] as const satisfies readonly (keyof RetryOptions)[];

/** The defaults, in one place. */
export const RETRY_DEFAULTS = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
  jitter: "full",
} as const satisfies Partial<RetryPolicy>;

/** Options → policy. Invalid options are programmer errors and throw (the only thing that does). */
export function resolveRetryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { ...RETRY_DEFAULTS, maxRetries: 0, budget: undefined, onRetry: undefined, idempotent: undefined };
  check(options === undefined || isPlainObject(options), "retry", "false or an object of retry options", options);
  if (options) checkKeys(options, "retry", RETRY_KEYS, true);
  const { budget, onRetry, idempotent, ...given } = options ?? {};
  const policy: RetryPolicy = { ...RETRY_DEFAULTS, budget: undefined, onRetry, idempotent };
  for (const name of ["maxRetries", "initialDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    const value = (policy[name] = given[name] === undefined ? RETRY_DEFAULTS[name] : given[name]);
    const integer = name === "maxRetries";
    check(typeof value === "number" && value >= 0 && value < Infinity && (!integer || Number.isInteger(value)), `retry.${name}`, `a finite ${integer ? "integer" : "number"} >= 0`, value);
  }
  check(policy.maxDelayMs >= policy.initialDelayMs, "retry.maxDelayMs", ">= retry.initialDelayMs", policy.maxDelayMs);
  const jitter = (policy.jitter = given.jitter === undefined ? RETRY_DEFAULTS.jitter : given.jitter);
  check(jitter === "full" || jitter === "none", "retry.jitter", '"full" or "none"', jitter);
  if (onRetry !== undefined && typeof onRetry !== "function") throw new TypeError("retry.onRetry must be a function");
  check(idempotent === undefined || typeof idempotent === "boolean", "retry.idempotent", "a boolean", idempotent);
  check(budget === undefined || budget === false || budget instanceof RetryBudget || isPlainObject(budget), "retry.budget", "a RetryBudget, its options or false", budget);
  if (budget !== false) policy.budget = budget instanceof RetryBudget ? budget : new RetryBudget(budget);
  return policy;
}
