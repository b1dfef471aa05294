import { describe, expect, it } from "vitest";
import { createRetryingFetch, decideRetry, ProviderError, resolveRetryPolicy, RetryBudget, type RetryingFetchOptions } from "../src/index.js";
import { createFetcher } from "../src/retrying-fetch.js";
import { json, testCatalog } from "./fixtures.js";

type Scripted = Response | Error | ((init: RequestInit) => Response | Promise<Response>);

/** A fetch that answers from a script and records what it was sent; time is a counter. */
function harness(script: Scripted[], options: Partial<RetryingFetchOptions> = {}) {
  const sent: { url: string; init: RequestInit; body: string | undefined }[] = [];
  const waits: number[] = [];
  let clock = 1_000_000;
  const fetch = async (url: RequestInfo | URL, init: RequestInit = {}) => {
    const body = typeof init.body === "string" ? init.body : init.body instanceof Blob ? await init.body.text() : undefined;
    sent.push({ url: String(url), init, body });
    const step = script[Math.min(sent.length - 1, script.length - 1)]!;
    if (step instanceof Error) throw step;
    return typeof step === "function" ? step(init) : step.clone();
  };
  const retryingFetch = createRetryingFetch({
    catalog: testCatalog,
    fetch,
    runtime: { now: () => clock, sleep: async (ms) => void (waits.push(ms), (clock += ms)), random: () => 0.5 },
    ...options,
  });
  return { retryingFetch, sent, waits, advance: (ms: number) => (clock += ms) };
}

const status = (code: number, body: unknown = {}, headers: Record<string, string> = {}) =>
  new Response(typeof body === "string" ? body : json(body), { status: code, headers });

