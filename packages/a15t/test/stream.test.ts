import { afterEach, describe, expect, it } from "vitest";
import { bytewiseReply, chatChunk, chatStream, chunkText as text, clientHarness, jsonReply, loadSpec, sseData, streamEndings, streamEndingVerdicts, streamExamples, streamPlayer } from "@errata/scripts/testing";
import { ProviderError } from "@errata/retry-policy";
import { createClient, readStream, streamFormats, type ClientOptions, type components } from "../src/index.js";

type Chunk = components["schemas"]["ChatCompletionChunk"];

const API_KEY = "sk-gapk-DO-NOT-LEAK-7d31e0";
const chatBody = { model: "anthropic/claude-3-5-sonnet-20240620", messages: [{ role: "user" as const, content: "Count to three." }] };
/** The spec's own text/event-stream examples of POST /chat/completions, by name. */
const examples = streamExamples(await loadSpec("a15t"), "/chat/completions");
const chunk = (content: string): Chunk => chatChunk({ id: "chatcmpl-9", model: "skt/a.x-3-lg" }, content);
const frame = (code: string) => ({ error: { type: "bad_gateway", code, message: `${code} mid-stream` } });

const harness = clientHarness(createClient, { apiKey: API_KEY } as ClientOptions);
afterEach(harness.closeAll);
const setup = harness.setupSse;
/** POST /chat/completions against scripted replies, the stream read to its end. */
const play = streamPlayer(setup, (client) => client.stream("/chat/completions", { body: chatBody }));

describe("a15t streaming, against a real SSE server on 127.0.0.1", () => {
  it("the generator read the spec's stream format", () => {
    expect(Object.keys(examples).sort()).toEqual(["stream", "stream_error", "stream_terminated"]);
    expect(streamFormats).toEqual({
      "/chat/completions": { method: "post", requestBody: { stream: true }, terminator: { data: "[DONE]" }, errors: [{ has: "error" }] },
    });
  });

  it("plays the spec's complete stream", async () => {
    const { server, stream, error, seen, thrown } = await play([{ steps: [examples.stream!] }]);
    expect(error).toBeUndefined();
    expect(thrown).toBeUndefined();
    expect(text(seen)).toBe("One, two, three.");
    expect(stream!.completed).toBe(true);
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({ stream: true });
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it.each(["stream_error", "stream_terminated"])("plays the spec's %s stream: events kept, a retryable stream_interrupted thrown, no restart", async (name) => {
    const { server, stream, seen, thrown } = await play([{ steps: [examples[name]!] }]);
    expect(text(seen)).toBe("One,");
    expect(thrown).toBeInstanceOf(ProviderError);
    expect(thrown).toMatchObject({ provider: "a15t", status: 200, code: name, category: "stream_interrupted", retryable: true });
    expect(stream!.events).toEqual(seen);
    expect(server.requests).toHaveLength(1);
  });

  it("a code the catalog knows keeps its verdict mid-stream: internal_error is not retryable", async () => {
    const { thrown } = await play([{ steps: [sseData(chunk("One,")), sseData(frame("internal_error"))] }]);
    expect(thrown).toMatchObject({ status: 200, code: "internal_error", category: "server_error", retryable: false });
  });

  it("reassembles Korean text split at every byte", async () => {
    const { seen, thrown } = await play([bytewiseReply(chatStream([chunk("대한민국의 "), chunk("수도는 "), chunk("서울입니다.")]))]);
    expect(thrown).toBeUndefined();
    expect(text(seen)).toBe("대한민국의 수도는 서울입니다.");
  });

  it("an abrupt close, an idle stream and an abort each end with their category, after the first event", async () => {
    const endings = await streamEndings(setup, (client, init) => client.stream("/chat/completions", { body: chatBody, ...init }), sseData(chunk("One,")));
    expect(endings).toMatchObject(streamEndingVerdicts);
    expect([endings.closed, endings.idle, endings.aborted].map(({ seen }) => text(seen))).toEqual(["One,", "One,", "One,"]);
  });

  it("before the first event, a stream_error frame and a 503 model_overloaded are retried invisibly", async () => {
    const overloaded = { error: { type: "service_unavailable", code: "model_overloaded", message: "overloaded" } };
    const { client, server, retries } = await setup([{ steps: [sseData(frame("stream_error"))] }, jsonReply(503, overloaded), { steps: [examples.stream!] }]);
    const { stream, error } = await client.stream("/chat/completions", { body: chatBody });
    expect(error).toBeUndefined();
    expect(text((await stream!.collect()).events)).toBe("One, two, three.");
    expect(server.requests).toHaveLength(3);
    expect(retries.map((r) => [r.error.status, r.error.code])).toEqual([
      [200, "stream_error"],
      [503, "model_overloaded"],
    ]);
  });

  it("before the first event, a 500 internal_error is returned without a retry (documented not retryable)", async () => {
    const internal = { error: { type: "internal_server_error", code: "internal_error", message: `boom for ${API_KEY}` } };
    const { server, stream, error } = await play([jsonReply(500, internal)]);
    expect(stream).toBeUndefined();
    expect(error).toMatchObject({ status: 500, code: "internal_error", retryable: false, message: "boom for [REDACTED]" });
    expect(server.requests).toHaveLength(1);
  });

  it("readStream classifies a response fetched by hand", async () => {
    const response = await harness.fetchSse([{ steps: [examples.stream_terminated!] }], "/chat/completions");
    const { events, error } = await readStream("/chat/completions", response).collect();
    expect(text(events)).toBe("One,");
    expect(error).toMatchObject({ code: "stream_terminated", retryable: true });
  });
});
