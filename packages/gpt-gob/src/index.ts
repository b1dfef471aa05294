// Everything here is generated from specs/gpt-gob/openapi.yaml; GPT Gob needs no hand-written layer.
export * from "./generated/index.js";
// RetryBudget too, so that a budget shared across clients needs no direct dependency on @errata/retry-policy.
export { ProviderError, RetryBudget, type ErrorCategory, type RetryBudgetOptions } from "@errata/retry-policy";
