import { ProviderError } from "./provider-error.js";
import { redact } from "./redact.js";

/** Failures where no HTTP response arrived: `network` and `timeout` are retryable, `aborted` never. */
export type TransportFailure = "network" | "timeout" | "aborted";

/** A ProviderError with status 0: network and timeout are retryable, the caller's abort is not. */
export function transportError<P extends string>(
  provider: P,
  failure: TransportFailure,
  cause: unknown,
  secrets: readonly string[] = [],
): ProviderError<P, never, never> {
  const inner = (cause as { cause?: unknown } | undefined)?.cause;
  const why = cause instanceof Error ? cause.message + (inner instanceof Error ? `: ${inner.message}` : "") : String(cause);
  const what = failure === "timeout" ? "request timed out" : failure === "aborted" ? "request aborted by the caller" : `no response (${why})`;
  return new ProviderError<P, never, never>({
    provider,
    status: 0,
    category: failure,
    message: redact(`${provider}: ${what}`, secrets),
    retryable: failure !== "aborted",
    cause,
    secrets,
  });
}
