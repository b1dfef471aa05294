/**
 * Everything streaming that is loaded on first use, behind one dynamic import: the stream reader,
 * the streaming fetch and the client's `stream()`. One module, so that a bundler makes one chunk of it
 * (and shares one chunk of what it has in common with the rest of the client).
 */
export { createEngine } from "./stream-engine.js";
export { createStreamOpener } from "./open-stream.js";
export { createStreamCall } from "./stream-call.js";
