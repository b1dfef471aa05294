import { afterEach, describe, expect, it } from "vitest";
import { clientHarness, secretLeaks, sendThrough, transportFailures, type RecordedRequest, type Reply } from "@errata/scripts/testing";
import { ProviderError } from "@errata/retry-policy";
import { createClient, type ClientOptions, type ModelslabClient as Client } from "../src/index.js";

const API_KEY = "ml-test-DO-NOT-LEAK-7b31e0";
const request = { model_id: "flux", prompt: "A lighthouse on a cliff at sunset" };
const success = {
  status: "success",
  generationTime: 1.87,
  id: 81234567,
  output: ["https://pub-example.r2.dev/generations/81234567-0.png"],
  meta: { width: 512 },
};
const processing = { status: "processing", id: "abc123-def456", eta: 30, message: "Your request is being processed", output: [] };
const ok: Reply = { status: 200, body: success };
const mlError = (status: number, message: string, extra: object = {}): Reply => ({ status, body: { status: "error", message, ...extra } });
const inBand = (status: "error" | "failed", extra: object = {}): Reply => ({ status: 200, body: { status, message: `job ${status}`, ...extra } });

/** A client against a scripted server; waits are recorded and skipped so that tests stay fast. */
const harness = clientHarness(createClient, { apiKey: API_KEY } as ClientOptions);
afterEach(harness.closeAll);
const setup = harness.setup;

const sentBody = (r: RecordedRequest) => JSON.parse(r.body) as Record<string, unknown>;

describe("the API key travels in the JSON body", () => {
  it("is added to text2img's body, and to no header", async () => {
    const { client, server } = await setup(() => ok);
    const { data, error } = await client.POST("/images/text2img", { body: request });
    expect(error).toBeUndefined();
    expect(data).toEqual(success);
    const [sent] = server.requests;
    expect(sent!.method).toBe("POST");
    expect(sent!.url).toBe("/images/text2img");
    expect(sent!.headers["content-type"]).toBe("application/json");
    expect(sentBody(sent!)).toEqual({ key: API_KEY, ...request });
    expect(sent!.headers.authorization).toBeUndefined();
    expect(sent!.headers.key).toBeUndefined();
    expect(JSON.stringify(sent!.headers)).not.toContain(API_KEY);
    expect(sent!.url).not.toContain(API_KEY);
  });

  it("is the whole body of fetch, which the caller may leave out", async () => {
    const { client, server } = await setup(() => ok);
    const { data } = await client.POST("/images/fetch/{id}", { params: { path: { id: "abc123-def456" } } });
    expect(data).toEqual(success);
    expect(server.requests[0]!.url).toBe("/images/fetch/abc123-def456");
    expect(sentBody(server.requests[0]!)).toEqual({ key: API_KEY });
    expect(server.requests[0]!.headers["content-type"]).toBe("application/json");
  });

  it("goes beside request_id in the body of fetch by request id", async () => {
    const { client, server } = await setup(() => ({ status: 200, body: processing }));
    const { data } = await client.POST("/images/fetch", { body: { request_id: 81234567 } });
    expect(data).toEqual(processing);
    expect(server.requests[0]!.url).toBe("/images/fetch");
    expect(sentBody(server.requests[0]!)).toEqual({ key: API_KEY, request_id: 81234567 });
  });

  it("is replayed in the body of every retry", async () => {
    const { client, server } = await setup((i) => (i < 2 ? mlError(500, "Internal server error. Please try again.") : ok));
    await client.POST("/images/text2img", { body: request });
    expect(server.requests).toHaveLength(3);
    for (const sent of server.requests) expect(sentBody(sent)).toEqual({ key: API_KEY, ...request });
  });

  it.each([
    ["undefined", { given: undefined }],
    ["null", { given: null }],
    ["empty", { given: "" }],
  ] as const)("is still sent when the call's body has a key field left %s", async (_, { given }) => {
    const { client, server } = await setup(() => ok);
    // What `{ key: process.env.OTHER_KEY }` gives when the variable is unset: the client's key, not none.
    const { error } = await client.POST("/images/text2img", { body: { ...request, key: given as unknown as string } });
    expect(error).toBeUndefined();
    expect(sentBody(server.requests[0]!)).toEqual({ ...request, key: API_KEY });
  });

  it("can be overridden for one call by passing key in the body", async () => {
    const { client, server } = await setup(() => ok);
    await client.POST("/images/text2img", { body: { ...request, key: "ml-other-key-for-this-call" } });
    expect(sentBody(server.requests[0]!).key).toBe("ml-other-key-for-this-call");
  });

  it("is not invented when no apiKey is given", async () => {
    const server = await harness.serve(() => mlError(401, "API key required"));
    const client = createClient({ baseUrl: server.url });
    const { error } = await client.POST("/images/text2img", { body: request });
    expect(sentBody(server.requests[0]!)).toEqual(request);
    expect(error).toMatchObject({ status: 401, category: "authentication", retryable: false, message: "API key required (createClient was given no apiKey)" });
  });

  it("never appears in an error, even when the server echoes it", async () => {
    const { client } = await setup((_, sent) => {
      const key = String(sentBody(sent).key);
      return { status: 401, headers: { "x-echo": key }, body: { status: "error", message: `Invalid API key ${key}`, key } };
    });
    const { error } = await client.POST("/images/text2img", { body: request });
    expect(error).toMatchObject({ status: 401, category: "authentication", retryable: false });
    expect(secretLeaks(error, API_KEY)).toEqual([]);
    expect(error!.message).toBe("Invalid API key [REDACTED]");
    expect(error!.headers["x-echo"]).toBe("[REDACTED]");
  });

  it("never appears in an in-band error either", async () => {
    const { client } = await setup((_, sent) => ({ status: 200, body: { status: "error", messege: `bad key ${String(sentBody(sent).key)}` } }));
    const { error } = await client.POST("/images/text2img", { body: request });
    expect(error).toMatchObject({ status: 200, message: "bad key [REDACTED]" });
    expect(secretLeaks(error, API_KEY)).toEqual([]);
  });
});

