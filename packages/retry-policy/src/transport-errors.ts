import { ProviderError } from "./provider-error.js";
import { redact } from "./redact.js";

/** Failures where no full HTTP response arrived: `network` and `timeout` are retryable, `aborted` never. */
export type TransportFailure = "network" | "timeout" | "aborted";

/** What had arrived when the body failed: the status line and headers (a body that stalled or was cut). */
export interface ResponseHead {
  status: number;
  headers: Readonly<Record<string, string>>;
  requestId?: string | undefined;
}

/** fetch's TypeError message in Chromium, Firefox and Safari, which tell a page nothing more. */
const BROWSER_FETCH_FAILURE = /^(?:Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed)$/;

/**
 * A ProviderError for a failed transport: network and timeout are retryable, the caller's abort is
 * not. Status 0 when no response arrived; with `head`, the status and headers that did arrive before
 * the body failed, so that the error says what the server answered.
 */
export function transportError<P extends string>(
  provider: P,
  failure: TransportFailure,
  cause: unknown,
  secrets: readonly string[] = [],
  head?: ResponseHead,
): ProviderError<P, never, never> {
  const inner = (cause as { cause?: unknown } | undefined)?.cause;
  let why = cause instanceof Error ? cause.message + (inner instanceof Error ? `: ${inner.message}` : "") : String(cause);
  // A browser says the same few words for a refused connection and for a response CORS withholds
  // (not once a status line has arrived: then CORS let the response through).
  if (!head && BROWSER_FETCH_FAILURE.test(why)) why = why.replace(/\.$/, "") + ": a network failure, or a request the browser blocked (CORS); its console says which";
  const what =
    failure === "timeout" ? "request timed out" : failure === "aborted" ? "request aborted by the caller" : `${head ? "connection lost" : "no response"} (${why})`;
  return new ProviderError<P, never, never>({
    provider,
    status: head?.status ?? 0,
    category: failure,
    message: redact(`${provider}: ${head ? `HTTP ${head.status} arrived, then ${what} before its body ended` : what}`, secrets),
    retryable: failure !== "aborted",
    ...(head && { headers: redact(head.headers, secrets), requestId: redact(head.requestId, secrets) }),
    cause,
    secrets,
  });
}
