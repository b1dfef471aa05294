import { afterEach, describe, expect, it } from "vitest";
import { bytewiseReply, chatChunk, chatStream, chunkText as text, clientHarness, jsonReply, loadSpec, secretLeaks, sseData, SSE_DONE as DONE, streamExamples as examplesOf, streamPlayer } from "@errata/scripts/testing";
import { ProviderError } from "@errata/retry-policy";
import { createClient, readStream, streamFormats, type ClientOptions, type components } from "../src/index.js";

type Chunk = components["schemas"]["ChatCompletionChunk"];

const API_KEY = "gob-test-DO-NOT-LEAK-4f9c2a";
const chatBody = { model: "gob-5.5", messages: [{ role: "user" as const, content: "Where is the treasure?" }] };
/** The spec's own text/event-stream examples of POST /chat/completions, by name. */
const streamExamples = examplesOf(await loadSpec("gpt-gob"), "/chat/completions");
const chunk = (content: string): Chunk => chatChunk({ id: "gob-cmpl-9", model: "gob-5.5" }, content);
const distracted = { error: { type: "server_error", code: "goblin_distracted", message: "the goblin saw something shiny and wandered off. retry.", param: null } };

const harness = clientHarness(createClient, { apiKey: API_KEY } as ClientOptions);
afterEach(harness.closeAll);
const setup = harness.setupSse;
/** POST /chat/completions against scripted replies, the stream read to its end. */
const play = streamPlayer(setup, (client, init?: { idleTimeoutMs?: number }) => client.stream("/chat/completions", { body: chatBody, ...init }));

describe("GPT Gob streaming, against a real SSE server on 127.0.0.1", () => {
  it("the spec documents its stream examples and the format the generator read", () => {
    expect(Object.keys(streamExamples).sort()).toEqual(["goblin_distracted", "stream"]);
    expect(streamFormats["/chat/completions"]).toEqual({
      method: "post",
      requestBody: { stream: true },
      terminator: { data: "[DONE]" },
      errors: [{ has: "error" }],
    });
  });

  it("plays the spec's complete stream: typed chunks, then [DONE]", async () => {
    const { server, stream, error, response, seen, thrown } = await play([{ headers: { "x-request-id": "req_s1" }, steps: [streamExamples.stream!] }]);
    expect(error).toBeUndefined();
    expect(response?.headers.get("x-request-id")).toBe("req_s1");
    expect(thrown).toBeUndefined();
    expect(text(seen)).toBe("Under");
    expect(seen.at(-1)).toMatchObject({ choices: [{ delta: {}, finish_reason: "stop" }], usage: { total_tokens: 13 } });
    expect(stream!.completed).toBe(true);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ ...chatBody, stream: true });
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("plays the spec's goblin_distracted stream: the chunk arrives, then a thrown GptGobError with the catalog's verdict", async () => {
    const { server, retries, stream, seen, thrown } = await play([{ headers: { "x-request-id": "req_s2" }, steps: [streamExamples.goblin_distracted!] }]);
    expect(text(seen)).toBe("Under the");
    expect(thrown).toBeInstanceOf(ProviderError);
    expect(thrown).toMatchObject({
      provider: "gpt-gob",
      status: 200,
      type: "server_error",
      code: "goblin_distracted",
      category: "stream_interrupted",
      retryable: true,
      requestId: "req_s2",
      message: "the goblin saw something shiny and wandered off. retry.",
    });
    expect(stream!.events).toEqual(seen);
    expect(stream!.error).toBe(thrown);
    // Partial output was delivered: no silent restart.
    expect(server.requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it("splits every byte into its own TCP write, multi-byte characters included", async () => {
    const { seen, thrown } = await play([bytewiseReply(chatStream([chunk("Ünder "), chunk("the 石 "), chunk("🪙")]))]);
    expect(thrown).toBeUndefined();
    expect(text(seen)).toBe("Ünder the 石 🪙");
  });

  it("an abrupt close after output is stream_interrupted and retryable (for the caller to decide)", async () => {
    const { server, seen, thrown } = await play([{ steps: [sseData(chunk("Under")), '{"id":"gob', { destroy: true }] }]);
    expect(text(seen)).toBe("Under");
    expect(thrown).toMatchObject({ provider: "gpt-gob", status: 200, category: "stream_interrupted", retryable: true });
    expect(server.requests).toHaveLength(1);
  });

  it("an idle stream ends with category timeout", async () => {
    const { seen, thrown } = await play([{ steps: [sseData(chunk("Under")), { hang: true }] }], { idleTimeoutMs: 100 });
    expect(text(seen)).toBe("Under");
    expect(thrown).toMatchObject({ status: 200, category: "timeout", retryable: true });
  });

  it("a slow stream aborted by the caller ends with category aborted and closes the connection", async () => {
    const slow = Array.from({ length: 40 }, (_, i) => [sseData(chunk(`${i} `)), { wait: 30 }]).flat();
    const { client, server } = await setup([{ steps: [...slow, DONE] }]);
    const controller = new AbortController();
    const { stream } = await client.stream("/chat/completions", { body: chatBody, signal: controller.signal });
    const seen: Chunk[] = [];
    await expect(
      (async () => {
        for await (const c of stream!) if (seen.push(c) === 2) controller.abort();
      })(),
    ).rejects.toMatchObject({ category: "aborted", retryable: false, status: 200 });
    expect(text(seen)).toBe("0 1 ");
    await server.requests[0]!.closed;
  });

  it("retries a 429 gremlin_in_the_pipes before the first event, after its retry_after", async () => {
    const gremlin = { error: { type: "rate_limit_exceeded", code: "gremlin_in_the_pipes", message: "come back in 12s.", param: null, retry_after: 12 } };
    const { client, server, waits, retries } = await setup([jsonReply(429, gremlin), { steps: [streamExamples.stream!] }]);
    const { stream, error } = await client.stream("/chat/completions", { body: chatBody });
    expect(error).toBeUndefined();
    expect(text((await stream!.collect()).events)).toBe("Under");
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([12_000]);
    expect(retries.map((r) => r.error.code)).toEqual(["gremlin_in_the_pipes"]);
  });

  it("retries goblin_distracted when it is the very first frame (nothing was delivered yet)", async () => {
    const { client, server } = await setup([{ steps: [sseData(distracted)] }, { steps: [streamExamples.stream!] }]);
    const { stream, error } = await client.stream("/chat/completions", { body: chatBody });
    expect(error).toBeUndefined();
    expect(text((await stream!.collect()).events)).toBe("Under");
    expect(server.requests).toHaveLength(2);
  });

  it("returns 429 no_treasure_in_hoard without retrying it", async () => {
    const quota = { error: { type: "quota_exceeded", code: "no_treasure_in_hoard", message: `the hoard is empty (${API_KEY})`, param: null } };
    const { server, stream, error } = await play([jsonReply(429, quota)]);
    expect(stream).toBeUndefined();
    expect(error).toMatchObject({ status: 429, code: "no_treasure_in_hoard", category: "quota_exceeded", retryable: false });
    expect(secretLeaks(error, API_KEY)).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("readStream classifies a response fetched by hand", async () => {
    const response = await harness.fetchSse([{ steps: [streamExamples.goblin_distracted!] }], "/chat/completions", {
      method: "POST",
      body: JSON.stringify({ ...chatBody, stream: true }),
    });
    const { events, error } = await readStream("/chat/completions", response).collect();
    expect(text(events)).toBe("Under the");
    expect(error).toMatchObject({ code: "goblin_distracted", retryable: true, category: "stream_interrupted" });
  });
});
