import { afterEach, describe, expect, it } from "vitest";
import { chatCompletion, clientHarness, sseData, SSE_DONE, chatChunk, type Reply } from "@errata/scripts/testing";
import { createClient, type ClientOptions } from "../src/index.js";

// The user trial's repros (option typos that were silently ignored), through the real client and a real server.
const API_KEY = "gob-test-DO-NOT-LEAK-4f9c2a";
const body = { model: "gob-5.5", messages: [{ role: "user" as const, content: "x" }] };
const completion = chatCompletion({ id: "gob-cmpl-1", model: "gob-5.5" }, "Under the third stone.");
const ok: Reply = { status: 200, body: completion };
const unavailable: Reply = { status: 503, body: { error: { type: "service_unavailable", code: null, message: "closed", param: null } } };

const harness = clientHarness(createClient, { apiKey: API_KEY } as ClientOptions);
afterEach(harness.closeAll);

describe("a misspelt option on a call rejects it at once, sending nothing, and says which key was meant", () => {
  it("deadlineMS: 200 (it waited for the 3 s timeout)", async () => {
    const { client, server } = await harness.setup(() => ({ hang: true }), { timeoutMs: 3000, retry: false });
    const started = performance.now();
    await expect(client.POST("/chat/completions", { body, deadlineMS: 200 })).rejects.toThrow(new TypeError('unknown call option "deadlineMS" (did you mean "deadlineMs"?)'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["retry: { maxRetry: 0 } (4 requests were sent)", { given: { retry: { maxRetry: 0 } }, want: 'unknown retry option "maxRetry" (did you mean "maxRetries"?)' }],
    ["retries: 0 (4 requests were sent)", { given: { retries: 0 }, want: 'unknown call option "retries" (did you mean "retry"?)' }],
    ["maxRetries: 0, the openai SDK's per-request option", { given: { maxRetries: 0 }, want: 'unknown call option "maxRetries" (did you mean "retry.maxRetries"?)' }],
    ["timeout: 100, the openai SDK's per-request option", { given: { timeout: 100 }, want: 'unknown call option "timeout" (did you mean "timeoutMs"?)' }],
  ] as const)("%s", async (_name, { given, want }) => {
    const { client, server } = await harness.setup(() => unavailable, { retry: { initialDelayMs: 1, maxRetries: 3, budget: false } });
    await expect(client.POST("/chat/completions", { body, ...given })).rejects.toThrow(new TypeError(want));
    expect(server.requests).toHaveLength(0);
  });

  it("stream() too: idleTimeoutMS", async () => {
    const { client, server } = await harness.setupSse([{ steps: [sseData(chatChunk({ id: "c1", model: "gob-5.5" }, "hi")), SSE_DONE] }]);
    await expect(client.stream("/chat/completions", { body, idleTimeoutMS: 100 })).rejects.toThrow(new TypeError('unknown call option "idleTimeoutMS" (did you mean "idleTimeoutMs"?)'));
    expect(server.requests).toHaveLength(0);
  });
});

describe("a misspelt createClient option throws (JavaScript has no type check to catch it)", () => {
  it.each([
    ["timeoutMS: 5", { given: { apiKey: "k", timeoutMS: 5 }, want: 'unknown createClient option "timeoutMS" (did you mean "timeoutMs"?)' }],
    ["retry: { maxRetry: 0 }", { given: { apiKey: "k", retry: { maxRetry: 0 } }, want: 'unknown retry option "maxRetry" (did you mean "maxRetries"?)' }],
    ["baseURL, the openai SDK's spelling", { given: { apiKey: "k", baseURL: "http://127.0.0.1:9" }, want: 'unknown createClient option "baseURL" (did you mean "baseUrl"?)' }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(() => createClient(given as ClientOptions)).toThrow(new TypeError(want));
  });

  it("never shows the value of the misspelt key (it may be the API key)", () => {
    expect(() => createClient({ apikey: API_KEY } as ClientOptions)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(API_KEY) }));
    expect(() => createClient({ apikey: API_KEY } as ClientOptions)).toThrow('unknown createClient option "apikey" (did you mean "apiKey"?)');
  });
});

describe("openapi-fetch's and fetch's own options still work", () => {
  it("cache: no-store and parseAs: text", async () => {
    const { client, server } = await harness.setup(() => ok);
    const { data, error } = await client.POST("/chat/completions", { body, cache: "no-store", parseAs: "text" });
    expect(error).toBeUndefined();
    expect(JSON.parse(data as string)).toEqual(completion);
    expect(server.requests).toHaveLength(1);
  });

  it("headers, params and a signal", async () => {
    const { client, server } = await harness.setup(() => ok);
    const { error } = await client.POST("/chat/completions", { body, headers: { "x-trace": "t1" }, params: { query: { v: "1" } } as never, signal: new AbortController().signal });
    expect(error).toBeUndefined();
    expect(server.requests[0]).toMatchObject({ url: "/chat/completions?v=1", headers: { "x-trace": "t1" } });
  });
});
