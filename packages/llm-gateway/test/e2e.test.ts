import { afterEach, describe, expect, it } from "vitest";
import { clientHarness, secretLeaks, sendThrough, transportFailures, type Reply } from "@errata/scripts/testing";
import { ProviderError } from "@errata/retry-policy";
import { createClient, defaultBaseUrl, type ClientOptions } from "../src/index.js";

const API_KEY = "gw-test-DO-NOT-LEAK-7d1e0b";
const chatBody = { messages: [{ role: "user", content: "What is the capital of France?" }], model_hint: "online" as const };
const completion = {
  id: "8f7d9e2a-1b3c-4d5e-abc1-234567890abc",
  provider: "gemini",
  content: "The capital of France is Paris.",
  usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
};
const METRICS = [
  "# HELP rate_limit_blocked_total Total number of requests blocked by rate limiter",
  "# TYPE rate_limit_blocked_total counter",
  "rate_limit_blocked_total 47.0",
  "",
].join("\n");
const PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

const ok: Reply = { status: 200, body: completion };
const detail = (status: number, text: string): Reply => ({ status, body: { detail: text } });
const tooMany = detail(429, "Too many requests. Please wait before trying again.");
const badKey = detail(401, "Invalid or missing API Key");
const serverError = detail(500, "Internal server error occurred while processing your request");
const plain500: Reply = { status: 500, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Internal Server Error" };
const metrics: Reply = { status: 200, headers: { "content-type": PROMETHEUS }, body: METRICS };
const validation = {
  detail: [{ type: "missing", loc: ["body", "messages"], msg: "Field required", input: { model_hint: "fast" } }],
};

/** A client against a scripted server; waits are recorded instead of slept, backoff without jitter. */
const harness = clientHarness(createClient, { apiKey: API_KEY, retry: { initialDelayMs: 1000, maxDelayMs: 8000, jitter: "none" } } as ClientOptions);
afterEach(harness.closeAll);
const setup = harness.setup;

describe("LLM Gateway end to end, against a real server on 127.0.0.1", () => {
  it("defaults to the documented local address", () => {
    expect(defaultBaseUrl).toBe("http://localhost:8000");
  });

  it("posts the chat to /api/v1/chat and returns the typed completion", async () => {
    const { client, server } = await setup(() => ok);
    const { data, error, response } = await client.POST("/api/v1/chat", { body: chatBody });
    expect(error).toBeUndefined();
    expect(data).toEqual(completion);
    expect(response?.status).toBe(200);
    expect(server.requests[0]).toMatchObject({ method: "POST", url: "/api/v1/chat" });
    expect(JSON.parse(server.requests[0]!.body)).toEqual(chatBody);
  });

  it("retries 429 with exponential backoff (no delay is sent), then succeeds", async () => {
    const { client, server, waits, retries } = await setup((i) => (i < 2 ? tooMany : ok), { retry: { maxRetries: 3 } });
    const { data, error } = await client.POST("/api/v1/chat", { body: chatBody });
    expect(error).toBeUndefined();
    expect(data).toEqual(completion);
    expect(server.requests).toHaveLength(3);
    // The seed's own sample waits 2 ** attempt seconds; with jitter off the client's backoff is 1 s, 2 s.
    expect(waits).toEqual([1000, 2000]);
    expect(retries.map((r) => [r.attempt, r.delayMs, r.error.status, r.error.category, r.error.retryAfterMs])).toEqual([
      [1, 1000, 429, "rate_limited", undefined],
      [2, 2000, 429, "rate_limited", undefined],
    ]);
  });

  it("gives up on a persistent 429 after maxRetries + 1 attempts, with the detail as message", async () => {
    const { client, server, waits } = await setup(() => tooMany, { retry: { maxRetries: 2 } });
    const { data, error, response } = await client.POST("/api/v1/chat", { body: chatBody });
    expect(data).toBeUndefined();
    expect(response?.status).toBe(429);
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([1000, 2000]);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      provider: "llm-gateway",
      status: 429,
      category: "rate_limited",
      retryable: true,
      retryAfterMs: undefined,
      type: undefined,
      code: undefined,
      attempts: 3,
      message: "Too many requests. Please wait before trying again.",
      body: { detail: "Too many requests. Please wait before trying again." },
    });
  });

  it("sends 401 once: a bad key does not get better by waiting", async () => {
    const { client, server, waits } = await setup(() => badKey);
    const { error } = await client.POST("/api/v1/chat", { body: chatBody });
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error).toMatchObject({ status: 401, category: "authentication", retryable: false, attempts: 1, message: "Invalid or missing API Key", type: undefined, code: undefined });
  });

  it("retries the documented JSON 500", async () => {
    const { client, server, waits } = await setup((i) => (i === 0 ? serverError : ok));
    const { data } = await client.POST("/api/v1/chat", { body: chatBody });
    expect(data).toEqual(completion);
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([1000]);
  });

  it("retries Starlette's text/plain 500 and keeps its text on the error", async () => {
    const { client, server } = await setup(() => plain500, { retry: { maxRetries: 1 } });
    const { error, response } = await client.POST("/api/v1/chat", { body: chatBody });
    expect(server.requests).toHaveLength(2);
    expect(response?.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(error).toMatchObject({ status: 500, category: "server_error", retryable: true, attempts: 2, message: "Internal Server Error", body: "Internal Server Error" });
  });

  it("turns FastAPI's 422 list into one message, keeps the items, and does not retry", async () => {
    const { client, server } = await setup(() => ({ status: 422, body: validation }));
    // A body the types reject, sent anyway, as an untyped caller could.
    const { error } = await client.POST("/api/v1/chat", { body: { model_hint: "fast" } as never });
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 422, category: "invalid_request", retryable: false, message: "body.messages: Field required", body: validation });
    expect((error!.body as typeof validation).detail[0]!.loc).toEqual(["body", "messages"]);
  });

  it.each([
    ["a base URL with the sample's wrong prefix gets the framework 404", { given: detail(404, "Not Found"), want: { status: 404, category: "not_found", message: "Not Found" } }],
    ["a wrong method gets the framework 405", { given: detail(405, "Method Not Allowed"), want: { status: 405, category: "invalid_request", message: "Method Not Allowed" } }],
  ] as const)("%s, not retried", async (_name, { given, want }) => {
    const { client, server } = await setup(() => given);
    const { error } = await client.POST("/api/v1/chat", { body: chatBody });
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ ...want, retryable: false });
  });

  it("honours a standard Retry-After header if a deployment adds one", async () => {
    const { client, waits } = await setup((i) => (i === 0 ? { ...tooMany, headers: { "retry-after": "3" } } : ok));
    const { error } = await client.POST("/api/v1/chat", { body: chatBody });
    expect(error).toBeUndefined();
    expect(waits).toEqual([3000]);
  });

  it("really waits between 429s with the default sleep", async () => {
    const { client, gapsMs } = await harness.setupRealTime((i) => (i === 0 ? tooMany : ok), { retry: { initialDelayMs: 200, jitter: "none" } });
    const { error } = await client.POST("/api/v1/chat", { body: chatBody });
    expect(error).toBeUndefined();
    const [gap] = gapsMs();
    expect(gap).toBeGreaterThanOrEqual(190);
  });
});

