import type { MaybeOptionalInit } from "openapi-fetch";
import { buildProviderClient, CALL_KEYS, checkOptionsObject, type ProviderClientOptions, type ProviderClientSetup } from "../openapi-fetch/create-provider-client.js";
import { checkKeys } from "../option-keys.js";
import { withCallBaseUrl } from "../openapi-fetch/server-url.js";
import type { ExactRetry, ProviderClient, RequiredKeys } from "../openapi-fetch/types.js";
import type { ProviderError } from "../provider-error.js";
import { RetryBudget } from "../retry-budget.js";
import type { RetryOptions } from "../retry-options.js";
import { transportError } from "../transport-errors.js";
import { isPlainObject, validIdleTimeout } from "../validate.js";
import type { StreamFormats, StreamHttpMethod } from "./format.js";
import { STREAMING_KIT } from "./kit.js";
import type { StreamCall } from "./stream-call.js";
import type { CallLimits } from "../retrying-fetch.js";
import type { StreamOutcome } from "./streaming-fetch.js";

/** A provider's streaming operations by path: the method, and the type of each event (generated). */
export type StreamMap = Record<string, { method: StreamHttpMethod; event: unknown }>;

/** Per-call stream options, next to openapi-fetch's (`body`, `params`, `headers`, `signal`, ...). */
export interface StreamCallOptions extends CallLimits {
  /** Longest silence before the first event and between events. Default: the client's timeoutMs, else 60000 ms. */
  idleTimeoutMs?: number | undefined;
}

/** createClient's options for a provider with streams: every `stream()` call's default `idleTimeoutMs` too. */
export interface StreamingClientOptions extends ProviderClientOptions, Pick<StreamCallOptions, "idleTimeoutMs"> {}

type StreamInitParam<Init> = [RequiredKeys<Init>] extends [never]
  ? [(Init & StreamCallOptions & ExactRetry<Init> & { [key: string]: unknown })?]
  : [Init & StreamCallOptions & ExactRetry<Init> & { [key: string]: unknown }];

type StreamInit<Paths, Streams extends StreamMap, P extends keyof Streams & keyof Paths> = MaybeOptionalInit<
  Paths[P],
  Streams[P]["method"] & keyof Paths[P]
>;

export interface StreamingMethods<Paths extends Record<string, any>, Streams extends StreamMap, E extends ProviderError> {
  /**
   * Sends a streaming operation and resolves once its first event has arrived: `stream` yields the
   * typed events, `error` is any failure before the first event (retried like any HTTP error, but a
   * stream cut off or silent after its 200 only when the request is idempotent: RetryOptions.idempotent).
   * Failures after it are thrown by the iterator as ProviderError (see ProviderEventStream).
   */
  stream<P extends keyof Streams & keyof Paths & string, Init extends StreamInit<Paths, Streams, P>>(
    url: P,
    ...init: StreamInitParam<Init>
  ): Promise<StreamOutcome<Streams[P]["event"], E>>;
}

/** openapi-fetch's methods, and `stream` for the operations the spec documents as streams. */
export type StreamingProviderClient<Paths extends Record<string, any>, Streams extends StreamMap, E extends ProviderError> =
  ProviderClient<Paths, E> & StreamingMethods<Paths, Streams, E>;

/** A stream() call's own keys: a plain call's, and its idle timeout. */
export const STREAM_KEYS = [...CALL_KEYS, "idleTimeoutMs"];

/** One budget for the client's plain calls and its streams, so that together they cannot multiply an outage. */
function shareBudget(retry: RetryOptions | false | undefined): RetryOptions | false | undefined {
  // Anything else (false, null, a budget that is no budget) goes on as it is, for resolveRetryPolicy to take or refuse.
  if (retry !== undefined && !isPlainObject(retry)) return retry;
  const budget = retry?.budget;
  return budget === undefined || isPlainObject(budget) ? { ...retry, budget: new RetryBudget(budget) } : retry;
}

/**
 * createProviderClient plus `stream`; the generated createClient of every provider calls this.
 * The streaming machinery (lazy.ts) is loaded by the first `stream()` call, so that a bundler puts it
 * in a chunk of its own and an app that never streams does not ship it. Every option it uses has
 * been checked by createProviderClient: invalid options still throw from createClient.
 */
export function createStreamingClient<Paths extends Record<string, any>, Streams extends StreamMap, E extends ProviderError>(
  setup: ProviderClientSetup,
  formats: StreamFormats,
  options: StreamingClientOptions = {},
): StreamingProviderClient<Paths, Streams, E> {
  checkOptionsObject(setup.catalog.provider, options);
  validIdleTimeout(options.idleTimeoutMs);
  const shared = { ...options, retry: shareBudget(options.retry) };
  const { client, fetchClient, secrets, ownKeys, noKeyHint } = buildProviderClient<Paths, E>(setup, shared);
  const { catalog } = setup;
  let call: StreamCall | undefined;
  const stream = async (url: string, init?: Record<string, unknown>) => {
    if (init) checkKeys(init, "call", STREAM_KEYS);
    if (init) init = withCallBaseUrl(catalog.provider, setup.server, init, secrets);
    if (!call) {
      let lazy: typeof import("./lazy.js");
      try {
        lazy = await import("./lazy.js");
      } catch (cause) {
        // The chunk could not be loaded (an offline browser): a network failure, returned like any other.
        return { error: transportError(catalog.provider, "network", cause, secrets), response: undefined };
      }
      call ??= lazy.createStreamCall(fetchClient, formats, { ...shared, catalog, secrets, ownKeys, noKeyHint }, STREAMING_KIT);
    }
    return call(url, init);
  };
  return Object.assign(client, { stream }) as unknown as StreamingProviderClient<Paths, Streams, E>;
}
