import { ProviderError } from "../provider-error.js";
import { redact } from "../redact.js";
import { toHeaderRecord } from "../headers.js";
import { requestIdOf } from "../parse-error.js";
import type { ErrorRules } from "../catalog.js";

const reason = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

/**
 * The request could not be built (a body the serializer rejects, a path that makes no URL): nothing
 * was sent, so nothing is retried. Returned like every other failure, with the low-level error as `cause`.
 */
export function requestNotSentError(provider: string, cause: unknown, secrets: readonly string[]): ProviderError {
  return new ProviderError({
    provider,
    status: 0,
    category: "invalid_request",
    message: redact(`${provider}: request not sent (${reason(cause)})`, secrets),
    retryable: false,
    cause,
    secrets,
  });
}

/**
 * A 2xx whose body is not what it claims (malformed JSON) or could not be read to the end. The
 * provider handled the call, so it is not retried; the text and headers stay on the error.
 */
export function unreadableBodyError(
  { provider, errorFormat }: ErrorRules,
  response: Response,
  text: string | undefined,
  cause: unknown,
  secrets: readonly string[],
  attempts?: number,
): ProviderError {
  const headers = toHeaderRecord(response.headers);
  // `stream: true` sent through POST: say what to call instead of only that the JSON is bad.
  const hint = /^text\/event-stream/i.test(headers["content-type"] ?? "") ? "; it is an event stream: read it with client.stream()" : "";
  return new ProviderError({
    provider,
    status: response.status,
    category: "unknown",
    // A JSON parser's message quotes the body's start; the body itself is on the error.
    message: redact(`${provider}: unreadable response body (${text === "" ? "empty" : cause instanceof SyntaxError ? "not valid JSON" : reason(cause)}${hint})`, secrets),
    retryable: false,
    body: redact(text, secrets),
    headers: redact(headers, secrets),
    requestId: redact(requestIdOf(errorFormat, headers), secrets),
    attempts,
    cause,
    secrets,
  });
}