describe("GET /api/v1/metrics: Prometheus text, no auth", () => {
  it("returns the text as data without any parseAs", async () => {
    const { client, server } = await setup(() => metrics);
    const { data, error, response } = await client.GET("/api/v1/metrics");
    expect(error).toBeUndefined();
    expect(typeof data).toBe("string");
    expect(data).toBe(METRICS);
    expect(response?.headers.get("content-type")).toBe(PROMETHEUS);
    expect(server.requests[0]).toMatchObject({ method: "GET", url: "/api/v1/metrics" });
  });

  it("also with parseAs: \"text\" spelled out", async () => {
    const { client } = await setup(() => metrics);
    const { data } = await client.GET("/api/v1/metrics", { parseAs: "text" });
    expect(data).toBe(METRICS);
  });

  it("does not send the key to the endpoint that needs none", async () => {
    const { client, server } = await setup(() => metrics);
    await client.GET("/api/v1/metrics");
    expect(server.requests[0]!.headers["x-api-key"]).toBeUndefined();
  });

  it("keeps an X-API-Key the caller sets on the call themselves", async () => {
    const { client, server } = await setup(() => metrics);
    await client.GET("/api/v1/metrics", { headers: { "X-API-Key": "metrics-proxy-key" } });
    expect(server.requests[0]!.headers["x-api-key"]).toBe("metrics-proxy-key");
  });

  it("works for a client created without a key", async () => {
    const server = await harness.serve(() => metrics);
    const { data, error } = await createClient({ baseUrl: server.url }).GET("/api/v1/metrics");
    expect(error).toBeUndefined();
    expect(data).toBe(METRICS);
  });

  it("retries its text/plain 500, then returns the metrics", async () => {
    const { client, server, waits } = await setup((i) => (i === 0 ? plain500 : metrics));
    const { data, error } = await client.GET("/api/v1/metrics");
    expect(error).toBeUndefined();
    expect(data).toBe(METRICS);
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([1000]);
  });

  it("returns an exhausted text/plain 500 as a server_error with the text", async () => {
    const { client, server } = await setup(() => plain500, { retry: false });
    const { data, error } = await client.GET("/api/v1/metrics");
    expect(data).toBeUndefined();
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 500, category: "server_error", retryable: true, body: "Internal Server Error", message: "Internal Server Error" });
  });
});

