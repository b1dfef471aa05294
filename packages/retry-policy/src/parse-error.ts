import { firstString, messageFrom, readPath } from "./body-path.js";
import { findCatalogEntry, type ErrorRules } from "./catalog.js";
import { defaultCategoryForStatus, isRetryableStatus } from "./categories.js";
import { toHeaderRecord, type HeaderInput } from "./headers.js";
import { ProviderError } from "./provider-error.js";
import { redact } from "./redact.js";
import { retryDelayMs } from "./retry-after.js";

/** A response as any HTTP stack sees it. `body` is the raw text, bytes, or an already parsed value. */
export interface ResponseLike {
  status: number;
  headers?: HeaderInput | undefined;
  body?: unknown;
}

export interface ParseErrorOptions {
  /** Clock for HTTP-date `Retry-After` values. */
  now?: () => number;
  /** Strings that must never appear in the error (the API key). */
  secrets?: readonly string[];
  /** The error arrived inside a stream after its 200: unknown errors become `stream_interrupted`. */
  inStream?: boolean;
}

const decoder = new TextDecoder();

/** Raw text → JSON when it parses; otherwise the text itself, so nothing is lost. */
export function parseBody(body: unknown): unknown {
  const text = body instanceof Uint8Array ? decoder.decode(body) : body instanceof ArrayBuffer ? decoder.decode(new Uint8Array(body)) : body;
  if (typeof text !== "string") return text;
  const trimmed = text.trim();
  if (trimmed === "") return text;
  if (trimmed[0] !== "{" && trimmed[0] !== "[") return text;
  try {
    return JSON.parse(trimmed);
  } catch {
    return text;
  }
}

function inBandMarker(catalog: ErrorRules, body: unknown): string | undefined {
  const inBand = catalog.errorFormat.inBand;
  if (!inBand) return undefined;
  const value = readPath(body, inBand.path);
  return typeof value === "string" && inBand.errorValues.includes(value) ? value : undefined;
}

/** Whether a success-status body is in fact an error (ModelsLab's 200 `{"status":"error"}`). */
export function isInBandError(catalog: ErrorRules, body: unknown): boolean {
  return inBandMarker(catalog, parseBody(body)) !== undefined;
}

function fallbackMessage(provider: string, status: number, body: unknown): string {
  if (typeof body === "string" && body.trim() !== "") return body.trim().slice(0, 500);
  return status === 0 ? `${provider}: no response` : `${provider}: HTTP ${status}`;
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
  const body = parseBody(input.body);
  const success = status >= 200 && status < 300;
  const marker = success ? inBandMarker(catalog, body) : undefined;
  if (success && marker === undefined && !options.inStream) return undefined;

  const format = catalog.errorFormat;
  const headers = toHeaderRecord(input.headers);
  const type = firstString(body, format.type);
  const code = firstString(body, format.code);
  const entry = findCatalogEntry(catalog, { status, type, code, marker });

  let category = entry?.category;
  let retryable = entry?.retryable;
  if (options.inStream && entry && entry.code === undefined && !entry.stream) {
    // After the 200 only a known code (or an entry documented as a stream error) names the failure;
    // a match by type or status keeps its retryability, but what the caller saw is an interrupted stream.
    category = "stream_interrupted";
  }
  if (category === undefined || retryable === undefined) {
    // Rule 2: status fallback, only when the catalog knows nothing; an unknown 2xx error is not retryable.
    category = options.inStream ? "stream_interrupted" : success ? "unknown" : defaultCategoryForStatus(status);
    retryable = success ? false : isRetryableStatus(status);
  }

  const now = options.now ?? Date.now;
  const sources = entry?.retryAfter ?? format.retryAfter ?? [];
  const secrets = options.secrets ?? [];
  const requestId = (format.requestIdHeaders ?? ["x-request-id"])
    .map((name) => headers[name.toLowerCase()])
    .find((value) => value !== undefined);

  return new ProviderError<P, T, C>({
    provider: catalog.provider,
    status,
    category,
    type: type as T | undefined,
    code: code as C | undefined,
    message: redact(messageFrom(body, format.message) ?? fallbackMessage(catalog.provider, status, body), secrets),
    retryable,
    retryAfterMs: retryDelayMs(headers, body, sources, now()),
    requestId,
    body: redact(body, secrets),
    headers: redact(headers, secrets),
  });
}
