import type { ProviderError } from "./provider-error.js";
import { decideRetry } from "./retry-decision.js";
import type { RetryPolicy } from "./retry-options.js";
import type { RetryRuntime } from "./runtime.js";
import { transportError } from "./transport-errors.js";

/** What one attempt produced: a success, or a classified failure. */
export type AttemptResult =
  | { error?: undefined }
  | {
      error: ProviderError;
      response: Response | undefined;
      /** A 2xx arrived, then its body or stream failed: the provider acted on the request (see decideRetry). */
      answerLost?: boolean;
    };

export interface RetryLoop {
  provider: string;
  policy: RetryPolicy;
  runtime: RetryRuntime;
  secrets: readonly string[];
  replayable: boolean;
  /** Whether a request whose 2xx answer was lost may be sent again (see RetryOptions.idempotent). */
  idempotent: boolean;
  signal: AbortSignal | undefined;
  deadlineAt: number | undefined;
}

/**
 * Runs attempts until one succeeds or decideRetry says stop. Shared by the plain and the streaming
 * fetch, so that both spend the same budget, honour the same hints and report the same retries.
 */
export async function retryAttempts<A extends AttemptResult>(
  loop: RetryLoop,
  attempt: (attemptNumber: number) => Promise<A>,
): Promise<A | { error: ProviderError; response: undefined }> {
  const { runtime, policy, provider, secrets } = loop;
  for (let retries = 0; ; retries++) {
    const result = await attempt(retries + 1);
    if (!result.error) {
      policy.budget?.recordSuccess();
      return result;
    }
    const attempts = retries + 1;
    const error = result.error.with({ attempts });
    // A failure the service can fix by retrying costs a token; an abort or a resubmit-only error does not.
    if (error.retryable && !error.resubmit && error.category !== "aborted") policy.budget?.recordFailure();
    const decision = decideRetry({ ...loop, error, answerLost: result.answerLost, retriesSoFar: retries, nowMs: runtime.now(), random: runtime.random });
    // A retryable error that comes back says which limit stopped it; a non-retryable one needs no reason.
    // The flag is the loop's business, not the caller's.
    const { answerLost: _lost, ...failed } = result;
    if (!decision.retry) return { ...failed, error: decision.reason === "not_retryable" ? error : error.with({ notRetried: decision.reason }) } as A;
    // An async hook (a logger's write) is awaited, so that its rejection rejects the call as a throw
    // does, instead of escaping as an unhandled rejection.
    // (Typed `void`, so that any function fits: `(info) => seen.push(info)` returns a number.)
    const hooked = policy.onRetry?.({ attempt: attempts, delayMs: decision.delayMs, error }) as unknown;
    if (typeof (hooked as PromiseLike<void> | undefined)?.then === "function") await hooked;
    try {
      await runtime.sleep(decision.delayMs, loop.signal);
    } catch (reason) {
      // The cause is the failure that was waiting to be retried: the caller still has its own abort
      // reason, but not what the server last said (pollUntilDone reports it when its deadline cuts in).
      return { response: undefined, error: transportError(provider, "aborted", reason, secrets).with({ attempts, cause: error }) };
    }
  }
}
