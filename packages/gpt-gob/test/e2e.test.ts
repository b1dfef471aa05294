import { afterEach, describe, expect, it } from "vitest";
import { chatCompletion, clientHarness, secretLeaks, sendThrough, transportFailures, type Reply } from "@errata/scripts/testing";
import { ProviderError } from "@errata/retry-policy";
import { createClient, type ClientOptions } from "../src/index.js";

const API_KEY = "gob-test-DO-NOT-LEAK-4f9c2a";
const chatBody = { model: "gob-5.5", messages: [{ role: "user" as const, content: "Where is the treasure?" }] };
const completion = chatCompletion({ id: "gob-cmpl-1", model: "gob-5.5" }, "Under the third stone.");
const gobError = (status: number, type: string, code: string | null, extra: object = {}): Reply => ({
  status,
  headers: { "x-request-id": `req_${status}_${code}` },
  body: { error: { type, code, message: `${type}/${code}`, param: null, ...extra } },
});
const ok: Reply = { status: 200, headers: { "x-request-id": "req_ok" }, body: completion };

/** A client against a scripted server; waits are recorded and shortened so that tests stay fast. */
const harness = clientHarness(createClient, { apiKey: API_KEY } as ClientOptions);
afterEach(harness.closeAll);
const setup = harness.setup;

describe("GPT Gob end to end, against a real server on 127.0.0.1", () => {
  it("retries 429 gremlin_in_the_pipes after its retry_after, then succeeds", async () => {
    const { client, server, waits, retries } = await setup((i) =>
      i === 0 ? gobError(429, "rate_limit_exceeded", "gremlin_in_the_pipes", { retry_after: 12 }) : ok,
    );
    const { data, error } = await client.POST("/chat/completions", { body: chatBody });
    expect(error).toBeUndefined();
    expect(data).toEqual(completion);
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([12_000]);
    expect(retries.map((r) => [r.attempt, r.delayMs, r.error.code])).toEqual([[1, 12_000, "gremlin_in_the_pipes"]]);
  });

  it("really waits the stated time with the default sleep", async () => {
    const { client, gapsMs } = await harness.setupRealTime((i) => (i === 0 ? gobError(429, "rate_limit_exceeded", "gremlin_in_the_pipes", { retry_after: 1 }) : ok));
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(error).toBeUndefined();
    const [gap] = gapsMs();
    expect(gap).toBeGreaterThanOrEqual(990);
  });

  it("sends 429 no_treasure_in_hoard once: a monthly quota does not come back by waiting", async () => {
    const { client, server, waits } = await setup(() => gobError(429, "quota_exceeded", "no_treasure_in_hoard"));
    const { data, error, response } = await client.POST("/chat/completions", { body: chatBody });
    expect(data).toBeUndefined();
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 429, category: "quota_exceeded", code: "no_treasure_in_hoard", retryable: false, attempts: 1 });
    expect(response?.status).toBe(429);
  });

  it("sends a persistent 503 maxRetries + 1 times, with backoff between", async () => {
    const { client, server, waits } = await setup(() => gobError(503, "service_unavailable", null), {
      retry: { maxRetries: 3, initialDelayMs: 100, maxDelayMs: 1000, jitter: "none" },
    });
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(server.requests).toHaveLength(4);
    expect(waits).toEqual([100, 200, 400]);
    expect(error).toMatchObject({ status: 503, category: "unavailable", retryable: true, attempts: 4 });
  });

  it("replays the same body and headers on every attempt", async () => {
    const { client, server } = await setup((i) => (i < 2 ? gobError(500, "server_error", "cave_collapsed") : ok));
    await client.POST("/chat/completions", { body: chatBody, headers: { "x-trace": "t1" } });
    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) {
      expect(JSON.parse(request.body)).toEqual(chatBody);
      expect(request.headers["x-trace"]).toBe("t1");
      expect(request.headers["content-type"]).toBe("application/json");
    }
  });

  it("puts X-Request-Id into requestId", async () => {
    const { client } = await setup(() => gobError(404, "not_found_error", "model_not_found"));
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(error?.requestId).toBe("req_404_model_not_found");
  });

  it("returns a wait longer than maxRetryAfterMs to the caller instead of sleeping it", async () => {
    const { client, server, waits } = await setup(() => gobError(429, "rate_limit_exceeded", "gremlin_in_the_pipes", { retry_after: 120 }), {
      retry: { maxRetryAfterMs: 60_000 },
    });
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 120_000 });
  });
});

describe("failures without an HTTP response are returned, never thrown, and never show the key", () => {
  it.each(transportFailures(ok, ["refused", "resetOnce", "resetAlways", "silent", "aborted", "bodyStalls", "bodyCut", "bodyCutIdempotent"]))("%s", async (_name, { given, want }) => {
    const outcome = await sendThrough(harness, given, (client, signal) => client.POST("/chat/completions", { body: chatBody, signal }));
    expect(outcome).toMatchObject(want);
    expect(outcome.elapsedMs).toBeLessThan(5000);
  });
});

describe("the API key", () => {
  it("reaches the server as a Bearer token", async () => {
    const { client, server } = await setup(() => ok);
    await client.POST("/chat/completions", { body: chatBody });
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("never appears in the error, even when the server echoes it", async () => {
    const { client } = await setup((_, request) => ({
      status: 401,
      headers: { "x-echo": String(request.headers.authorization) },
      body: { error: { type: "authentication_error", code: "invalid_api_key", message: `bad key ${request.headers.authorization}`, param: null } },
    }));
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(error).toMatchObject({ category: "authentication", code: "invalid_api_key" });
    expect(secretLeaks(error, API_KEY)).toEqual([]);
    expect(error!.message).toContain("[REDACTED]");
  });

  it("read from a file with its trailing newline, is sent trimmed and redacted as the server echoes it", async () => {
    const { client, server } = await setup(
      (_, request) => ({
        status: 401,
        body: { error: { type: "authentication_error", code: "revoked_api_key", message: `key ${String(request.headers.authorization).slice(7)} was revoked`, param: null } },
      }),
      { apiKey: `${API_KEY}\n` },
    );
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(error!.message).toBe("key [REDACTED] was revoked");
    expect(secretLeaks(error, API_KEY)).toEqual([]);
  });
});

describe("invalid options throw; failures never do", () => {
  it.each([
    ["negative maxRetries", { retry: { maxRetries: -1 } }],
    ["fractional maxRetries", { retry: { maxRetries: 1.5 } }],
    ["zero timeout", { timeoutMs: 0 }],
    ["bad baseUrl", { baseUrl: "api.gpt-gob.ai" }],
    ["maxDelayMs below initialDelayMs", { retry: { initialDelayMs: 1000, maxDelayMs: 10 } }],
  ] as const)("%s", (_name, options) => {
    expect(() => createClient(options as ClientOptions)).toThrow(/must|baseUrl/);
  });

  it("returns a malformed 200 body as an error that keeps the text, not a throw", async () => {
    const { client } = await setup(() => ({ status: 200, headers: { "content-type": "application/json" }, body: "{not json" }));
    const { error } = await client.POST("/chat/completions", { body: chatBody });
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 200, category: "unknown", retryable: false, body: "{not json" });
  });
});
