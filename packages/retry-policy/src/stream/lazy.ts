/**
 * Everything streaming that is loaded on first use, behind one dynamic import: the reader, the
 * streaming fetch and the client's `stream()`. One module, so that a bundler makes one chunk of it.
 * Nothing here imports a value from the rest of the package (see kit.ts).
 */
export { EventStream } from "./reader.js";
export { createStreamOpener } from "./open-stream.js";
export { createStreamCall } from "./stream-call.js";
