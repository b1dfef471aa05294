import type { MaybeOptionalInit } from "openapi-fetch";
import { authHeaders, bodyAuthSerializer, type AuthPlacement } from "../openapi-fetch/auth.js";
import { createProviderClient, type ProviderClientOptions, type ProviderClientSetup } from "../openapi-fetch/create-provider-client.js";
import { resolveBaseUrl } from "../openapi-fetch/server-url.js";
import type { ProviderClient } from "../openapi-fetch/types.js";
import type { ProviderError } from "../provider-error.js";
import { RetryBudget } from "../retry-budget.js";
import type { RetryOptions } from "../retry-options.js";
import type { FetchLike } from "../retrying-fetch.js";
import type { StreamFormats, StreamHttpMethod } from "./format.js";
import { createStreamingFetch, type StreamOutcome } from "./streaming-fetch.js";

/** A provider's streaming operations by path: the method, and the type of each event (generated). */
export type StreamMap = Record<string, { method: StreamHttpMethod; event: unknown }>;

/** Per-call stream options, next to openapi-fetch's (`body`, `params`, `headers`, `signal`, ...). */
export interface StreamCallOptions {
  /** Longest silence before the first event and between events. Default: the client's timeoutMs, else 60000 ms. */
  idleTimeoutMs?: number;
}

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
type StreamInitParam<Init> = [RequiredKeys<Init>] extends [never]
  ? [(Init & StreamCallOptions & { [key: string]: unknown })?]
  : [Init & StreamCallOptions & { [key: string]: unknown }];

type StreamInit<Paths, Streams extends StreamMap, P extends keyof Streams & keyof Paths> = MaybeOptionalInit<
  Paths[P],
  Streams[P]["method"] & keyof Paths[P]
>;

export interface StreamingMethods<Paths extends Record<string, any>, Streams extends StreamMap, E extends ProviderError> {
  /**
   * Sends a streaming operation and resolves once its first event has arrived: `stream` yields the
   * typed events, `error` is any failure before the first event (retried like any HTTP error).
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

const HANDOFF = Symbol("errata.stream-handoff");

/** One budget for the client's plain calls and its streams, so that together they cannot multiply an outage. */
function shareBudget(retry: RetryOptions | false | undefined): RetryOptions | false {
  if (retry === false) return false;
  if (retry?.budget === false || retry?.budget instanceof RetryBudget) return retry;
  return { ...retry, budget: new RetryBudget(retry?.budget) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}

/** createProviderClient plus `stream`; the generated createClient of every provider calls this. */
export function createStreamingClient<Paths extends Record<string, any>, Streams extends StreamMap, E extends ProviderError>(
  setup: ProviderClientSetup,
  formats: StreamFormats,
  options: ProviderClientOptions = {},
): StreamingProviderClient<Paths, Streams, E> {
  const retry = shareBudget(options.retry);
  const client = createProviderClient<Paths, E>(setup, { ...options, retry });
  const { apiKey, timeoutMs, deadlineMs, fetch, idempotencyHeader, runtime } = options;
  const open = createStreamingFetch({
    catalog: setup.catalog,
    retry,
    secrets: apiKey ? [apiKey] : [],
    ...definedOnly({ timeoutMs, deadlineMs, fetch, idempotencyHeader, runtime }),
  });
  const requests = requestBuilder(setup, options);

  const stream = async (url: string, init: Record<string, unknown> = {}) => {
    const format = Object.hasOwn(formats, url) ? formats[url] : undefined;
    if (!format) {
      const known = Object.keys(formats).join(", ") || "(none)";
      throw new TypeError(`${setup.catalog.provider}: ${url} is not a streaming operation; streams: ${known}`);
    }
    const { idleTimeoutMs, body, ...rest } = init as StreamCallOptions & Record<string, unknown>;
    const streamBody = format.requestBody && (body === undefined || isPlainObject(body)) ? { ...body, ...format.requestBody } : body;
    let outcome: StreamOutcome<unknown, E> | undefined;
    // openapi-fetch builds the request (URL, params, headers, serialised body); the streaming fetch takes over.
    const handoff: FetchLike = async (input, requestInit) => {
      outcome = await open<unknown, E>(input, requestInit, { format, idleTimeoutMs });
      throw HANDOFF;
    };
    try {
      await requests.request(format.method.toUpperCase(), url, { ...rest, body: streamBody, parseAs: "stream", fetch: handoff });
    } catch (thrown) {
      if (thrown !== HANDOFF) throw thrown;
    }
    return outcome!;
  };
  return Object.assign(client, { stream }) as unknown as StreamingProviderClient<Paths, Streams, E>;
}

/** The same openapi-fetch set-up as createProviderClient's (base URL, key placement), for streams. */
function requestBuilder(setup: ProviderClientSetup, options: ProviderClientOptions) {
  const names = Object.keys(setup.authSchemes);
  const chosen = options.authScheme ?? names[0];
  const auth: AuthPlacement | undefined = chosen === undefined ? undefined : setup.authSchemes[chosen];
  const bodySerializer = auth ? bodyAuthSerializer(auth, options.apiKey) : undefined;
  return setup.createFetchClient({
    baseUrl: resolveBaseUrl(setup.catalog.provider, setup.server, options as ProviderClientOptions & Record<string, unknown>),
    headers: { ...options.headers, ...(auth ? authHeaders(auth, options.apiKey) : {}) },
    ...(bodySerializer ? { bodySerializer } : {}),
  });
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
