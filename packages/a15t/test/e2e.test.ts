import { afterEach, describe, expect, it } from "vitest";
import { chatCompletion, clientHarness, secretLeaks, sendThrough, transportFailures, type Reply } from "@errata/scripts/testing";
import { ProviderError } from "@errata/retry-policy";
import { createClient, defaultBaseUrl, type ClientOptions } from "../src/index.js";

const API_KEY = "sk-gapk-DO-NOT-LEAK-7d31e0";
const chatBody = { model: "openai/gpt-4o-mini-2024-07-18", messages: [{ role: "user" as const, content: "What is the capital of Korea?" }] };
const completion = chatCompletion({ id: "chatcmpl-9xYz4bQ2LmN7", model: "openai/gpt-4o-mini-2024-07-18" }, "Seoul.");
const embeddings = {
  object: "list",
  data: [{ object: "embedding", index: 0, embedding: [0.0123, -0.0456] }],
  model: "openai/text-embedding-3-large",
  usage: { prompt_tokens: 4, total_tokens: 4 },
};
const a15tError = (status: number, code: string, headers: Record<string, string> = {}): Reply => ({
  status,
  headers,
  body: { error: { type: "internal_server_error", code, message: `${code} (${status})` } },
});
const ok: Reply = { status: 200, body: completion };

/** A client against a scripted server; waits are recorded instead of slept so that tests stay fast. */
const harness = clientHarness(createClient, { apiKey: API_KEY } as ClientOptions);
afterEach(harness.closeAll);
const setup = harness.setup;

const backoff = { initialDelayMs: 100, maxDelayMs: 1000, jitter: "none" } as const;

describe("a15t end to end, against a real server on 127.0.0.1", () => {
  it("defaults to the spec's server", () => {
    expect(defaultBaseUrl).toBe("https://api.platform.a15t.com/v1");
  });

  it("retries 503 model_overloaded with backoff, then succeeds", async () => {
    const { client, server, waits, retries } = await setup((i) => (i === 0 ? a15tError(503, "model_overloaded") : ok), { retry: backoff });
    const { data, error } = await client.POST("/chat/completions", { body: chatBody });
    expect(error).toBeUndefined();
    expect(data).toEqual(completion);
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([100]);
    expect(retries.map((r) => [r.attempt, r.delayMs, r.error.code, r.error.status])).toEqual([[1, 100, "model_overloaded", 503]]);
  });

  it("sends a persistent 502 model_server_error maxRetries + 1 times", async () => {
    const { client, server, waits } = await setup(() => a15tError(502, "model_server_error"), { retry: { ...backoff, maxRetries: 3 } });
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(server.requests).toHaveLength(4);
    expect(waits).toEqual([100, 200, 400]);
    expect(error).toMatchObject({ status: 502, category: "server_error", code: "model_server_error", retryable: true, attempts: 4 });
  });

  it("sends 400 invalid_argument once", async () => {
    const { client, server, waits } = await setup(() => ({
      status: 400,
      body: { error: { type: "bad_request", code: "invalid_argument", message: "Invalid 'temperature': decimal above maximum value. " } },
    }));
    const { data, error, response } = await client.POST("/chat/completions", { body: { ...chatBody, temperature: 2 } });
    expect(data).toBeUndefined();
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: "a15t", status: 400, type: "bad_request", code: "invalid_argument", category: "invalid_request", retryable: false, attempts: 1 });
    expect(response?.status).toBe(400);
  });

  it("works the same on POST /embeddings", async () => {
    const { client, server } = await setup((i) => (i === 0 ? a15tError(502, "model_timeout") : { status: 200, body: embeddings }), { retry: backoff });
    const { data, error } = await client.POST("/embeddings", { body: { model: "openai/text-embedding-3-large", input: "hello" } });
    expect(error).toBeUndefined();
    expect(data).toEqual(embeddings);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["POST /embeddings", "POST /embeddings"]);
  });

  it("replays the same body on every attempt", async () => {
    const { client, server } = await setup((i) => (i < 2 ? a15tError(503, "model_overloaded") : ok), { retry: backoff });
    await client.POST("/chat/completions", { body: chatBody });
    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) {
      expect(JSON.parse(request.body)).toEqual(chatBody);
      expect(request.headers["content-type"]).toBe("application/json");
    }
  });
});

describe("the quirk: a15t's code decides, whatever status it arrives with", () => {
  it.each([
    ["500 internal_error is sent once", { given: a15tError(500, "internal_error"), want: { requests: 1, category: "server_error", retryable: false } }],
    ["500 failed_request is sent once", { given: a15tError(500, "failed_request"), want: { requests: 1, category: "server_error", retryable: false } }],
    ["500 unknown_workspace is sent once", { given: a15tError(500, "unknown_workspace"), want: { requests: 1, category: "server_error", retryable: false } }],
    ["502 model_unavailable is sent once", { given: a15tError(502, "model_unavailable"), want: { requests: 1, category: "unavailable", retryable: false } }],
    ["503 model_unavailable is sent once", { given: a15tError(503, "model_unavailable"), want: { requests: 1, category: "unavailable", retryable: false } }],
    ["503 model_overloaded is retried", { given: a15tError(503, "model_overloaded"), want: { requests: 3, category: "unavailable", retryable: true } }],
    ["504 model_timeout is retried as a timeout", { given: a15tError(504, "model_timeout"), want: { requests: 3, category: "timeout", retryable: true } }],
    ["500 model_server_error is retried", { given: a15tError(500, "model_server_error"), want: { requests: 3, category: "server_error", retryable: true } }],
    ["409 (no documented code) is sent once", { given: a15tError(409, "already_exists"), want: { requests: 1, category: "conflict", retryable: false } }],
  ] as const)("%s", async (_name, { given, want }) => {
    const { client, server } = await setup(() => given, { retry: { ...backoff, maxRetries: 2 } });
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(server.requests).toHaveLength(want.requests);
    expect(error).toMatchObject({ status: (given as { status: number }).status, category: want.category, retryable: want.retryable, attempts: want.requests });
  });
});

