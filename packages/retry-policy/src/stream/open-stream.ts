/** The streaming fetch itself (see streaming-fetch.ts), loaded on first use. */
import type { ErrorRules } from "../catalog.js";
import type { ProviderError } from "../provider-error.js";
import { retryAttempts } from "../retry-loop.js";
import type { RetryPolicy } from "../retry-options.js";
import { createRetryingFetch, type FetchLike } from "../retrying-fetch.js";
import { defaultRuntime, type RetryRuntime } from "../runtime.js";
import { toReplayableRequest, type ReplayableRequest } from "../replayable-request.js";
import { ProviderEventStream, validIdleTimeout } from "./event-stream.js";
import type { StreamFormat } from "./format.js";
import { createEngine } from "./stream-engine.js";
import type { StreamingFetch, StreamingFetchOptions, StreamOutcome } from "./streaming-fetch.js";

interface Context {
  catalog: ErrorRules;
  options: StreamingFetchOptions;
  policy: RetryPolicy;
  runtime: RetryRuntime;
  secrets: readonly string[];
  idleTimeoutMs: number;
}

/** `options` have been validated and `policy` resolved by the caller (createStreamingFetch, the streaming client). */
export function createStreamOpener(options: StreamingFetchOptions, policy: RetryPolicy): StreamingFetch {
  const ctx: Context = {
    // A 2xx body is the stream itself: it is never read ahead for in-band errors.
    catalog: { ...options.catalog, errorFormat: { ...options.catalog.errorFormat, inBand: undefined } },
    options,
    policy,
    runtime: { ...defaultRuntime, ...options.runtime },
    secrets: options.secrets ?? [],
    idleTimeoutMs: validIdleTimeout(options.idleTimeoutMs ?? options.timeoutMs),
  };
  return async <T, E extends ProviderError>(input: RequestInfo | URL, init: RequestInit | undefined, stream: { format: StreamFormat; idleTimeoutMs?: number | undefined }) => {
    const idleTimeoutMs = stream.idleTimeoutMs === undefined ? ctx.idleTimeoutMs : validIdleTimeout(stream.idleTimeoutMs);
    const request = await toReplayableRequest(input, init);
    if (!request.headers.has("accept")) request.headers.set("accept", "text/event-stream");
    const idempotency = options.idempotencyHeader;
    if (idempotency && !request.headers.has(idempotency)) request.headers.set(idempotency, globalThis.crypto.randomUUID());
    return openWithRetries<T, E>(ctx, request, stream.format, idleTimeoutMs);
  };
}

function openWithRetries<T, E extends ProviderError>(
  ctx: Context,
  request: ReplayableRequest,
  format: StreamFormat,
  idleTimeoutMs: number,
): Promise<StreamOutcome<T, E>> {
  const deadlineAt = ctx.options.deadlineMs === undefined ? undefined : ctx.runtime.now() + ctx.options.deadlineMs;
  const loop = { provider: ctx.catalog.provider, policy: ctx.policy, runtime: ctx.runtime, secrets: ctx.secrets, replayable: request.replayable, signal: request.signal, deadlineAt };
  return retryAttempts(loop, (attempt) => openOnce<T, E>(ctx, request, format, idleTimeoutMs, deadlineAt, attempt)) as Promise<StreamOutcome<T, E>>;
}

/** One attempt: the request (classified by the retrying fetch, without its retries), then the first event. */
async function openOnce<T, E extends ProviderError>(
  ctx: Context,
  request: ReplayableRequest,
  format: StreamFormat,
  idleTimeoutMs: number,
  deadlineAt: number | undefined,
  attempt: number,
): Promise<StreamOutcome<T, E>> {
  const { options, runtime } = ctx;
  const remaining = deadlineAt === undefined ? undefined : Math.max(1, deadlineAt - runtime.now());
  const send = createRetryingFetch({
    catalog: ctx.catalog,
    retry: false,
    secrets: ctx.secrets,
    runtime,
    ...definedOnly({ timeoutMs: options.timeoutMs, deadlineMs: remaining, fetch: options.fetch as FetchLike | undefined }),
  });
  const outcome = await send(request.url, {
    ...request.init,
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal ?? null,
  });
  if (outcome.error) return { response: outcome.response, error: outcome.error as E };
  const stream = new ProviderEventStream<T, E>(
    outcome.response,
    { catalog: ctx.catalog, format, secrets: ctx.secrets, signal: request.signal, idleTimeoutMs, now: runtime.now, attempts: attempt },
    createEngine,
  );
  const error = await stream.ready();
  return error ? { response: outcome.response, error } : { response: outcome.response, stream };
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
