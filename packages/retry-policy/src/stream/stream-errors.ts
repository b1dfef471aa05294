import type { ErrorRules } from "../catalog.js";
import type { ErrorCategory } from "../categories.js";
import type { ProviderError } from "../provider-error.js";
import type { StreamFormat } from "./format.js";
import type { ReaderKit } from "./kit.js";

/** Every way a stream can fail after its 2xx headers arrived. */
export type StreamFailure =
  | { kind: "frame"; body: unknown }
  | { kind: "truncated" }
  | { kind: "invalid"; data: string }
  | { kind: "overflow" }
  | { kind: "read"; cause: unknown }
  | { kind: "idle"; idleTimeoutMs: number }
  | { kind: "aborted"; cause: unknown };

export interface StreamErrorContext {
  catalog: ErrorRules;
  format: StreamFormat;
  response: Response;
  secrets: readonly string[];
  now: () => number;
  kit: ReaderKit;
}

function describeTerminator(format: StreamFormat): string {
  const t = format.terminator;
  if (!t) return "its end";
  if (t.data !== undefined) return `data: ${t.data}`;
  if (t.event !== undefined) return `event: ${t.event}`;
  return `a message with ${t.has}`;
}

function causeText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

// As for a call with no response: a broken or silent connection is worth another try
// (it is the network's fault); a caller's abort is not; a malformed event is an unknown 2xx error.
function verdict(failure: Exclude<StreamFailure, { kind: "frame" }>, format: StreamFormat): [ErrorCategory, boolean, string] {
  switch (failure.kind) {
    case "truncated":
      return ["stream_interrupted", true, `the stream ended before ${describeTerminator(format)}`];
    case "read":
      return ["stream_interrupted", true, `the stream broke off (${causeText(failure.cause)})`];
    case "idle":
      return ["timeout", true, `no event arrived for ${failure.idleTimeoutMs} ms`];
    case "aborted":
      return ["aborted", false, "the stream was aborted by the caller"];
    case "invalid":
      return ["stream_interrupted", false, "an event's data is not valid JSON"];
    case "overflow":
      return ["stream_interrupted", false, "an event exceeded the parser's buffer limit"];
  }
}

/** The failures that cut a stream, where no provider error was read: the provider has acted on the request. */
export const isTransportFailure = (failure: StreamFailure): boolean => failure.kind === "truncated" || failure.kind === "read" || failure.kind === "idle";

/**
 * The ProviderError for a stream failure. Error frames go through the catalog (`inStream`: an
 * unknown code becomes `stream_interrupted`, a known one keeps its entry); the rest get the verdict
 * above, with the response's status (the 200), headers and request id. The API key is redacted everywhere.
 */
export function streamError(ctx: StreamErrorContext, failure: StreamFailure): ProviderError {
  const { catalog, response, secrets, now, kit } = ctx;
  const input = { status: response.status, headers: response.headers, body: failure.kind === "frame" ? failure.body : failure.kind === "invalid" ? failure.data : undefined };
  const error = kit.parseErrorWith(catalog, input, { inStream: true, secrets, now })!;
  if (failure.kind === "frame") return error;
  const [category, retryable, message] = verdict(failure, ctx.format);
  return error.with({
    category,
    retryable,
    message: kit.redact(`${catalog.provider}: ${message}`, secrets),
    type: undefined,
    code: undefined,
    retryAfterMs: undefined,
    cause: "cause" in failure ? failure.cause : undefined,
  });
}
