import { parseErrorWith } from "./parse-error.js";
import type { ErrorRules } from "./catalog.js";
import type { ProviderError } from "./provider-error.js";
import { retryAttempts, type AttemptResult } from "./retry-loop.js";
import { resolveRetryPolicy, type RetryOptions } from "./retry-options.js";
import { defaultRuntime, type RetryRuntime } from "./runtime.js";
import { toReplayableRequest } from "./replayable-request.js";
import { transportError, type TransportFailure } from "./transport-errors.js";
import { positiveMs } from "./validate.js";

export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export interface RetryingFetchOptions {
  /** The provider's generated catalog: how its errors are recognised and whether they are retryable. */
  catalog: ErrorRules;
  /** Retry settings, or false for a single attempt. */
  retry?: RetryOptions | false;
  /** Per attempt, until the response headers (and an error body) have arrived. Default 60000 ms. */
  timeoutMs?: number;
  /** The whole call, retries and waits included. Default: none. */
  deadlineMs?: number;
  /** Any fetch-compatible function. Default: globalThis.fetch. */
  fetch?: FetchLike;
  /** Strings that must never appear in an error (the API key). */
  secrets?: readonly string[];
  /** Sends the same generated key in this header on every attempt of a call, for providers that honour one. */
  idempotencyHeader?: string;
  runtime?: Partial<RetryRuntime>;
}

export type FetchOutcome =
  | { response: Response; error?: undefined }
  | { response: Response | undefined; error: ProviderError };

export type RetryingFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<FetchOutcome>;

/**
 * A fetch that classifies every failure with the provider's catalog and retries what the provider
 * documents as retryable. It never throws for a failed call: it returns `{ error }`.
 */
export function createRetryingFetch(options: RetryingFetchOptions): RetryingFetch {
  return createFetcher(options);
}

/**
 * What the streaming fetch adds to a call: a header to send unless the caller set it, and what an
 * attempt does with a 2xx that is not an error (open the stream and wait for its first event, whose
 * failure is then retried like any other).
 */
export interface AttemptExtras<O> {
  defaultHeaders: Readonly<Record<string, string>>;
  onSuccess: (response: Response, attempt: number, signal: AbortSignal | undefined) => Promise<O>;
}

/** createRetryingFetch's implementation; the streaming fetch passes `extras` per call (internal). */
export function createFetcher(options: RetryingFetchOptions) {
  const { catalog, deadlineMs, secrets = [], idempotencyHeader } = options;
  const timeoutMs = positiveMs("timeoutMs", options.timeoutMs, 60_000);
  positiveMs("deadlineMs", deadlineMs, 0); // checked only: undefined means no deadline
  if (options.fetch !== undefined && typeof options.fetch !== "function") throw new TypeError("fetch must be a function");
  const fetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const policy = resolveRetryPolicy(options.retry);
  const runtime: RetryRuntime = { ...defaultRuntime, ...options.runtime };
  const { provider } = catalog;

  return async <O extends AttemptResult = FetchOutcome>(input: RequestInfo | URL, init?: RequestInit, extras?: AttemptExtras<O>): Promise<O | FetchOutcome> => {
    const request = await toReplayableRequest(input, init);
    const { headers, signal, replayable } = request;
    const defaults = { ...extras?.defaultHeaders, ...(idempotencyHeader && { [idempotencyHeader]: globalThis.crypto.randomUUID() }) };
    for (const [name, value] of Object.entries(defaults)) if (!headers.has(name)) headers.set(name, value);
    const deadlineAt = deadlineMs === undefined ? undefined : runtime.now() + deadlineMs;
    const failure = (kind: TransportFailure, cause: unknown) => ({ response: undefined, error: transportError(provider, kind, cause, secrets) });

    // One attempt: the response headers, and an error body (or an in-band 2xx), within the attempt's timeout.
    const sendOnce = async (): Promise<FetchOutcome> => {
      if (signal?.aborted) return failure("aborted", signal.reason);
      const timeout = new AbortController();
      const budgetMs = deadlineAt === undefined ? timeoutMs : Math.min(timeoutMs, Math.max(0, deadlineAt - runtime.now()));
      const timer = setTimeout(() => timeout.abort(new DOMException("attempt timed out", "TimeoutError")), budgetMs);
      try {
        const response = await fetch(request.url, {
          ...request.init,
          method: request.method,
          headers,
          body: request.body,
          signal: signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal,
          ...(replayable ? {} : { duplex: "half" }),
        } as RequestInit);
        const { status } = response;
        if (status >= 200 && status < 300 && !catalog.errorFormat.inBand) return { response };
        const text = await response.text();
        const error = parseErrorWith(catalog, { status, headers: response.headers, body: text }, { now: runtime.now, secrets });
        // The body was read to classify it: hand the caller an unread copy.
        const replay = new Response(status === 204 || status === 304 ? null : text, { status, statusText: response.statusText, headers: response.headers });
        return error ? { response: replay, error } : { response: replay };
      } catch (cause) {
        return failure(signal?.aborted ? "aborted" : timeout.signal.aborted ? "timeout" : "network", cause);
      } finally {
        clearTimeout(timer);
      }
    };
    return retryAttempts<O | FetchOutcome>({ provider, policy, runtime, secrets, replayable, signal, deadlineAt }, async (attempt) => {
      const outcome = await sendOnce();
      return extras && !outcome.error ? extras.onSuccess(outcome.response, attempt, signal) : outcome;
    });
  };
}
