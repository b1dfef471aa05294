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
