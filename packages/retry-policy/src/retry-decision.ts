import { backoffDelayMs } from "./backoff.js";
import type { ProviderError } from "./provider-error.js";
import type { RetryPolicy } from "./retry-options.js";

/** Why decideRetry said no; a retrying client records it as `ProviderError.notRetried` (all but `not_retryable`). */
export type NoRetryReason =
  | "not_retryable"
  | "resubmit_required"
  | "attempts_exhausted"
  | "body_not_replayable"
  | "not_idempotent"
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
  /**
   * A 2xx status line arrived, then the body (or the stream, before its first event) was cut off or
   * stalled: the provider has acted on the request. It is then sent again only when it is idempotent.
   */
  answerLost?: boolean | undefined;
  /** Whether sending the request again is harmless. Default: the policy's `idempotent`, else true. */
  idempotent?: boolean | undefined;
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
  const { error, policy, retriesSoFar, deadlineAt } = input;
  const { retryAfterMs } = error;
  const no = (reason: NoRetryReason): RetryDecision => ({ retry: false, reason });
  if (!error.retryable) return no("not_retryable");
  // Replaying it would get the same answer (a job that already failed); the caller resubmits.
  if (error.resubmit) return no("resubmit_required");
  if (retriesSoFar >= policy.maxRetries) return no("attempts_exhausted");
  if (!input.replayable) return no("body_not_replayable");
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) return no("retry_after_too_long");
  const delayMs = retryAfterMs ?? backoffDelayMs(retriesSoFar + 1, policy, input.random);
  if (deadlineAt !== undefined && input.nowMs + delayMs >= deadlineAt) return no("deadline");
  // After the limits above: when the deadline cut the answer, the deadline is the reason.
  if (input.answerLost && (input.idempotent ?? policy.idempotent) === false) return no("not_idempotent");
  if (policy.budget && !policy.budget.canRetry()) return no("budget_exhausted");
  return { retry: true, delayMs };
}
