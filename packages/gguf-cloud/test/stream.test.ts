import { afterEach, describe, expect, it } from "vitest";
import { bytewiseReply, chatChunk, chunkText as chatText, clientHarness, jsonReply, loadSpec, sseData, sseEvent, streamEndings, streamEndingVerdicts, streamExamples, streamPlayer } from "@errata/scripts/testing";
import { ProviderError } from "@errata/retry-policy";
import { createClient, readStream, streamFormats, type ClientOptions, type components } from "../src/index.js";

type Chunk = components["schemas"]["ChatCompletionChunk"];
type MessageEvent = components["schemas"]["MessageStreamEvent"];

const API_KEY = "mlabs-DO-NOT-LEAK-91b2c4";
const chatBody = { messages: [{ role: "user" as const, content: "Count to three." }] };
const messageBody = { model: "local", max_tokens: 64, messages: [{ role: "user" as const, content: "Count to three." }] };
const spec = await loadSpec("gguf-cloud");
/** The spec's own text/event-stream examples of each operation, by name. */
const chatExamples = streamExamples(spec, "/v1/chat/completions");
const messageExamples = streamExamples(spec, "/v1/messages");
const chunk = (content: string): Chunk => chatChunk({ id: "chatcmpl-1", model: "local" }, content);
const messageText = (events: readonly MessageEvent[]) => events.map((e) => (e.type === "content_block_delta" ? e.delta.text : "")).join("");
const start = sseEvent("message_start", {
  type: "message_start",
  message: { id: "msg_1", type: "message", role: "assistant", content: [], model: "local", stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 0 } },
});
const delta = (text: string) => sseEvent("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } });
const stop = sseEvent("message_stop", { type: "message_stop" });
/** The error both routes' mid_stream_error examples carry (llama-server's, passed through). */
const contextShift = { code: 500, message: "context shift is disabled", type: "server_error" };
/** Its verdict on either route: no code, so the type keeps the catalog's retryability, and the category says the stream broke. */
const contextShiftVerdict = {
  provider: "gguf-cloud",
  status: 200,
  type: contextShift.type,
  category: "stream_interrupted",
  retryable: true,
  message: contextShift.message,
  body: { error: contextShift },
};

const harness = clientHarness(createClient, { apiKey: API_KEY } as ClientOptions, "/api/gguf/dep_42");
afterEach(harness.closeAll);
const setup = harness.setupSse;
/** Each route against scripted replies, the stream read to its end. */
const playChat = streamPlayer(setup, (client) => client.stream("/v1/chat/completions", { body: chatBody }));
const playMessages = streamPlayer(setup, (client, init?: { params: { header: { "anthropic-version": string } } }) => client.stream("/v1/messages", { body: messageBody, ...init }));

describe("GGUF Cloud streaming formats", () => {
  it("the generator read both grammars from the spec", () => {
    expect(streamFormats).toEqual({
      "/v1/chat/completions": { method: "post", requestBody: { stream: true }, terminator: { data: "[DONE]" }, errors: [{ has: "error" }] },
      "/v1/messages": {
        method: "post",
        requestBody: { stream: true },
        terminator: { event: "message_stop", deliver: true },
        errors: [{ event: "error", wrap: "error" }],
      },
    });
  });
});

describe("GGUF Cloud /v1/chat/completions (OpenAI grammar), against a real SSE server", () => {
  it("plays the spec's complete stream", async () => {
    const { server, stream, error, seen, thrown } = await playChat([{ steps: [chatExamples.stream!] }]);
    expect(error).toBeUndefined();
    expect(thrown).toBeUndefined();
    expect(chatText(seen)).toBe("1, 2, 3.");
    expect(stream!.completed).toBe(true);
    const request = server.requests[0]!;
    expect(request.url).toBe("/api/gguf/dep_42/v1/chat/completions");
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(JSON.parse(request.body)).toEqual({ ...chatBody, stream: true });
  });

  it("plays the spec's mid_stream_error: the type keeps its retryability, the category is stream_interrupted, status stays 200", async () => {
    const { server, seen, thrown } = await playChat([{ steps: [chatExamples.mid_stream_error!] }]);
    expect(seen).toHaveLength(1);
    expect(thrown).toBeInstanceOf(ProviderError);
    expect(thrown).toMatchObject(contextShiftVerdict);
    expect(server.requests).toHaveLength(1);
  });

  it("an unknown error type mid-stream is stream_interrupted", async () => {
    const { thrown } = await playChat([{ steps: [sseData(chunk("1")), sseData({ error: { code: 500, message: "?", type: "novel_error" } })] }]);
    expect(thrown).toMatchObject({ status: 200, category: "stream_interrupted", retryable: false });
  });

  it("an abrupt close, an idle stream and an abort each end with their category, after the first event", async () => {
    const endings = await streamEndings(setup, (client, init) => client.stream("/v1/chat/completions", { body: chatBody, ...init }), sseData(chunk("1")));
    expect(endings).toMatchObject(streamEndingVerdicts);
    expect([endings.closed, endings.idle, endings.aborted].map(({ seen }) => chatText(seen))).toEqual(["1", "1", "1"]);
  });

  it("retries a 503 Loading model before the first event", async () => {
    const loading = { error: { code: 503, message: "Loading model", type: "unavailable_error" } };
    const { client, server, retries } = await setup([jsonReply(503, loading), { steps: [chatExamples.stream!] }]);
    const { stream, error } = await client.stream("/v1/chat/completions", { body: chatBody });
    expect(error).toBeUndefined();
    expect(chatText((await stream!.collect()).events)).toBe("1, 2, 3.");
    expect(server.requests).toHaveLength(2);
    expect(retries.map((r) => r.error.type)).toEqual(["unavailable_error"]);
  });
});

describe("GGUF Cloud /v1/messages (Anthropic grammar), against a real SSE server", () => {
  it("plays the spec's complete stream: message_stop is yielded and ends it (no [DONE])", async () => {
    const { server, stream, error, seen, thrown } = await playMessages(
      [{ steps: [messageExamples.stream!, { hang: true }] }],
      { params: { header: { "anthropic-version": "2023-06-01" } } },
      { authScheme: "xApiKey" },
    );
    expect(error).toBeUndefined();
    expect(thrown).toBeUndefined();
    expect(seen.map((e) => e.type)).toEqual(["message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"]);
    expect(messageText(seen)).toBe("1, 2, 3.");
    expect(stream!.completed).toBe(true);
    const request = server.requests[0]!;
    expect(request.url).toBe("/api/gguf/dep_42/v1/messages");
    expect(request.headers["x-api-key"]).toBe(API_KEY);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers["anthropic-version"]).toBe("2023-06-01");
    // Completed at message_stop although the server kept the connection open: it is released.
    await request.closed;
  });

  it("plays the spec's mid_stream_error: the raw event: error is wrapped and classified", async () => {
    const { seen, thrown } = await playMessages([{ steps: [messageExamples.mid_stream_error!] }]);
    expect(seen.map((e) => e.type)).toEqual(["message_start"]);
    expect(thrown).toMatchObject(contextShiftVerdict);
  });

  it("a stream that ends without message_stop is stream_interrupted", async () => {
    const { seen, thrown } = await playMessages([{ steps: [start, delta("1, 2")] }]);
    expect(messageText(seen)).toBe("1, 2");
    expect(thrown).toMatchObject({ status: 200, category: "stream_interrupted", retryable: true, message: "gguf-cloud: the stream ended before event: message_stop" });
  });

  it("reassembles events split at every byte, multi-byte text included", async () => {
    const body = start + delta("Ein, ") + delta("二, ") + delta("3️⃣") + stop;
    const { seen, thrown } = await playMessages([bytewiseReply(body)]);
    expect(thrown).toBeUndefined();
    expect(messageText(seen)).toBe("Ein, 二, 3️⃣");
  });

  it("retries an event: error that arrives before any event", async () => {
    const raw = sseEvent("error", { code: 503, message: "Loading model", type: "unavailable_error" });
    const { client, server } = await setup([{ steps: [raw] }, { steps: [messageExamples.stream!] }]);
    const { stream, error } = await client.stream("/v1/messages", { body: messageBody });
    expect(error).toBeUndefined();
    expect(messageText((await stream!.collect()).events)).toBe("1, 2, 3.");
    expect(server.requests).toHaveLength(2);
  });

  it("returns a 401 authentication_error without a retry, the key redacted", async () => {
    const { server, error } = await playMessages([jsonReply(401, { error: { type: "authentication_error", message: `Invalid API key ${API_KEY}` } })]);
    expect(error).toMatchObject({ status: 401, category: "authentication", retryable: false, message: "Invalid API key [REDACTED]" });
    expect(server.requests).toHaveLength(1);
  });

  it("readStream classifies a response fetched by hand", async () => {
    const response = await harness.fetchSse([{ steps: [messageExamples.mid_stream_error!] }], "/v1/messages");
    const { events, error } = await readStream("/v1/messages", response).collect();
    expect(events.map((e) => e.type)).toEqual(["message_start"]);
    expect(error).toMatchObject({ status: 200, type: "server_error" });
  });
});