describe("retry delay: a15t documents none, so backoff decides, but a Retry-After is honoured", () => {
  it("429 rate_limit_exceeded without a header waits the backoff", async () => {
    const { client, server, waits } = await setup((i) => (i === 0 ? a15tError(429, "rate_limit_exceeded") : ok), { retry: backoff });
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(error).toBeUndefined();
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([100]);
  });

  it.each([
    ["Retry-After in seconds", { given: { "Retry-After": "7" }, want: 7000 }],
    ["retry-after-ms", { given: { "retry-after-ms": "1250" }, want: 1250 }],
  ] as const)("429 rate_limit_exceeded with %s waits what the server said", async (_name, { given, want }) => {
    const { client, server, waits } = await setup((i) => (i === 0 ? a15tError(429, "rate_limit_exceeded", given) : ok), { retry: backoff });
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(error).toBeUndefined();
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([want]);
  });

  it("Retry-After as an HTTP-date, against the injected clock", async () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const { client, waits } = await setup((i) => (i === 0 ? a15tError(503, "model_overloaded", { "Retry-After": "Thu, 01 Jan 2026 00:00:04 GMT" }) : ok), {
      retry: backoff,
      runtime: { now: () => now, sleep: async (ms) => void waits.push(ms) },
    });
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(error).toBeUndefined();
    expect(waits).toEqual([4000]);
  });

  it("really waits a 1 s Retry-After with the default sleep", async () => {
    const { client, gapsMs } = await harness.setupRealTime((i) => (i === 0 ? a15tError(429, "rate_limit_exceeded", { "Retry-After": "1" }) : ok));
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(error).toBeUndefined();
    const [gap] = gapsMs();
    expect(gap).toBeGreaterThanOrEqual(990);
  });

  it("a Retry-After does not make internal_error retryable", async () => {
    const { client, server, waits } = await setup(() => a15tError(500, "internal_error", { "Retry-After": "1" }));
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error).toMatchObject({ retryable: false, retryAfterMs: 1000 });
  });

  it("returns a Retry-After longer than maxRetryAfterMs to the caller instead of sleeping it", async () => {
    const { client, server, waits } = await setup(() => a15tError(429, "rate_limit_exceeded", { "Retry-After": "120" }), {
      retry: { maxRetryAfterMs: 60_000 },
    });
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 120_000, code: "rate_limit_exceeded" });
  });
});

describe("the API key", () => {
  it("reaches the server as a Bearer token, and only there", async () => {
    const { client, server } = await setup(() => ok);
    await client.POST("/chat/completions", { body: chatBody });
    const [request] = server.requests;
    expect(request!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request!.url).toBe("/chat/completions");
    expect(request!.body).not.toContain(API_KEY);
    const elsewhere = Object.entries(request!.headers).filter(([name, value]) => name !== "authorization" && String(value).includes(API_KEY));
    expect(elsewhere).toEqual([]);
  });

  it("is not sent when none is given, and the server's missing_api_key comes back as authentication", async () => {
    const { client, server } = await setup((_, request) =>
      request.headers.authorization
        ? ok
        : { status: 401, body: { error: { type: "unauthorized", code: "missing_api_key", message: "No API key was provided." } } },
      { apiKey: undefined },
    );
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(error).toMatchObject({ status: 401, category: "authentication", code: "missing_api_key", retryable: false });
  });

  it("never appears in the error, even when the server echoes it", async () => {
    const { client } = await setup((_, request) => ({
      status: 401,
      headers: { "x-echo": String(request.headers.authorization) },
      body: { error: { type: "unauthorized", code: "invalid_api_key", message: `bad key ${request.headers.authorization}` } },
    }));
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(error).toMatchObject({ category: "authentication", code: "invalid_api_key", retryable: false });
    expect(secretLeaks(error, API_KEY)).toEqual([]);
    expect(error!.message).toContain("[REDACTED]");
  });
});

describe("failures without an HTTP response are returned, never thrown, and never show the key", () => {
  it.each(transportFailures(ok, ["refused", "resetOnce", "silent", "aborted", "bodyStalls", "bodyCut", "bodyCutIdempotent"]))("%s", async (_name, { given, want }) => {
    const outcome = await sendThrough(harness, given, (client, signal) => client.POST("/chat/completions", { body: chatBody, signal }));
    expect(outcome).toMatchObject(want);
    expect(outcome.elapsedMs).toBeLessThan(5000);
  });
});
