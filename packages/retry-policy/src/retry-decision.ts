import { backoffDelayMs } from "./backoff.js";
import type { ProviderError } from "./provider-error.js";
import type { RetryPolicy } from "./retry-options.js";

export type NoRetryReason =
  | "not_retryable"
  | "attempts_exhausted"
  | "body_not_replayable"
  | "retry_after_too_long"
  | "deadline"
  | "budget_exhausted";

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: NoRetryReason };

export interface RetryDecisionInput {
  error: ProviderError;
  /** Retries already sent for this call. */
  retriesSoFar: number;
  policy: RetryPolicy;
  replayable: boolean;
  nowMs: number;
  /** Absolute time the whole call must end by, if any. */
  deadlineAt: number | undefined;
  random: () => number;
}

/**
 * Whether and when to retry. Server hints come first and are never shortened; a hint longer than
 * maxRetryAfterMs is handed back to the caller instead of slept; no wait may end past the deadline;
 * the budget is asked last so that a refused retry does not spend anything.
 */
export function decideRetry(input: RetryDecisionInput): RetryDecision {
  const { error, policy } = input;
  if (!error.retryable) return { retry: false, reason: "not_retryable" };
  if (input.retriesSoFar >= policy.maxRetries) return { retry: false, reason: "attempts_exhausted" };
  if (!input.replayable) return { retry: false, reason: "body_not_replayable" };
  let delayMs: number;
  if (error.retryAfterMs !== undefined) {
    if (error.retryAfterMs > policy.maxRetryAfterMs) return { retry: false, reason: "retry_after_too_long" };
    delayMs = error.retryAfterMs;
  } else {
    delayMs = backoffDelayMs(input.retriesSoFar + 1, policy, input.random);
  }
  if (input.deadlineAt !== undefined && input.nowMs + delayMs >= input.deadlineAt) return { retry: false, reason: "deadline" };
  if (policy.budget && !policy.budget.canRetry()) return { retry: false, reason: "budget_exhausted" };
  return { retry: true, delayMs };
}
