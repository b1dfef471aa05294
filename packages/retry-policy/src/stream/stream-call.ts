/** The body of a streaming client's `stream()`, loaded by its first call (see streaming-client.ts). */
import type { ProviderClientSetup } from "../openapi-fetch/create-provider-client.js";
import type { FetcherOptions, FetchLike } from "../retrying-fetch.js";
import type { StreamFormats } from "./format.js";
import type { StreamingKit } from "./kit.js";
import { createStreamOpener } from "./open-stream.js";
import type { StreamCallOptions } from "./streaming-client.js";
import type { StreamingFetchOptions, StreamOutcome } from "./streaming-fetch.js";

export type StreamCall = (url: string, init?: Record<string, unknown>) => Promise<StreamOutcome<unknown>>;

const HANDOFF = Symbol("errata.stream-handoff");

/**
 * `fetchClient` is the client's own openapi-fetch client: it builds the request (URL, params,
 * headers, serialised body) and the streaming fetch takes over from there.
 */
export function createStreamCall(
  fetchClient: ReturnType<ProviderClientSetup["createFetchClient"]>,
  formats: StreamFormats,
  options: StreamingFetchOptions & Pick<FetcherOptions, "noKeyHint"> & { ownKeys?: (init: Record<string, unknown>) => string[] },
  kit: StreamingKit,
): StreamCall {
  const open = createStreamOpener(options, kit);
  return async (url, init = {}) => {
    const format = Object.hasOwn(formats, url) ? formats[url] : undefined;
    if (!format) throw new TypeError(`${options.catalog.provider}: ${url} is not a streaming operation; streams: ${Object.keys(formats).join(", ") || "(none)"}`);
    const { idleTimeoutMs, retry, timeoutMs, deadlineMs, body, ...rest } = init as StreamCallOptions & Record<string, unknown>;
    // A key the call carries itself (a header, a body field) is redacted like the client's.
    const own = options.ownKeys?.(init) ?? [];
    const secrets = [...(options.secrets ?? []), ...own];
    // The format's fields (`stream: true`) are merged into a plain object body; other bodies go as they are.
    const merge = format.requestBody && (body === undefined || (body !== null && typeof body === "object" && Object.getPrototypeOf(body) === Object.prototype));
    let outcome: StreamOutcome<unknown> | undefined;
    let sent = false;
    const fetch: FetchLike = async (input, requestInit) => {
      sent = true;
      // The idle timeout defaults to the call's timeoutMs only when neither the call nor the client set one,
      // and only a valid one: an invalid timeoutMs is reported under its own name by the fetch.
      const callIdle = typeof timeoutMs === "number" && timeoutMs > 0 ? timeoutMs : undefined;
      const idle = idleTimeoutMs !== undefined ? idleTimeoutMs : (options.idleTimeoutMs ?? callIdle);
      outcome = await open(input, requestInit, { format, idleTimeoutMs: idle, secrets: own, limits: { retry, timeoutMs, deadlineMs }, fetch: rest.fetch });
      throw HANDOFF;
    };
    try {
      await fetchClient.request(format.method, url, { ...rest, body: merge ? { ...(body as object), ...format.requestBody } : body, parseAs: "stream", fetch });
    } catch (thrown) {
      // As the plain methods: a request that cannot be built is returned, a hook's throw is not a failed call.
      if (!sent) return { error: kit.requestNotSentError(options.catalog.provider, thrown, secrets), response: undefined };
      if (thrown !== HANDOFF) throw thrown;
    }
    return outcome!;
  };
}