describe("the API key", () => {
  it("reaches the chat endpoint in X-API-Key, and nowhere else", async () => {
    const { client, server } = await setup(() => ok);
    await client.POST("/api/v1/chat", { body: chatBody });
    const request = server.requests[0]!;
    expect(request.headers["x-api-key"]).toBe(API_KEY);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.url).not.toContain(API_KEY);
    expect(request.body).not.toContain(API_KEY);
  });

  it("never appears in the error, even when the server echoes it", async () => {
    const { client } = await setup((_, request) => ({
      status: 401,
      headers: { "x-echo": String(request.headers["x-api-key"]) },
      body: { detail: `Invalid or missing API Key: ${request.headers["x-api-key"]}` },
    }));
    const { error } = await client.POST("/api/v1/chat", { body: chatBody });
    expect(error).toMatchObject({ status: 401, category: "authentication" });
    expect(secretLeaks(error, API_KEY)).toEqual([]);
    expect(error!.message).toContain("[REDACTED]");
  });

  it("never appears in a 422 that echoes the header back as input", async () => {
    const { client } = await setup((_, request) => ({
      status: 422,
      body: { detail: [{ type: "string_too_short", loc: ["header", "x-api-key"], msg: `bad ${request.headers["x-api-key"]}`, input: request.headers["x-api-key"] }] },
    }));
    const { error } = await client.POST("/api/v1/chat", { body: chatBody });
    expect(error?.message).toBe("header.x-api-key: bad [REDACTED]");
    expect(secretLeaks(error, API_KEY)).toEqual([]);
  });
});

describe("failures without an HTTP response are returned, never thrown, and never show the key", () => {
  it.each(transportFailures(ok, ["refused"]))("%s", async (_name, { given, want }) => {
    const outcome = await sendThrough(harness, given, (client, signal) => client.POST("/api/v1/chat", { body: chatBody, signal }));
    expect(outcome).toMatchObject(want);
    expect(outcome.elapsedMs).toBeLessThan(5000);
  });
});
