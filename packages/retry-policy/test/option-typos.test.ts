import { describe, expect, it } from "vitest";
import { jsonReply, PASS_THROUGH_KEYS } from "@errata/scripts/testing";
import { createRetryingFetch } from "../src/index.js";
import { createStreamingFetch } from "../src/stream/index.js";
import { acmeClient, catalog, serverPerTest } from "./stream-fixtures.js";

const start = serverPerTest();
const answer = { id: "1", choices: [] };
const serve = () => start(() => jsonReply(200, answer));
const body = { model: "m" };

describe("a misspelt option of one call rejects the call, naming the key it probably meant, and sends nothing", () => {
  it.each([
    ["deadlineMS", { given: { deadlineMS: 200 }, want: 'unknown call option "deadlineMS" (did you mean "deadlineMs"?)' }],
    ["timeoutMS", { given: { timeoutMS: 200 }, want: 'unknown call option "timeoutMS" (did you mean "timeoutMs"?)' }],
    ["timeout_ms", { given: { timeout_ms: 200 }, want: 'unknown call option "timeout_ms" (did you mean "timeoutMs"?)' }],
    ["timeout (the openai SDK's and axios's name)", { given: { timeout: 200 }, want: 'unknown call option "timeout" (did you mean "timeoutMs"?)' }],
    ["retries", { given: { retries: 0 }, want: 'unknown call option "retries" (did you mean "retry"?)' }],
    ["rety", { given: { rety: false }, want: 'unknown call option "rety" (did you mean "retry"?)' }],
    ["maxRetries beside retry instead of in it", { given: { maxRetries: 0 }, want: 'unknown call option "maxRetries" (did you mean "retry.maxRetries"?)' }],
    ["retry: { maxRetry }", { given: { retry: { maxRetry: 0 } }, want: 'unknown retry option "maxRetry" (did you mean "maxRetries"?)' }],
    ["retry: { maxRetry: undefined } (a key is checked whatever its value)", { given: { retry: { maxRetry: undefined } }, want: 'unknown retry option "maxRetry" (did you mean "maxRetries"?)' }],
    ["idempotent beside retry instead of in it", { given: { idempotent: true }, want: 'unknown call option "idempotent" (did you mean "retry.idempotent"?)' }],
    ["retry: { attempts }: like no key, so all are listed", { given: { retry: { attempts: 1 } }, want: 'unknown retry option "attempts"; known: maxRetries, initialDelayMs, maxDelayMs, maxRetryAfterMs, jitter, budget, onRetry, idempotent' }],
  ] as const)("%s", async (_name, { given, want }) => {
    const srv = await serve();
    await expect(acmeClient(srv.url).POST("/chat/completions", { body, ...(given as object) })).rejects.toThrow(new TypeError(want));
    expect(srv.requests).toHaveLength(0);
  });

  it.each([
    ["idleTimeoutMS", { given: { idleTimeoutMS: 200 }, want: 'unknown call option "idleTimeoutMS" (did you mean "idleTimeoutMs"?)' }],
    ["idleTimeout", { given: { idleTimeout: 200 }, want: 'unknown call option "idleTimeout" (did you mean "idleTimeoutMs"?)' }],
    ["deadlineMS", { given: { deadlineMS: 200 }, want: 'unknown call option "deadlineMS" (did you mean "deadlineMs"?)' }],
    ["retry: { maxRetry }", { given: { retry: { maxRetry: 0 } }, want: 'unknown retry option "maxRetry" (did you mean "maxRetries"?)' }],
  ] as const)("stream() too: %s", async (_name, { given, want }) => {
    const srv = await serve();
    await expect(acmeClient(srv.url).stream("/chat/completions", { body, ...(given as object) })).rejects.toThrow(new TypeError(want));
    expect(srv.requests).toHaveLength(0);
  });
});

