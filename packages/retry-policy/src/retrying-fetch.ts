import { parseErrorWith, type ParseErrorOptions } from "./parse-error.js";
import type { ErrorRules } from "./catalog.js";
import { ProviderError } from "./provider-error.js";
import { retryAttempts } from "./retry-loop.js";
import { resolveRetryPolicy, type RetryOptions, type RetryPolicy } from "./retry-options.js";
import { defaultRuntime, type RetryRuntime } from "./runtime.js";
import { toReplayableRequest, type ReplayableRequest } from "./replayable-request.js";
import { transportError } from "./transport-errors.js";

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

interface Context {
  catalog: ErrorRules;
  policy: RetryPolicy;
  timeoutMs: number;
  deadlineMs: number | undefined;
  fetch: FetchLike;
  secrets: readonly string[];
  idempotencyHeader: string | undefined;
  runtime: RetryRuntime;
}

function validTimeout(name: string, value: number | undefined): void {
  if (value !== undefined && (typeof value !== "number" || !(value > 0))) {
    throw new RangeError(`${name} must be a positive number of milliseconds, got ${String(value)}`);
  }
}

/**
 * A fetch that classifies every failure with the provider's catalog and retries what the provider
 * documents as retryable. It never throws for a failed call: it returns `{ error }`.
 */
export function createRetryingFetch(options: RetryingFetchOptions): RetryingFetch {
  validTimeout("timeoutMs", options.timeoutMs);
  validTimeout("deadlineMs", options.deadlineMs);
  if (options.fetch !== undefined && typeof options.fetch !== "function") throw new TypeError("fetch must be a function");
  const ctx: Context = {
    catalog: options.catalog,
    policy: resolveRetryPolicy(options.retry),
    timeoutMs: options.timeoutMs ?? 60_000,
    deadlineMs: options.deadlineMs,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    secrets: options.secrets ?? [],
    idempotencyHeader: options.idempotencyHeader,
    runtime: { ...defaultRuntime, ...options.runtime },
  };
  return async (input, init) => {
    const request = await toReplayableRequest(input, init);
    if (ctx.idempotencyHeader && !request.headers.has(ctx.idempotencyHeader)) {
      request.headers.set(ctx.idempotencyHeader, globalThis.crypto.randomUUID());
    }
    return runWithRetries(ctx, request);
  };
}

type Attempt = { response: Response; error?: undefined } | { response: Response | undefined; error: ProviderError };

function runWithRetries(ctx: Context, request: ReplayableRequest): Promise<FetchOutcome> {
  const deadlineAt = ctx.deadlineMs === undefined ? undefined : ctx.runtime.now() + ctx.deadlineMs;
  const loop = { provider: ctx.catalog.provider, policy: ctx.policy, runtime: ctx.runtime, secrets: ctx.secrets, replayable: request.replayable, signal: request.signal, deadlineAt };
  return retryAttempts(loop, () => sendOnce(ctx, request, deadlineAt));
}

async function sendOnce(ctx: Context, request: ReplayableRequest, deadlineAt: number | undefined): Promise<Attempt> {
  const provider = ctx.catalog.provider;
  const parseOptions: ParseErrorOptions = { now: ctx.runtime.now, secrets: ctx.secrets };
  if (request.signal?.aborted) return { response: undefined, error: transportError(provider, "aborted", request.signal.reason, ctx.secrets) };

  const budgetMs = deadlineAt === undefined ? ctx.timeoutMs : Math.min(ctx.timeoutMs, Math.max(0, deadlineAt - ctx.runtime.now()));
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new DOMException("attempt timed out", "TimeoutError")), budgetMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
  const failure = (cause: unknown): Attempt => {
    const kind = request.signal?.aborted ? "aborted" : timeout.signal.aborted ? "timeout" : "network";
    return { response: undefined, error: transportError(provider, kind, cause, ctx.secrets) };
  };
  try {
    const response = await ctx.fetch(request.url, {
      ...request.init,
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      ...(request.replayable ? {} : { duplex: "half" }),
    } as RequestInit);
    const success = response.status >= 200 && response.status < 300;
    if (success && !ctx.catalog.errorFormat.inBand) return { response };
    // Read the body inside the attempt's timeout: an error body (or an in-band 2xx) decides the retry.
    const text = await response.text();
    const error = parseErrorWith(ctx.catalog, { status: response.status, headers: response.headers, body: text }, parseOptions);
    const replay = new Response(response.status === 204 || response.status === 304 ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    return error ? { response: replay, error } : { response: replay };
  } catch (cause) {
    return failure(cause);
  } finally {
    clearTimeout(timer);
  }
}
