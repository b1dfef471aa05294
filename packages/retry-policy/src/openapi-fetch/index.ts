export { createProviderClient, type OperationSetup, type ProviderClientOptions, type ProviderClientSetup } from "./create-provider-client.js";
export { authHeaders, bodyAuthSerializer, type AuthPlacement } from "./auth.js";
export type { PathsWithMethod, ProviderClient, ProviderFetchResponse, ProviderMethod } from "./types.js";
export { resolveBaseUrl, type ServerTemplate } from "./server-url.js";
/** For provider packages' hand-written options: the same RangeError, and the same way of showing the wrong value. */
export { check as checkOption } from "../validate.js";
/** For provider packages' hand-written options: an unknown key throws, naming the key it probably misspells. */
export { checkKeys } from "../option-keys.js";
/** A timer that also waits out delays beyond setTimeout's limit; returns its cancel. */
export { eitherSignal, startTimer } from "../timers.js";
export type { WithBodyKeyOptional, WithoutInBandErrors } from "./client-paths.js";
export {
  createStreamingClient,
  type StreamCallOptions,
  type StreamingClientOptions,
  type StreamingMethods,
  type StreamingProviderClient,
  type StreamMap,
} from "../stream/streaming-client.js";
