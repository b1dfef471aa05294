import { ProviderError } from "./provider-error.js";
import { redact } from "./redact.js";

/** Failures where no HTTP response arrived: rule 4 of DESIGN.md. */
export type TransportFailure = "network" | "timeout" | "aborted";

const RETRYABLE: Record<TransportFailure, boolean> = { network: true, timeout: true, aborted: false };

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    const detail = inner instanceof Error ? `: ${inner.message}` : "";
    return `${cause.message}${detail}`;
  }
  return String(cause);
}

export function transportError<P extends string>(
  provider: P,
  failure: TransportFailure,
  cause: unknown,
  secrets: readonly string[] = [],
): ProviderError<P, never, never> {
  const what =
    failure === "timeout"
      ? "the request timed out"
      : failure === "aborted"
        ? "the request was aborted by the caller"
        : `the request failed before a response arrived (${describe(cause)})`;
  return new ProviderError<P, never, never>({
    provider,
    status: 0,
    category: failure,
    message: redact(`${provider}: ${what}`, secrets),
    retryable: RETRYABLE[failure],
    cause,
  });
}
