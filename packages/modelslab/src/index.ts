// Generated from specs/modelslab/openapi.yaml, plus one hand-written helper the spec cannot express:
// polling a queued job until it is done (poll-until-done.ts).
export * from "./generated/index.js";
export {
  pollUntilDone,
  pollDelayMs,
  POLL_DEFAULTS,
  type ImageGenerationProcessing,
  type ImageGenerationSuccess,
  type PollOptions,
  type PollResult,
} from "./poll-until-done.js";
// RetryBudget and the types an app's own code names (an onRetry hook, an injected runtime, a stored
// error) too, so that none of them needs a direct dependency on @errata/retry-policy.
export {
  ProviderError,
  RetryBudget,
  type CallRetryOptions,
  type ErrorCategory,
  type OpenUnion,
  type ProviderErrorJSON,
  type RetryBudgetOptions,
  type RetryInfo,
  type RetryOptions,
  type RetryRuntime,
} from "@errata/retry-policy";