describe("errors inside HTTP 200 bodies", () => {
  it("returns 200 status:error as a ProviderError with status 200, never as data, and does not retry it", async () => {
    const { client, server } = await setup(() => inBand("error", { message: "Model not found: invalid_model_name" }));
    const { data, error, response } = await client.POST("/images/text2img", { body: { ...request, model_id: "invalid_model_name" } });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      provider: "modelslab",
      status: 200,
      category: "unknown",
      retryable: false,
      attempts: 1,
      message: "Model not found: invalid_model_name",
      body: { status: "error", message: "Model not found: invalid_model_name" },
    });
    expect(response?.status).toBe(200);
    expect(server.requests).toHaveLength(1);
  });

  it("reads the legacy messege of an in-band error", async () => {
    const { client } = await setup(() => ({ status: 200, body: { status: "error", messege: "Model not found: x" } }));
    const { error } = await client.POST("/images/text2img", { body: request });
    expect(error?.message).toBe("Model not found: x");
  });

  it.each([
    ["text2img", { given: (client: Client) => client.POST("/images/text2img", { body: request }) }],
    ["fetch/{id}", { given: (client: Client) => client.POST("/images/fetch/{id}", { params: { path: { id: "81234567" } } }) }],
    ["fetch by request_id", { given: (client: Client) => client.POST("/images/fetch", { body: { request_id: "81234567" } }) }],
  ] as const)("returns a 200 status:failed from %s at once: a failed job is resubmitted by the caller, not replayed", async (_name, { given }) => {
    const { client, server, retries } = await setup((i) => (i === 0 ? inBand("failed", { id: 81234567 }) : ok), { retry: { maxRetries: 2 } });
    const { data, error } = await given(client);
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ status: 200, category: "server_error", retryable: true, resubmit: true, attempts: 1, message: "job failed" });
    expect(server.requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it("returns a 200 with a status the spec does not document as an error, body kept, not as data typed success | processing", async () => {
    const { client, server } = await setup(() => ({ status: 200, body: { status: "queued", id: "abc123-def456" } }));
    const { data, error } = await client.POST("/images/text2img", { body: request });
    expect(data).toBeUndefined();
    expect(error).toMatchObject({
      status: 200,
      category: "unknown",
      retryable: false,
      message: 'modelslab: undocumented status "queued" in a 200 body',
      body: { status: "queued", id: "abc123-def456" },
    });
    expect(server.requests).toHaveLength(1);
  });

  it("returns 200 status:processing as data, not as an error", async () => {
    const { client, server } = await setup(() => ({ status: 200, body: processing }));
    const { data, error } = await client.POST("/images/text2img", { body: request });
    expect(error).toBeUndefined();
    expect(data).toEqual(processing);
    expect(server.requests).toHaveLength(1);
  });
});

