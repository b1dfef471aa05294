import createFetchClient from "openapi-fetch";
import { afterEach } from "vitest";
import { startSseServer, type SseReply, type SseServer } from "@errata/scripts/testing";
import type { ErrorCatalog } from "../src/catalog.js";
import type { ProviderClientSetup, StreamingClientOptions } from "../src/openapi-fetch/index.js";
import { createStreamingClient } from "../src/openapi-fetch/index.js";
import type { ProviderError } from "../src/provider-error.js";
import type { StreamFormats } from "../src/stream/index.js";

/** A catalog in the shape the generator emits, with stream-only and ordinary entries. */
export const catalog = {
  provider: "acme",
  errorFormat: {
    type: ["error.type"],
    code: ["error.code"],
    message: ["error.message"],
    requestIdHeaders: ["x-request-id"],
  },
  errors: [
    { status: 401, type: "authentication_error", retryable: false, category: "authentication", description: "bad key" },
    { status: 503, type: "overloaded_error", retryable: true, category: "unavailable", description: "busy" },
    { status: 500, type: "server_error", retryable: true, category: "server_error", description: "server failed" },
    { status: 500, type: "server_error", code: "goblin_distracted", retryable: true, category: "stream_interrupted", stream: true, description: "aborted mid-stream" },
    { status: 200, code: "stream_terminated", retryable: true, category: "stream_interrupted", stream: true, description: "upstream closed" },
    { status: 400, type: "invalid_request_error", code: "content_blocked", retryable: false, category: "content_filter", description: "blocked" },
  ],
} as const satisfies ErrorCatalog;

/** The two grammars of the specs: OpenAI-style (`[DONE]`, error in data) and Anthropic-style. */
export const formats = {
  "/chat/completions": { method: "post", requestBody: { stream: true }, terminator: { data: "[DONE]" }, errors: [{ has: "error" }] },
  "/v1/messages": {
    method: "post",
    requestBody: { stream: true },
    terminator: { event: "message_stop", deliver: true },
    errors: [{ event: "error", wrap: "error" }],
  },
} as const satisfies StreamFormats;

export interface Chunk {
  id: string;
  object: "chat.completion.chunk";
  choices: { index: number; delta: { content?: string }; finish_reason: string | null }[];
}

export type MessageEvent =
  | { type: "message_start"; message: { id: string } }
  | { type: "content_block_delta"; index: number; delta: { type: "text_delta"; text: string } }
  | { type: "message_stop" };

interface JsonOperation<Body> {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  requestBody: { content: { "application/json": Body } };
  responses: { 200: { headers: { [name: string]: unknown }; content: { "text/event-stream": string } } };
}

/** Hand-written in openapi-typescript's shape. */
export interface paths {
  "/chat/completions": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get?: never;
    post: JsonOperation<{ model: string; stream?: boolean }>;
  };
  "/v1/messages": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get?: never;
    post: JsonOperation<{ max_tokens: number; stream?: boolean }>;
  };
  "/models": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: { parameters: { query?: never; header?: never; path?: never; cookie?: never }; requestBody?: never; responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { data: string[] } } } } };
    post?: never;
  };
}

export type Streams = {
  "/chat/completions": { method: "post"; event: Chunk };
  "/v1/messages": { method: "post"; event: MessageEvent };
};

export type AcmeError = ProviderError<"acme", "authentication_error" | "server_error", "goblin_distracted" | "stream_terminated">;

export const API_KEY = "sk-acme-SECRET-0123456789";

const setup: ProviderClientSetup = {
  catalog,
  server: { url: "https://api.acme.test/v1" },
  authSchemes: { bearerAuth: { in: "header", name: "Authorization", scheme: "Bearer" } },
  createFetchClient,
};

/** A client as the generator builds it, with waits between retries skipped. */
export function acmeClient(baseUrl: string, options: StreamingClientOptions = {}) {
  return createStreamingClient<paths, Streams, AcmeError>(setup, formats, {
    apiKey: API_KEY,
    baseUrl,
    runtime: { sleep: async () => {}, random: () => 0.5 },
    ...options,
  });
}

export const chunk = (content: string, id = "c1"): Chunk => ({
  id,
  object: "chat.completion.chunk",
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
});

export const contents = (chunks: readonly Chunk[]): string => chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");

export { sseData as data, sseEvent as event } from "@errata/scripts/testing";

/**
 * `serve(replies)` starts a scripted server on 127.0.0.1 for the current test; it is closed after the
 * test. Call at the top of a file or describe block.
 */
export function serverPerTest(): (replies: SseReply[] | ((index: number) => SseReply)) => Promise<SseServer> {
  let server: SseServer | undefined;
  afterEach(async () => {
    // Closing twice is fine: a test may have closed it already (to get a port nothing listens on).
    await server?.close();
    server = undefined;
  });
  return async (replies) => (server = await startSseServer(replies));
}
