import type { ProviderError } from "../provider-error.js";
import { createFetcher, FETCH_KEYS, type CallLimits, type RetryingFetchOptions } from "../retrying-fetch.js";
import { checkKeys } from "../option-keys.js";
import { transportError } from "../transport-errors.js";
import type { ProviderEventStream } from "./event-stream.js";
import type { StreamFormat } from "./format.js";
import { validIdleTimeout } from "../validate.js";
import { STREAMING_KIT } from "./kit.js";

export interface StreamingFetchOptions extends RetryingFetchOptions {
  /** Default for every stream: the longest silence before the first event and between events. Default: timeoutMs, else 60000 ms. */
  idleTimeoutMs?: number | undefined;
}

/** What one streaming call needs besides the request. */
export interface StreamRequest {
  format: StreamFormat;
  /** Overrides the default idle timeout for this call. */
  idleTimeoutMs?: number | undefined;
  /** Keys this call carries of its own, redacted in addition to the options' secrets. */
  secrets?: readonly string[] | undefined;
  /** This call's own retry options, timeout and deadline, in place of the client's. */
  limits?: CallLimits | undefined;
  /** This call's own fetch, in place of the client's. */
  fetch?: unknown;
}

/** An open stream, or the failure that happened before its first event (retries included). */
export type StreamOutcome<T, E extends ProviderError = ProviderError> =
  | { stream: ProviderEventStream<T, E>; error?: never; response: Response }
  | { stream?: never; error: E; response: Response | undefined };

export type StreamingFetch = <T, E extends ProviderError = ProviderError>(
  input: RequestInfo | URL,
  init: RequestInit | undefined,
  request: StreamRequest,
) => Promise<StreamOutcome<T, E>>;

/**
 * A fetch for server-sent events. It retries, like the retrying fetch, every failure that happens
 * before the first event has arrived (an HTTP error, a network failure, an error frame): nothing has
 * reached the caller yet, so a retry is invisible. A stream that breaks off or falls silent after its
 * 2xx is sent again only when the request is idempotent (see RetryOptions.idempotent): the provider
 * has acted on it. Once an event is there it hands the stream over and never restarts it.
 */
export function createStreamingFetch(options: StreamingFetchOptions): StreamingFetch {
  // Checked here, up front: the implementation (open-stream.ts) is loaded by the first call.
  checkKeys(options, "createStreamingFetch", [...FETCH_KEYS, "idleTimeoutMs"], true);
  validIdleTimeout(options.idleTimeoutMs ?? options.timeoutMs);
  createFetcher(options);
  let open: StreamingFetch | undefined;
  return async (input, init, request) => {
    if (!open) {
      let lazy: typeof import("./lazy.js");
      try {
        lazy = await import("./lazy.js");
      } catch (cause) {
        return { error: transportError(options.catalog.provider, "network", cause, options.secrets) as never, response: undefined };
      }
      open ??= lazy.createStreamOpener(options, STREAMING_KIT);
    }
    return open(input, init, request);
  };
}
