import { bodyMessage } from "./body-message.js";
import { firstString, messageFrom, readPath } from "./body-path.js";
import { findCatalogEntry, type ErrorFormat, type ErrorRules } from "./catalog.js";
import { defaultCategoryForStatus, isRetryableStatus } from "./categories.js";
import { toHeaderRecord, type HeaderInput } from "./headers.js";
import { ProviderError } from "./provider-error.js";
import { redact } from "./redact.js";
import { retryDelayMs } from "./retry-after.js";

/**
 * A response as any HTTP stack sees it. `body` is the raw text, bytes, or an already parsed value;
 * not a stream (from fetch, pass `body: await response.text()`): a stream, Blob, Response or Promise
 * throws a TypeError at run time.
 */
export interface ResponseLike {
  status: number;
  headers?: HeaderInput | undefined;
  body?: unknown;
}

export interface ParseErrorOptions {
  /** Clock for HTTP-date `Retry-After` values. */
  now?: (() => number) | undefined;
  /**
   * Strings that must never appear in the error (the API key). An undefined entry is skipped, so
   * `[process.env.GOB_API_KEY]` can be passed as it is.
   */
  secrets?: readonly (string | undefined)[] | undefined;
  /** The error arrived inside a stream after its 200: unknown errors become `stream_interrupted`. */
  inStream?: boolean | undefined;
}

/** Bytes (an ArrayBuffer, a Uint8Array or Buffer, any typed array or DataView) as UTF-8 text; anything else as it is. */
const decoded = (body: unknown): unknown => (body instanceof ArrayBuffer || ArrayBuffer.isView(body) ? new TextDecoder().decode(body) : body);

/** Whether `value` has a method of one of these names. */
const has = (value: unknown, names: string[]) => names.some((name) => typeof (value as Record<string, unknown> | null | undefined)?.[name] === "function");

/**
 * Throws a TypeError that names the fix when handed what only an `await` can read: a fetch Response
 * or a Promise as the input; a ReadableStream, Blob, Response, Node stream or Promise as its body.
 * Classifying it by status alone would silently drop the provider's code. An input that is itself a
 * Node stream but carries its body (superagent's and supertest's Response) is read as usual.
 */
function assertReadable(input: ResponseLike): void {
  if (has(input, ["arrayBuffer", "then"]) || has(input.body, ["getReader", "text", "pipe", "then"])) {
    throw new TypeError("parseError cannot read a Response, stream, Blob or Promise: pass { status: response.status, headers: response.headers, body: await response.text() }");
  }
}

/** Raw text → JSON when it parses; otherwise the text itself, so nothing is lost. */
export function parseBody(body: unknown): unknown {
  const text = decoded(body);
  if (typeof text !== "string") return text;
  const trimmed = text.trim();
  if (trimmed[0] === "{" || trimmed[0] === "[") {
    try {
      return JSON.parse(trimmed);
    } catch {}
  }
  return text;
}

function inBandMarker(catalog: ErrorRules, body: unknown): string | undefined {
  const inBand = catalog.errorFormat.inBand;
  const value = inBand && readPath(body, inBand.path);
  return typeof value === "string" && inBand!.errorValues.includes(value) ? value : undefined;
}

/** A value at the in-band path that no documented body carries (ModelsLab: `"queued"`), if any. */
function undocumentedInBand(format: ErrorFormat, body: unknown): string | undefined {
  const inBand = format.inBand;
  const value = inBand?.successValues && readPath(body, inBand.path);
  return typeof value === "string" && !inBand!.successValues!.includes(value) && !inBand!.errorValues.includes(value) ? value : undefined;
}

/** Whether a success-status body is in fact an error (ModelsLab's 200 `{"status":"error"}`, or a status no schema documents). */
export function isInBandError(catalog: ErrorRules, body: unknown): boolean {
  const parsed = parseBody(body);
  return inBandMarker(catalog, parsed) !== undefined || undocumentedInBand(catalog.errorFormat, parsed) !== undefined;
}

/** The provider's request id, from the first documented header present (lower-cased headers). */
export function requestIdOf(format: ErrorFormat, headers: Readonly<Record<string, string>>): string | undefined {
  return (format.requestIdHeaders ?? ["x-request-id"]).map((name) => headers[name.toLowerCase()]).find((value) => value !== undefined);
}

/**
 * Classifies one response with a provider's catalog. Returns undefined for a success
 * (including ModelsLab's 200 "processing"), a ProviderError otherwise.
 */
export function parseErrorWith<P extends string, T extends string = string, C extends string = string>(
  catalog: ErrorRules<P>,
  input: ResponseLike,
  options: ParseErrorOptions = {},
): ProviderError<P, T, C> | undefined {
  const { status } = input;
  const { inStream, now = Date.now } = options;
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === "string");
  const { provider, errorFormat: format } = catalog;
  assertReadable(input);
  const body = parseBody(input.body);
  const success = status >= 200 && status < 300;
  const marker = success ? inBandMarker(catalog, body) : undefined;
  // Neither a documented success nor a documented error: not `data`, whose type has no room for it.
  const undocumented = success && marker === undefined && !inStream ? undocumentedInBand(format, body) : undefined;
  if (success && marker === undefined && !inStream && undocumented === undefined) return undefined;

  const headers = toHeaderRecord(input.headers);
  const type = firstString(body, format.type);
  const code = firstString(body, format.code);
  const entry = findCatalogEntry(catalog, { status, type, code, marker });
  // Rule 2: the status decides only when the catalog knows nothing; an unknown 2xx error is not retryable.
  // After the 200 only a known code (or an entry documented as a stream error) names the failure; a
  // match by type or status keeps its retryability, but what the caller saw is an interrupted stream.
  const category = entry
    ? inStream && entry.code === undefined && !entry.stream
      ? "stream_interrupted"
      : entry.category
    : inStream
      ? "stream_interrupted"
      : success
        ? "unknown"
        : defaultCategoryForStatus(status);
  // Text that is not JSON (a proxy's HTML page) gives a short message; error.body keeps all of it.
  // Redacted whole first, then again by bodyMessage after it decodes entities and before it cuts.
  const fallback = (typeof body === "string" && bodyMessage(redact(body, secrets), secrets)) || `${provider}: ${status ? `HTTP ${status}` : "no response"}`;

  return new ProviderError<P, T, C>({
    provider,
    status,
    category,
    type: redact(type, secrets) as T | undefined,
    code: redact(code, secrets) as C | undefined,
    message: redact(undocumented === undefined ? messageFrom(body, format.message) : `${provider}: undocumented ${format.inBand!.path} ${JSON.stringify(undocumented)} in a ${status} body`, secrets) ?? fallback,
    retryable: entry ? entry.retryable : !success && isRetryableStatus(status),
    // Only where the catalog says so, so that every other error keeps the same fields.
    ...(entry?.resubmit && { resubmit: true }),
    retryAfterMs: retryDelayMs(headers, body, entry?.retryAfter ?? format.retryAfter ?? [], now()),
    requestId: redact(requestIdOf(format, headers), secrets),
    body: redactBody(body, input.body, secrets),
    headers: redact(headers, secrets),
    secrets,
  });
}

/**
 * The parsed body with the secrets taken out; a body nested too deeply to walk is kept as its text
 * (redacted as text), so that nothing is lost and nothing leaks.
 */
function redactBody(body: unknown, raw: unknown, secrets: readonly string[]): unknown {
  try {
    return redact(body, secrets);
  } catch {
    const text = decoded(raw);
    return redact(typeof text === "string" ? text : "[body too deeply nested to keep]", secrets);
  }
}