describe("createRetryingFetch", () => {
  it("returns a success untouched, in one attempt", async () => {
    const { retryingFetch, sent } = harness([status(200, { ok: true })]);
    const { response, error } = await retryingFetch("http://127.0.0.1/x");
    expect(error).toBeUndefined();
    expect(await response!.json()).toEqual({ ok: true });
    expect(sent).toHaveLength(1);
  });

  it("retries a retryable error with full-jitter backoff and reports each retry", async () => {
    const seen: unknown[] = [];
    const { retryingFetch, sent, waits } = harness([status(503), status(503), status(200)], {
      retry: { onRetry: ({ attempt, delayMs, error }) => seen.push([attempt, delayMs, error.status]) },
    });
    const { error } = await retryingFetch("http://127.0.0.1/x", { method: "POST", body: "same" });
    expect(error).toBeUndefined();
    expect(sent.map((s) => s.body)).toEqual(["same", "same", "same"]);
    expect(waits).toEqual([250, 500]);
    expect(seen).toEqual([[1, 250, 503], [2, 500, 503]]);
  });

  it("does not retry what the catalog says is not retryable, whatever the status", async () => {
    const { retryingFetch, sent } = harness([status(500, { error: { code: "internal_error" } })]);
    const { error } = await retryingFetch("http://127.0.0.1/x");
    expect(sent).toHaveLength(1);
    expect(error).toMatchObject({ retryable: false, attempts: 1 });
  });

  it("does not replay what can only be resubmitted (a job that already failed): one attempt, still retryable", async () => {
    const { retryingFetch, sent } = harness([status(200, { status: "expired", message: "gone" }), status(200, { status: "success" })]);
    const { error } = await retryingFetch("http://127.0.0.1/x", { method: "POST", body: "{}" });
    expect(sent).toHaveLength(1);
    expect(error).toMatchObject({ retryable: true, resubmit: true, attempts: 1, message: "gone" });
  });

  it("does not spend the retry budget on resubmit-only errors: they say nothing about the service's health", async () => {
    const budget = new RetryBudget();
    const { retryingFetch } = harness([status(200, { status: "expired" })], { retry: { budget } });
    for (let i = 0; i < 15; i++) await retryingFetch("http://127.0.0.1/x");
    expect(budget.tokens).toBe(budget.maxTokens);
  });

  it("waits the server's stated time, never less", async () => {
    const { retryingFetch, waits } = harness([status(429, { error: { type: "rate_limit", retry_after: 3 } }), status(200)]);
    await retryingFetch("http://127.0.0.1/x");
    expect(waits).toEqual([3000]);
  });

  it("retries an in-band failure inside a 200, and returns the body of a success", async () => {
    const { retryingFetch, sent } = harness([status(200, { status: "failed", message: "GPU" }), status(200, { status: "success", output: ["u"] })]);
    const { response, error } = await retryingFetch("http://127.0.0.1/x");
    expect(error).toBeUndefined();
    expect(sent).toHaveLength(2);
    expect(await response!.json()).toEqual({ status: "success", output: ["u"] });
  });

  it("never retries a streamed request body", async () => {
    const { retryingFetch, sent } = harness([status(503), status(200)]);
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("x")), c.close()) });
    const { error } = await retryingFetch("http://127.0.0.1/x", { method: "POST", body: stream });
    expect(sent).toHaveLength(1);
    expect(error?.status).toBe(503);
  });

  it("sends one idempotency key, the same on every attempt", async () => {
    const { retryingFetch, sent } = harness([status(503), status(200)], { idempotencyHeader: "Idempotency-Key" });
    await retryingFetch("http://127.0.0.1/x", { method: "POST", body: "b" });
    const keys = sent.map((s) => new Headers(s.init.headers).get("idempotency-key"));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it("replays a Request's body on every attempt", async () => {
    const { retryingFetch, sent } = harness([status(502), status(200)]);
    await retryingFetch(new Request("http://127.0.0.1/x", { method: "POST", body: json({ a: 1 }), headers: { "x-a": "1" } }));
    expect(sent.map((s) => s.body)).toEqual([json({ a: 1 }), json({ a: 1 })]);
    expect(sent.map((s) => new Headers(s.init.headers).get("x-a"))).toEqual(["1", "1"]);
  });

  it("does not start a wait that would end past the deadline", async () => {
    const { retryingFetch, sent, waits } = harness([status(429, { error: { type: "rate_limit", retry_after: 5 } })], { deadlineMs: 4000 });
    const { error } = await retryingFetch("http://127.0.0.1/x");
    expect(sent).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error?.retryAfterMs).toBe(5000);
  });

  it("stops retrying when the shared budget runs low (a fleet does not multiply an outage)", async () => {
    const budget = new RetryBudget({ maxTokens: 4, tokenRatio: 0.1 });
    const { retryingFetch, sent } = harness([status(503)], { retry: { budget, maxRetries: 2 } });
    for (let call = 0; call < 5; call++) await retryingFetch("http://127.0.0.1/x");
    // 4 tokens, retries only above 2: the first call retries twice at most, then the bucket blocks.
    expect(sent.length).toBeLessThanOrEqual(5 + 2);
    expect(budget.canRetry()).toBe(false);
  });

  it("sends nothing for a signal already aborted, and says so: attempts 0", async () => {
    const { retryingFetch, sent } = harness([status(200)]);
    const { error } = await retryingFetch("http://127.0.0.1/x", { signal: AbortSignal.abort(new Error("gone")) });
    expect(error).toMatchObject({ status: 0, category: "aborted", retryable: false, attempts: 0 });
    expect(sent).toHaveLength(0);
  });

  it("ends a wait at once when the caller aborts", async () => {
    const controller = new AbortController();
    const retryingFetch = createRetryingFetch({
      catalog: testCatalog,
      fetch: async () => status(503),
      runtime: { sleep: (ms, signal) => new Promise((resolve, reject) => { signal?.addEventListener("abort", () => reject(signal.reason)); setTimeout(resolve, ms); }) },
      retry: { initialDelayMs: 10_000, maxDelayMs: 10_000, jitter: "none" },
    });
    setTimeout(() => controller.abort(), 20);
    const started = performance.now();
    const { error } = await retryingFetch("http://127.0.0.1/x", { signal: controller.signal });
    expect(error).toMatchObject({ category: "aborted", retryable: false });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it.each([
    ["a thrown TypeError is a network failure", { given: new TypeError("fetch failed"), want: { category: "network", retryable: true, attempts: 3 } }],
  ] as const)("%s", async (_name, { given, want }) => {
    const { retryingFetch } = harness([given]);
    const { error } = await retryingFetch("http://127.0.0.1/x");
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject(want);
  });
});

describe("a custom fetch that ignores init.signal (a wrapper that rebuilds init, say)", () => {
  const never = new Promise<never>(() => {});
  /** A body that sends nothing and never ends; nothing cancels it, as nothing cancels the fetch. */
  const stalledBody = () => new Response(new ReadableStream({ pull: () => never }), { status: 200 });
  const cases: Array<[string, { given: { fetch: () => Promise<Response>; abortAfterMs?: number }; want: { category: string; retryable: boolean; attempts: number } }]> = [
    ["headers that never come time out", { given: { fetch: () => never }, want: { category: "timeout", retryable: true, attempts: 2 } }],
    ["a body that never ends times out", { given: { fetch: async () => stalledBody() }, want: { category: "timeout", retryable: true, attempts: 2 } }],
    ["the caller's abort ends a hung attempt", { given: { fetch: () => never, abortAfterMs: 30 }, want: { category: "aborted", retryable: false, attempts: 1 } }],
  ];
  it.each(cases)("%s", async (_name, { given, want }) => {
    let calls = 0;
    const fetcher = createFetcher({
      catalog: testCatalog,
      fetch: () => (calls++, given.fetch()),
      timeoutMs: given.abortAfterMs ? 60_000 : 40,
      retry: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 1 },
    });
    const controller = new AbortController();
    if (given.abortAfterMs) setTimeout(() => controller.abort(), given.abortAfterMs);
    // The 2xx body is read inside the attempt, as the typed client asks for.
    const { error } = await fetcher("http://127.0.0.1/x", { signal: controller.signal }, { readBody: true });
    expect(error).toMatchObject(want);
    expect(calls).toBe(want.attempts);
  });
});

