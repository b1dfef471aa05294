import type { ErrorRules } from "../catalog.js";
import type { ErrorCategory } from "../categories.js";
import { toHeaderRecord } from "../headers.js";
import { parseErrorWith } from "../parse-error.js";
import { ProviderError } from "../provider-error.js";
import { redact } from "../redact.js";
import type { StreamFormat } from "./format.js";

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
}

interface Verdict {
  category: ErrorCategory;
  retryable: boolean;
  message: string;
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

// Rule 4 of DESIGN.md carried over to streams: a broken or silent connection is worth another try
// (it is the network's fault); a caller's abort is not; a malformed event is an unknown 2xx error.
function verdict(failure: Exclude<StreamFailure, { kind: "frame" }>, format: StreamFormat): Verdict {
  switch (failure.kind) {
    case "truncated":
      return { category: "stream_interrupted", retryable: true, message: `the stream ended before ${describeTerminator(format)}` };
    case "read":
      return { category: "stream_interrupted", retryable: true, message: `the stream broke off (${causeText(failure.cause)})` };
    case "idle":
      return { category: "timeout", retryable: true, message: `no event arrived for ${failure.idleTimeoutMs} ms` };
    case "aborted":
      return { category: "aborted", retryable: false, message: "the stream was aborted by the caller" };
    case "invalid":
      return { category: "stream_interrupted", retryable: false, message: "an event's data is not valid JSON" };
    case "overflow":
      return { category: "stream_interrupted", retryable: false, message: "an event exceeded the parser's buffer limit" };
  }
}

/**
 * The ProviderError for a stream failure. Error frames go through the catalog (`inStream`: an
 * unknown code becomes `stream_interrupted`, a known one keeps its entry); the rest are built here
 * with the response's status (the 200) and headers. The API key is redacted everywhere.
 */
export function streamError(ctx: StreamErrorContext, failure: StreamFailure): ProviderError {
  const { catalog, response, secrets } = ctx;
  if (failure.kind === "frame") {
    const input = { status: response.status, headers: response.headers, body: failure.body };
    return parseErrorWith(catalog, input, { inStream: true, secrets, now: ctx.now })!;
  }
  const { category, retryable, message } = verdict(failure, ctx.format);
  const headers = toHeaderRecord(response.headers);
  const requestId = (catalog.errorFormat.requestIdHeaders ?? ["x-request-id"])
    .map((name) => headers[name.toLowerCase()])
    .find((value) => value !== undefined);
  const cause = "cause" in failure ? failure.cause : undefined;
  return new ProviderError({
    provider: catalog.provider,
    status: response.status,
    category,
    message: redact(`${catalog.provider}: ${message}`, secrets),
    retryable,
    requestId,
    body: failure.kind === "invalid" ? redact(failure.data, secrets) : undefined,
    headers: redact(headers, secrets),
    cause,
  });
}
