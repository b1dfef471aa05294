import { describe, expect, it } from "vitest";
import { backoffDelayMs, RetryBudget } from "../src/index.js";

const opts = { initialDelayMs: 500, maxDelayMs: 8000 };

describe("backoff", () => {
  it.each([
    ["none: exact doubling, capped", { given: { jitter: "none", random: 0.5 }, want: [500, 1000, 2000, 4000, 8000, 8000] }],
    ["full: uniform below the ceiling (random 0.5)", { given: { jitter: "full", random: 0.5 }, want: [250, 500, 1000, 2000, 4000, 4000] }],
    ["full: random 0 gives 0", { given: { jitter: "full", random: 0 }, want: [0, 0, 0, 0, 0, 0] }],
    ["full: random just below 1 gives the ceiling", { given: { jitter: "full", random: 0.999999999 }, want: [500, 1000, 2000, 4000, 8000, 8000] }],
  ] as const)("%s", (_name, { given, want }) => {
    const delays = [1, 2, 3, 4, 5, 6].map((retry) => backoffDelayMs(retry, { ...opts, jitter: given.jitter }, () => given.random));
    expect(delays).toEqual(want);
  });
});

describe("retry budget (gRPC-style token bucket)", () => {
  it("stops retries after half the bucket is spent, and earns them back with successes", () => {
    const budget = new RetryBudget({ maxTokens: 10, tokenRatio: 0.5 });
    const allowed: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      allowed.push(budget.canRetry());
      budget.recordFailure();
    }
    expect(allowed).toEqual([true, true, true, true, true, false]);
    budget.recordSuccess();
    budget.recordSuccess();
    budget.recordSuccess();
    expect(budget.tokens).toBe(5.5);
    expect(budget.canRetry()).toBe(true);
  });

  it.each([
    ["zero tokens", { maxTokens: 0 }],
    ["negative ratio", { tokenRatio: -1 }],
    ["NaN", { maxTokens: Number.NaN }],
  ])("rejects %s", (_name, options) => {
    expect(() => new RetryBudget(options)).toThrow(RangeError);
  });
});