describe("a misspelt createClient option throws", () => {
  it.each([
    ["timeoutMS", { given: { timeoutMS: 5 }, want: 'unknown createClient option "timeoutMS" (did you mean "timeoutMs"?)' }],
    ["baseURL (the openai SDK's spelling)", { given: { baseURL: "http://127.0.0.1:9" }, want: 'unknown createClient option "baseURL" (did you mean "baseUrl"?)' }],
    ["api_key", { given: { api_key: "k" }, want: 'unknown createClient option "api_key" (did you mean "apiKey"?)' }],
    ["idle_timeout_ms", { given: { idle_timeout_ms: 5 }, want: 'unknown createClient option "idle_timeout_ms" (did you mean "idleTimeoutMs"?)' }],
    ["maxRetries beside retry", { given: { maxRetries: 0 }, want: 'unknown createClient option "maxRetries" (did you mean "retry.maxRetries"?)' }],
    ["fecth (a swap)", { given: { fecth: globalThis.fetch }, want: 'unknown createClient option "fecth" (did you mean "fetch"?)' }],
    ["retyr (a swap in a short key)", { given: { retyr: { maxRetries: 0 } }, want: 'unknown createClient option "retyr" (did you mean "retry"?)' }],
    ["retry: { maxRetry }", { given: { retry: { maxRetry: 0 } }, want: 'unknown retry option "maxRetry" (did you mean "maxRetries"?)' }],
    ["retry: { budget: { maxToken } }", { given: { retry: { budget: { maxToken: 4 } } }, want: 'unknown RetryBudget option "maxToken" (did you mean "maxTokens"?)' }],
    ["idempotent beside retry (not idempotencyHeader, which it begins)", { given: { idempotent: true }, want: 'unknown createClient option "idempotent" (did you mean "retry.idempotent"?)' }],
    ["retry: { idempotant }", { given: { retry: { idempotant: true } }, want: 'unknown retry option "idempotant" (did you mean "idempotent"?)' }],
    // A test that injects its clock would otherwise sleep for real, without a word.
    ["runtime: { sleeep }", { given: { runtime: { sleeep: async () => {} } }, want: 'unknown runtime option "sleeep" (did you mean "sleep"?)' }],
    ["runtime: { clock }: like no key, so all are listed", { given: { runtime: { clock: () => 0 } }, want: 'unknown runtime option "clock"; known: now, sleep, random' }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(() => acmeClient("http://127.0.0.1:9", given as never)).toThrow(new TypeError(want));
  });

  it.each([
    ["runtime: { now: 0 }", { given: { runtime: { now: 0 } }, want: "runtime.now must be a function, got 0" }],
    ["runtime: { sleep: \"fast\" }", { given: { runtime: { sleep: "fast" } }, want: 'runtime.sleep must be a function, got "fast"' }],
    ["runtime: \"fake\"", { given: { runtime: "fake" }, want: 'runtime must be an object of now, sleep and random functions, got "fake"' }],
  ] as const)("a runtime that is not functions throws: %s", (_name, { given, want }) => {
    expect(() => acmeClient("http://127.0.0.1:9", given as never)).toThrow(new RangeError(want));
  });

  // createClient passes openapi-fetch only what it builds itself: a fetch setting there would be dropped.
  it.each([
    ["cache", { given: { cache: "no-store" } }],
    ["credentials", { given: { credentials: "omit" } }],
    ["maxAttempts", { given: { maxAttempts: 3 } }],
  ] as const)("createClient refuses any other key, such as %s, naming its own", (name, { given }) => {
    expect(() => acmeClient("http://127.0.0.1:9", given as never)).toThrow(
      new TypeError(`unknown createClient option "${name}"; known: apiKey, baseUrl, headers, authScheme, fetch, idempotencyHeader, runtime, idleTimeoutMs, retry, timeoutMs, deadlineMs`),
    );
  });

  it.each([
    ["createRetryingFetch", { given: () => createRetryingFetch({ catalog, timeoutMS: 5 } as never), want: 'unknown createRetryingFetch option "timeoutMS" (did you mean "timeoutMs"?)' }],
    ["createStreamingFetch", { given: () => createStreamingFetch({ catalog, idleTimeout: 5 } as never), want: 'unknown createStreamingFetch option "idleTimeout" (did you mean "idleTimeoutMs"?)' }],
  ] as const)("%s refuses an unknown key", (_name, { given, want }) => {
    expect(given).toThrow(new TypeError(want));
  });

  it("createRetryingFetch checks its retry options the same way", () => {
    expect(() => createRetryingFetch({ catalog, retry: { maxRetry: 0 } as never })).toThrow(new TypeError('unknown retry option "maxRetry" (did you mean "maxRetries"?)'));
  });
});

describe("openapi-fetch's and fetch's own keys pass as before (no near miss of errata's)", () => {
  it.each([
    ["parseAs: text", { given: { parseAs: "text" }, want: { data: JSON.stringify(answer) } }],
    ["cache: no-store", { given: { cache: "no-store" }, want: { data: answer } }],
    ["credentials, mode, redirect, referrerPolicy", { given: { credentials: "same-origin", mode: "cors", redirect: "follow", referrerPolicy: "no-referrer" }, want: { data: answer } }],
    ["signal", { given: { signal: new AbortController().signal }, want: { data: answer } }],
    ["headers", { given: { headers: { "x-pass-through": "1" } }, want: { data: answer, header: "1" } }],
    ["params", { given: { params: { query: { q: "1" } } }, want: { data: answer, url: "/chat/completions?q=1" } }],
    ["bodySerializer", { given: { bodySerializer: () => '{"model":"own"}' }, want: { data: answer, body: '{"model":"own"}' } }],
  ] as const)("%s", async (_name, { given, want }) => {
    const srv = await serve();
    const { data, error } = await acmeClient(srv.url).POST("/chat/completions", { body, ...(given as object) });
    expect(error).toBeUndefined();
    expect(data).toEqual(want.data);
    const [request] = srv.requests;
    if ("header" in want) expect(request!.headers["x-pass-through"]).toBe(want.header);
    if ("url" in want) expect(request!.url).toBe(want.url);
    if ("body" in want) expect(request!.body).toBe(want.body);
  });

  it("a call's middleware still runs", async () => {
    const srv = await serve();
    const seen: string[] = [];
    const middleware = [{ onRequest: ({ request }: { request: Request }) => void seen.push(request.method) }];
    const { error } = await acmeClient(srv.url).POST("/chat/completions", { body, middleware } as never);
    expect(error).toBeUndefined();
    expect(seen).toEqual(["POST"]);
  });

  it("every such key at once, on a call and on stream()", async () => {
    const srv = await serve();
    const { body: _body, baseUrl: _baseUrl, ...keys } = PASS_THROUGH_KEYS;
    const client = acmeClient(srv.url);
    const { data, error } = await client.POST("/chat/completions", { body, ...keys });
    expect(error).toBeUndefined();
    expect(data).toEqual(answer);
    // The JSON reply is no stream: an error, but one the server answered, so the call went through.
    const streamed = await client.stream("/chat/completions", { body, ...keys, parseAs: undefined });
    expect(srv.requests).toHaveLength(2);
    expect(streamed.error?.message).not.toMatch(/unknown/);
  });
});
