export * from "./generated/index.js";
export { ProviderError, type ErrorCategory } from "@errata/retry-policy";
