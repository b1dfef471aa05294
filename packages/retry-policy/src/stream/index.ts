export type { StreamErrorFrame, StreamFormat, StreamFormats, StreamHttpMethod, StreamMatch, StreamOperation, StreamTerminator } from "./format.js";
export { ProviderEventStream, readEventStream, type CollectedStream, type ReadEventStreamOptions } from "./event-stream.js";
export {
  createStreamingFetch,
  type StreamingFetch,
  type StreamingFetchOptions,
  type StreamOutcome,
  type StreamRequest,
} from "./streaming-fetch.js";