describe("a custom fetch that is not quite fetch", () => {
  it("may return a Response instead of a promise of one (a mock, say)", async () => {
    const { error, response } = await createFetcher({ catalog: testCatalog, fetch: (() => status(200, { ok: true })) as never })("http://127.0.0.1/x");
    expect(error).toBeUndefined();
    expect(await response!.json()).toEqual({ ok: true });
  });

  it("has the body of a response that arrives after its attempt timed out cancelled, not left open", async () => {
    let cancelled: unknown;
    let answer!: (response: Response) => void;
    const late = new Response(new ReadableStream({ cancel: (reason) => void (cancelled = reason ?? "cancelled") }), { status: 200 });
    const fetcher = createFetcher({ catalog: testCatalog, fetch: () => new Promise<Response>((resolve) => (answer = resolve)), timeoutMs: 20, retry: false });
    const { error } = await fetcher("http://127.0.0.1/x");
    expect(error).toMatchObject({ category: "timeout" });
    answer(late);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(cancelled).toBeDefined();
  });
});

describe("decideRetry", () => {
  const policy = resolveRetryPolicy({ budget: false, jitter: "none" });
  const error = (changes: Partial<ConstructorParameters<typeof ProviderError>[0]> = {}) =>
    new ProviderError({ provider: "acme", status: 503, category: "unavailable", message: "m", retryable: true, ...changes });
  const base = { policy, replayable: true, nowMs: 0, deadlineAt: undefined, random: () => 0.5, retriesSoFar: 0 };
  const lost = () => error({ status: 200, category: "network" });
  it.each([
    ["retryable, backoff", { given: { error: error() }, want: { retry: true, delayMs: 500 } }],
    ["server hint wins", { given: { error: error({ retryAfterMs: 1234 }) }, want: { retry: true, delayMs: 1234 } }],
    ["not retryable", { given: { error: error({ retryable: false }) }, want: { retry: false, reason: "not_retryable" } }],
    ["retryable by resubmitting only", { given: { error: error({ resubmit: true }) }, want: { retry: false, reason: "resubmit_required" } }],
    ["attempts exhausted", { given: { error: error(), retriesSoFar: 2 }, want: { retry: false, reason: "attempts_exhausted" } }],
    ["stream body", { given: { error: error(), replayable: false }, want: { retry: false, reason: "body_not_replayable" } }],
    ["hint too long", { given: { error: error({ retryAfterMs: 120_000 }) }, want: { retry: false, reason: "retry_after_too_long" } }],
    ["past the deadline", { given: { error: error(), deadlineAt: 400 }, want: { retry: false, reason: "deadline" } }],
    ["a 2xx answer lost, not idempotent", { given: { error: lost(), answerLost: true, idempotent: false }, want: { retry: false, reason: "not_idempotent" } }],
    ["a 2xx answer lost, idempotent", { given: { error: lost(), answerLost: true, idempotent: true }, want: { retry: true, delayMs: 500 } }],
    ["a 2xx answer lost, idempotence not said (retried, as before the option)", { given: { error: lost(), answerLost: true }, want: { retry: true, delayMs: 500 } }],
    ["a 2xx answer lost, the policy says not idempotent", { given: { error: lost(), answerLost: true, policy: { ...policy, idempotent: false } }, want: { retry: false, reason: "not_idempotent" } }],
    ["a 2xx answer lost, the call overrides the policy", { given: { error: lost(), answerLost: true, idempotent: true, policy: { ...policy, idempotent: false } }, want: { retry: true, delayMs: 500 } }],
    ["a 2xx answer lost at the deadline: the deadline is the reason", { given: { error: lost(), answerLost: true, idempotent: false, deadlineAt: 400 }, want: { retry: false, reason: "deadline" } }],
    ["no answer at all, not idempotent (the request may never have arrived)", { given: { error: error({ status: 0, category: "network" }), idempotent: false }, want: { retry: true, delayMs: 500 } }],
    ["a provider's error, not idempotent", { given: { error: error(), idempotent: false }, want: { retry: true, delayMs: 500 } }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(decideRetry({ ...base, ...given })).toEqual(want);
  });
});

describe("options are checked once, at creation", () => {
  it.each([
    ["negative maxRetries", { retry: { maxRetries: -1 } }],
    ["NaN initialDelayMs", { retry: { initialDelayMs: Number.NaN } }],
    ["unknown jitter", { retry: { jitter: "half" } }],
    ["timeout 0", { timeoutMs: 0 }],
    ["deadline negative", { deadlineMs: -5 }],
    ["fetch not a function", { fetch: "nope" }],
  ])("%s throws", (_name, options) => {
    expect(() => createRetryingFetch({ catalog: testCatalog, ...(options as object) })).toThrow();
  });

  it("retry: false means one attempt", async () => {
    const { retryingFetch, sent } = harness([status(503)], { retry: false });
    await retryingFetch("http://127.0.0.1/x");
    expect(sent).toHaveLength(1);
  });
});
