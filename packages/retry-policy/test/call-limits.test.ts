import { describe, expect, it } from "vitest";
import { jsonReply, type SseReply } from "@errata/scripts/testing";
import { RetryBudget, type RetryInfo } from "../src/index.js";
import { acmeClient, serverPerTest } from "./stream-fixtures.js";

const serve = serverPerTest();

const busy = () => jsonReply(503, { error: { type: "server_error", message: "busy" } });
const hang = (): SseReply => ({ status: 200, headers: { "content-type": "application/json" }, steps: [{ hang: true }] });
const body = { model: "m" };

describe("one call's own retry options, timeout and deadline, in place of the client's", () => {
  it.each([
    ["retry: false sends once", { given: { client: { retry: { maxRetries: 3 } }, call: { retry: false } }, want: { requests: 1, attempts: 1 } }],
    ["more retries than the client's", { given: { client: { retry: { maxRetries: 1 } }, call: { retry: { maxRetries: 4 } } }, want: { requests: 5, attempts: 5 } }],
    ["retries on a client created with retry: false", { given: { client: { retry: false }, call: { retry: { maxRetries: 2 } } }, want: { requests: 3, attempts: 3 } }],
    ["other retry options on a client created with retry: false still send once", { given: { client: { retry: false }, call: { retry: { maxRetries: undefined, maxRetryAfterMs: 5000 } } }, want: { requests: 1, attempts: 1 } }],
    ["nothing set: the client's", { given: { client: { retry: { maxRetries: 1 } }, call: {} }, want: { requests: 2, attempts: 2 } }],
  ] as const)("%s", async (_name, { given, want }) => {
    const srv = await serve(busy);
    const { error } = await acmeClient(srv.url, given.client as never).POST("/chat/completions", { body, ...given.call });
    expect(error).toMatchObject({ status: 503, attempts: want.attempts });
    expect(srv.requests).toHaveLength(want.requests);
  });

  it("keeps the client's onRetry and its shared budget under a call's own retry options", async () => {
    const srv = await serve(busy);
    const seen: RetryInfo[] = [];
    const budget = new RetryBudget({ maxTokens: 4 });
    const client = acmeClient(srv.url, { retry: { maxRetries: 0, budget, onRetry: (info) => seen.push(info) } });
    await client.POST("/chat/completions", { body, retry: { maxRetries: 5 } });
    // 4 tokens, no retry at half or below: the first failure (3 left) is retried, the second (2 left) is
    // not, although the call allows 5 retries: the client's budget still decides.
    expect(srv.requests).toHaveLength(2);
    expect(seen.map((info) => info.attempt)).toEqual([1]);
    expect(budget.canRetry()).toBe(false);
  });

  it.each([
    ["budget left undefined", { given: { maxRetries: 5, budget: undefined } }],
    ["a budget given as options (only a RetryBudget or false is taken)", { given: { maxRetries: 5, budget: { maxTokens: 100 } } }],
  ] as const)("no call escapes the client's budget: %s", async (name, { given }) => {
    const srv = await serve(busy);
    const budget = new RetryBudget({ maxTokens: 2 });
    budget.recordFailure();
    const client = acmeClient(srv.url, { retry: { budget } });
    if (name.startsWith("a budget given")) {
      await expect(client.POST("/chat/completions", { body, retry: given as never })).rejects.toThrow("retry.budget must be a RetryBudget or false");
      expect(srv.requests).toHaveLength(0);
    } else {
      await client.POST("/chat/completions", { body, retry: given as never });
      expect(srv.requests).toHaveLength(1);
    }
  });

  it.each([["null", null], ["0", 0], ['"0"', "0"], ["true", true], ["an array", []]] as const)("rejects retry: %s, sending nothing", async (_name, given) => {
    const srv = await serve(busy);
    await expect(acmeClient(srv.url).POST("/chat/completions", { body, retry: given as never })).rejects.toThrow("retry must be false or an object of retry options");
    expect(srv.requests).toHaveLength(0);
  });

  it("a key the call leaves undefined keeps the client's value: its maxRetries, its onRetry", async () => {
    const srv = await serve(busy);
    const seen: number[] = [];
    const client = acmeClient(srv.url, { retry: { maxRetries: 1, onRetry: (info) => seen.push(info.attempt) } });
    await client.POST("/chat/completions", { body, retry: { maxRetries: undefined, onRetry: undefined, initialDelayMs: 1 } });
    expect(srv.requests).toHaveLength(2);
    expect(seen).toEqual([1]);
  });

  it("retry: false on one call still reports to the client's budget, so an outage seen there throttles the others", async () => {
    const srv = await serve(busy);
    const budget = new RetryBudget({ maxTokens: 4 });
    const client = acmeClient(srv.url, { retry: { budget } });
    for (let i = 0; i < 2; i++) await client.POST("/chat/completions", { body, retry: false });
    expect(srv.requests).toHaveLength(2);
    expect(budget.canRetry()).toBe(false);
  });

  it("a call's timeoutMs ends a hung attempt long before the client's", async () => {
    const srv = await serve(hang);
    const started = performance.now();
    const { error } = await acmeClient(srv.url, { timeoutMs: 60_000 }).POST("/chat/completions", { body, timeoutMs: 300, retry: false });
    expect(error).toMatchObject({ category: "timeout", retryable: true });
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("a call's deadlineMs bounds its retries", async () => {
    const srv = await serve(hang);
    const started = performance.now();
    const { error } = await acmeClient(srv.url, { timeoutMs: 60_000, retry: { maxRetries: 5 } }).POST("/chat/completions", { body, deadlineMs: 300 });
    expect(error).toMatchObject({ category: "timeout" });
    expect(srv.requests).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it.each([
    ["a zero timeout", { given: { timeoutMs: 0 }, want: "timeoutMs must be a positive number of milliseconds, got 0" }],
    ["a deadline as a string", { given: { deadlineMs: "5" }, want: 'deadlineMs must be a positive number of milliseconds, got "5"' }],
    ["negative retries", { given: { retry: { maxRetries: -1 } }, want: "retry.maxRetries must be a finite integer >= 0, got -1" }],
    ["idempotent as a string", { given: { retry: { idempotent: "yes" } }, want: 'retry.idempotent must be a boolean, got "yes"' }],
  ] as const)("rejects a call with %s, sending nothing", async (_name, { given, want }) => {
    const srv = await serve(busy);
    await expect(acmeClient(srv.url).POST("/chat/completions", { body, ...(given as object) })).rejects.toThrow(want);
    expect(srv.requests).toHaveLength(0);
  });

  it("stream() takes them too", async () => {
    const srv = await serve(busy);
    const { error } = await acmeClient(srv.url, { retry: { maxRetries: 3 } }).stream("/chat/completions", { body, retry: false });
    expect(error).toMatchObject({ status: 503, attempts: 1 });
    expect(srv.requests).toHaveLength(1);
  });

  it("stream() keeps the client's idleTimeoutMs when the call sets only timeoutMs", async () => {
    const gap = { wait: 600 };
    const srv = await serve(() => ({ status: 200, headers: { "content-type": "text/event-stream" }, steps: ['data: {"id":"1","choices":[]}\n\n', gap, 'data: {"id":"2","choices":[]}\n\n', "data: [DONE]\n\n"] }));
    const { stream, error } = await acmeClient(srv.url, { idleTimeoutMs: 5000 }).stream("/chat/completions", { body, timeoutMs: 300, retry: false });
    expect(error).toBeUndefined();
    const seen: unknown[] = [];
    for await (const event of stream!) seen.push(event);
    expect(seen).toHaveLength(2);
  });

  it("stream() checks a call's idleTimeoutMs of null instead of ignoring it", async () => {
    const srv = await serve(busy);
    await expect(acmeClient(srv.url).stream("/chat/completions", { body, idleTimeoutMs: null as never })).rejects.toThrow("idleTimeoutMs must be a positive number of milliseconds, got null");
    expect(srv.requests).toHaveLength(0);
  });

  it("stream() names an invalid timeoutMs as timeoutMs, sending nothing", async () => {
    const srv = await serve(busy);
    await expect(acmeClient(srv.url).stream("/chat/completions", { body, timeoutMs: "300" as never })).rejects.toThrow('timeoutMs must be a positive number of milliseconds, got "300"');
    expect(srv.requests).toHaveLength(0);
  });

  it("stream() takes a call's timeoutMs as its idle timeout too, unless idleTimeoutMs is set", async () => {
    const srv = await serve(() => ({ status: 200, headers: { "content-type": "text/event-stream" }, steps: [{ hang: true }] }));
    const started = performance.now();
    const { error } = await acmeClient(srv.url, { timeoutMs: 60_000 }).stream("/chat/completions", { body, timeoutMs: 300, retry: false });
    expect(error).toMatchObject({ category: "timeout" });
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
