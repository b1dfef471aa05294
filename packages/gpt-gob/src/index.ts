// Everything here is generated from specs/gpt-gob/openapi.yaml; GPT Gob needs no hand-written layer.
export * from "./generated/index.js";
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
