/** What went wrong, in terms a caller can act on. Each is described in specs/README.md, "Error categories". */
export const ERROR_CATEGORIES = [
  "authentication",
  "permission",
  "not_found",
  "invalid_request",
  "context_length",
  "content_filter",
  "conflict",
  "payment_required",
  "quota_exceeded",
  "rate_limited",
  "server_error",
  "unavailable",
  "timeout",
  "stream_interrupted",
  "network",
  "aborted",
  "unknown",
] as const;

export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

export function isErrorCategory(value: unknown): value is ErrorCategory {
  return typeof value === "string" && (ERROR_CATEGORIES as readonly string[]).includes(value);
}

// The status defaults (specs/README.md, "Error categories"), used only when a provider's catalog knows neither code nor type.
const CATEGORY_BY_STATUS: Readonly<Record<number, ErrorCategory>> = {
  400: "invalid_request",
  401: "authentication",
  402: "payment_required",
  403: "permission",
  404: "not_found",
  405: "invalid_request",
  408: "timeout",
  409: "conflict",
  413: "invalid_request",
  422: "invalid_request",
  429: "rate_limited",
  500: "server_error",
  501: "invalid_request",
  502: "unavailable",
  503: "unavailable",
  504: "timeout",
  529: "unavailable",
};

const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504, 529];

export function defaultCategoryForStatus(status: number): ErrorCategory {
  return CATEGORY_BY_STATUS[status] ?? "unknown";
}

/** Status fallback (rule 2): only when nothing more is known. A 2xx is never retryable by status. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.includes(status);
}
