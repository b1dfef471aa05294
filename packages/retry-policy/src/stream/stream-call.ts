/**
 * The body of a streaming client's `stream()`, loaded on its first call (see streaming-client.ts), so
 * that an app which never streams does not ship the SSE reader.
 */
import { authHeaders, bodyAuthSerializer, type AuthPlacement } from "../openapi-fetch/auth.js";
import type { ProviderClientOptions, ProviderClientSetup } from "../openapi-fetch/create-provider-client.js";
import { resolveBaseUrl } from "../openapi-fetch/server-url.js";
import type { ProviderError } from "../provider-error.js";
import { resolveRetryPolicy } from "../retry-options.js";
import type { FetchLike } from "../retrying-fetch.js";
import type { StreamFormats } from "./format.js";
import { createStreamOpener } from "./open-stream.js";
import type { StreamOutcome } from "./streaming-fetch.js";
import type { StreamCallOptions } from "./streaming-client.js";

export type StreamCall = (url: string, init?: Record<string, unknown>) => Promise<StreamOutcome<unknown, ProviderError>>;

const HANDOFF = Symbol("errata.stream-handoff");

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}

/** `stream()` for one client. `options.retry` already holds the budget shared with the client's plain calls. */
export function createStreamCall(setup: ProviderClientSetup, formats: StreamFormats, options: ProviderClientOptions): StreamCall {
  const { apiKey, retry, timeoutMs, deadlineMs, fetch, idempotencyHeader, runtime } = options;
  // Every option was validated by createProviderClient, with the same checks createStreamingFetch makes.
  const open = createStreamOpener(
    { catalog: setup.catalog, secrets: apiKey ? [apiKey] : [], ...definedOnly({ timeoutMs, deadlineMs, fetch, idempotencyHeader, runtime }) },
    resolveRetryPolicy(retry),
  );
  const requests = requestBuilder(setup, options);

  return async (url, init = {}) => {
    const format = Object.hasOwn(formats, url) ? formats[url] : undefined;
    if (!format) {
      const known = Object.keys(formats).join(", ") || "(none)";
      throw new TypeError(`${setup.catalog.provider}: ${url} is not a streaming operation; streams: ${known}`);
    }
    const { idleTimeoutMs, body, ...rest } = init as StreamCallOptions & Record<string, unknown>;
    const streamBody = format.requestBody && (body === undefined || isPlainObject(body)) ? { ...body, ...format.requestBody } : body;
    let outcome: StreamOutcome<unknown, ProviderError> | undefined;
    // openapi-fetch builds the request (URL, params, headers, serialised body); the streaming fetch takes over.
    const handoff: FetchLike = async (input, requestInit) => {
      outcome = await open(input, requestInit, { format, idleTimeoutMs });
      throw HANDOFF;
    };
    try {
      await requests.request(format.method.toUpperCase(), url, { ...rest, body: streamBody, parseAs: "stream", fetch: handoff });
    } catch (thrown) {
      if (thrown !== HANDOFF) throw thrown;
    }
    return outcome!;
  };
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
