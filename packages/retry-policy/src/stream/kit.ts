import { parseErrorWith } from "../parse-error.js";
import { ProviderError } from "../provider-error.js";
import { redact } from "../redact.js";
import { createFetcher, headOf } from "../retrying-fetch.js";
import { validIdleTimeout } from "../validate.js";
import { startTimer } from "../timers.js";
import { requestNotSentError } from "../openapi-fetch/call-errors.js";
import { transportError } from "../transport-errors.js";

/**
 * What the lazily loaded streaming code (lazy.ts and what it imports) takes from the rest of the
 * package. It is handed these instead of importing them: a bundler puts every module that both the
 * lazy chunk and the up-front code import into a chunk of its own, which would split the up-front
 * bundle into two files (and cost about half a kilobyte of gzip). The lazy modules import types only.
 */
export const READER_KIT = { ProviderError, parseErrorWith, redact, startTimer };
// Spelled out, not `...READER_KIT`: bundlers keep a spread (it may run getters), and with it the whole
// retry runtime in an app that only imports parseError.
export const STREAMING_KIT = { ProviderError, parseErrorWith, redact, startTimer, createFetcher, headOf, validIdleTimeout, requestNotSentError, transportError };

export type ReaderKit = typeof READER_KIT;
export type StreamingKit = typeof STREAMING_KIT;

/** Marks streams from the reader and from ProviderEventStream alike, so `instanceof` holds for both. */
export const STREAM_BRAND = /* @__PURE__ */ Symbol.for("errata.ProviderEventStream");