describe("HTTP errors", () => {
  it("waits the body's retry_after seconds on 429, then succeeds", async () => {
    const { client, server, waits, retries } = await setup((i) =>
      i === 0 ? mlError(429, "Rate limit exceeded. Maximum 5 queued requests allowed.", { retry_after: 30 }) : ok,
    );
    const { data, error } = await client.POST("/images/text2img", { body: request });
    expect(error).toBeUndefined();
    expect(data).toEqual(success);
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([30_000]);
    expect(retries.map((r) => [r.attempt, r.delayMs, r.error.category])).toEqual([[1, 30_000, "rate_limited"]]);
  });

  it("really waits retry_after with the default sleep", async () => {
    const { client, gapsMs } = await harness.setupRealTime((i) => (i === 0 ? mlError(429, "Rate limit exceeded.", { retry_after: 1 }) : ok));
    const { error } = await client.POST("/images/text2img", { body: request });
    expect(error).toBeUndefined();
    const [gap] = gapsMs();
    expect(gap).toBeGreaterThanOrEqual(990);
  });

  it("returns a retry_after longer than maxRetryAfterMs instead of sleeping it", async () => {
    const { client, server, waits } = await setup(() => mlError(429, "Rate limit exceeded.", { retry_after: 120 }), {
      retry: { maxRetryAfterMs: 60_000 },
    });
    const { error } = await client.POST("/images/text2img", { body: request });
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error).toMatchObject({ status: 429, category: "rate_limited", retryable: true, retryAfterMs: 120_000 });
  });

  it("sends 402 once: payment_required, not retryable", async () => {
    const { client, server, waits } = await setup(() => mlError(402, "Insufficient credits. Please add more credits to continue."));
    const { data, error, response } = await client.POST("/images/text2img", { body: request });
    expect(data).toBeUndefined();
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error).toMatchObject({ status: 402, category: "payment_required", retryable: false, attempts: 1 });
    expect(error!.message).toBe("Insufficient credits. Please add more credits to continue.");
    expect(response?.status).toBe(402);
  });

  it("sends a persistent 503 maxRetries + 1 times, with backoff between", async () => {
    const { client, server, waits } = await setup(() => mlError(503, "Service temporarily unavailable. Please try again later."), {
      retry: { maxRetries: 3, initialDelayMs: 100, maxDelayMs: 1000, jitter: "none" },
    });
    const { error } = await client.POST("/images/text2img", { body: request });
    expect(server.requests).toHaveLength(4);
    expect(waits).toEqual([100, 200, 400]);
    expect(error).toMatchObject({ status: 503, category: "unavailable", retryable: true, attempts: 4 });
  });

  it("sends 404 on fetch once: not_found", async () => {
    const { client, server } = await setup(() => mlError(404, "Request not found"));
    const { error } = await client.POST("/images/fetch/{id}", { params: { path: { id: "nope" } } });
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 404, category: "not_found", retryable: false });
  });

  it("reads messege on a non-2xx error too", async () => {
    const { client } = await setup(() => ({ status: 400, body: { status: "error", messege: "prompt is required" } }));
    const { error } = await client.POST("/images/text2img", { body: request });
    expect(error).toMatchObject({ status: 400, category: "invalid_request", message: "prompt is required" });
  });
});

describe("failures without an HTTP response are returned, never thrown, and never show the key", () => {
  // bodyCut: a text2img whose 200 is cut off has started a job; sending it again would start (and bill) a second.
  it.each(transportFailures(ok, ["refused", "aborted", "bodyCut"]))("%s", async (_name, { given, want }) => {
    const outcome = await sendThrough(harness, given, (client, signal) => client.POST("/images/text2img", { body: request, signal }));
    expect(outcome).toMatchObject(want);
    expect(outcome.elapsedMs).toBeLessThan(5000);
  });
});

describe("a fetch only reads its job (x-errata-idempotent): its lost answer is fetched again", () => {
  const cut: Reply = { status: 200, partial: '{"status":"succ', then: "reset" };
  it.each<[string, { given: (client: Client) => Promise<{ error?: unknown }>; want: { requests: number; notRetried?: string }; client?: ClientOptions }]>([
    ["fetch/{id}", { given: (c) => c.POST("/images/fetch/{id}", { params: { path: { id: 81234567 } } }), want: { requests: 2 } }],
    ["a client that says idempotent: false for all its calls", { given: (c) => c.POST("/images/fetch/{id}", { params: { path: { id: 1 } } }), want: { requests: 1, notRetried: "not_idempotent" }, client: { retry: { maxRetries: 2, idempotent: false } } }],
    ["a client that says idempotent: true for all its calls, and text2img", { given: (c) => c.POST("/images/text2img", { body: request }), want: { requests: 2 }, client: { retry: { maxRetries: 2, idempotent: true } } }],
    ["fetch by request_id", { given: (c) => c.POST("/images/fetch", { body: { request_id: 81234567 } }), want: { requests: 2 } }],
    ["a call's own retry options keep the spec's word", { given: (c) => c.POST("/images/fetch", { body: { request_id: 1 }, retry: { maxRetries: 1 } }), want: { requests: 2 } }],
    ["a call that says idempotent: false", { given: (c) => c.POST("/images/fetch", { body: { request_id: 1 }, retry: { idempotent: false } }), want: { requests: 1, notRetried: "not_idempotent" } }],
    ["a call with retry: false", { given: (c) => c.POST("/images/fetch/{id}", { params: { path: { id: 1 } }, retry: false }), want: { requests: 1, notRetried: "attempts_exhausted" } }],
    ["text2img, which starts a job, is not", { given: (c) => c.POST("/images/text2img", { body: request }), want: { requests: 1, notRetried: "not_idempotent" } }],
  ])("%s", async (_name, { given, want, client: options }) => {
    const { client, server } = await setup((i) => (i === 0 ? cut : ok), options ?? { retry: { maxRetries: 2 } });
    const { error } = await given(client);
    expect(server.requests).toHaveLength(want.requests);
    if (want.notRetried) expect(error).toMatchObject({ status: 200, category: "network", notRetried: want.notRetried });
    else expect(error).toBeUndefined();
  });
});
