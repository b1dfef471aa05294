import { afterEach, describe, expect, it, vi } from "vitest";
import { createRetryingFetch } from "../src/index.js";
import { testCatalog } from "./fixtures.js";

// A test of the caller's own code may fake the clock instead of injecting `runtime`: waits, deadlines
// and HTTP-date Retry-After must all read the faked time, installed after this library was imported.
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const unavailable = (headers: Record<string, string> = {}) => async () => new Response("{}", { status: 503, headers });

describe("the default runtime under vi.useFakeTimers()", () => {
  it("ends the calls at the deadline by the fake clock", async () => {
    vi.useFakeTimers();
    const fetch = vi.fn(unavailable());
    const retryingFetch = createRetryingFetch({
      catalog: testCatalog,
      fetch,
      deadlineMs: 8000,
      retry: { jitter: "none", initialDelayMs: 5000, maxDelayMs: 5000, maxRetries: 3, budget: false },
    });
    const call = retryingFetch("http://127.0.0.1/x");
    await vi.advanceTimersByTimeAsync(20_000);
    const { error } = await call;
    // The second wait would end at 10 s of fake time, past the 8 s deadline.
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(error).toMatchObject({ attempts: 2, notRetried: "deadline" });
  });

  it("reads an HTTP-date Retry-After against the fake date", async () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z") });
    const fetch = vi.fn(unavailable({ "retry-after": "Tue, 01 Jan 2030 00:00:10 GMT" }));
    const delays: number[] = [];
    const retryingFetch = createRetryingFetch({ catalog: testCatalog, fetch, retry: { maxRetries: 1, budget: false, onRetry: ({ delayMs }) => void delays.push(delayMs) } });
    const call = retryingFetch("http://127.0.0.1/x");
    await vi.advanceTimersByTimeAsync(9_999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    const { error } = await call;
    expect(delays).toEqual([10_000]);
    expect(error).toMatchObject({ attempts: 2, notRetried: "attempts_exhausted" });
  });

  it("draws full jitter from a Math.random spied on after import", async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0);
    const fetch = vi.fn(unavailable());
    const retryingFetch = createRetryingFetch({ catalog: testCatalog, fetch, retry: { maxRetries: 1, budget: false } });
    const call = retryingFetch("http://127.0.0.1/x");
    // Full jitter with random() = 0 waits 0 ms: the retry goes at once.
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(2);
    await call;
  });
});
