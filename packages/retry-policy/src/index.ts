export { ERROR_CATEGORIES, defaultCategoryForStatus, isErrorCategory, isRetryableStatus, type ErrorCategory } from "./categories.js";
export { ProviderError, type OpenUnion, type ProviderErrorInit, type ProviderErrorJSON } from "./provider-error.js";
export { findCatalogEntry, type CatalogEntry, type ErrorCatalog, type ErrorFormat, type ErrorKeys, type ErrorRule, type ErrorRules } from "./catalog.js";
export { isInBandError, parseBody, parseErrorWith, type ParseErrorOptions, type ResponseLike } from "./parse-error.js";
export { transportError, type ResponseHead, type TransportFailure } from "./transport-errors.js";
export {
  delayFromSource,
  parseDurationMs,
  parseHttpDateMs,
  parseRetryAfterMs,
  parseSecondsMs,
  retryDelayMs,
  type DelaySource,
} from "./retry-after.js";
export { backoffCeilingMs, backoffDelayMs, type BackoffOptions, type Jitter } from "./backoff.js";
export { RetryBudget, type RetryBudgetOptions } from "./retry-budget.js";
export { RETRY_DEFAULTS, resolveRetryPolicy, type RetryInfo, type RetryOptions, type RetryPolicy } from "./retry-options.js";
export { decideRetry, type NoRetryReason, type RetryDecision, type RetryDecisionInput } from "./retry-decision.js";
export { createRetryingFetch, type CallLimits, type CallRetryOptions, type FetchLike, type FetchOutcome, type RetryingFetch, type RetryingFetchOptions } from "./retrying-fetch.js";
export { defaultRuntime, sleep, type RetryRuntime } from "./runtime.js";
export { toHeaderRecord, type HeaderInput } from "./headers.js";
export { REDACTED, redact } from "./redact.js";
export * from "./stream/index.js";
