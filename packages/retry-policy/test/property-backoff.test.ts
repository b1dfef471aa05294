import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffCeilingMs, backoffDelayMs, RETRY_DEFAULTS, type BackoffOptions } from "../src/index.js";

/** Valid options as resolveRetryPolicy admits them: finite, >= 0, maxDelayMs >= initialDelayMs. */
const optionsArb = fc
  .tuple(
    fc.oneof(fc.nat({ max: 100_000 }), fc.double({ min: 0, max: 100_000, noNaN: true })),
    fc.oneof(fc.nat({ max: 1_000_000 }), fc.double({ min: 0, max: 1_000_000, noNaN: true })),
  )
  .map(([a, b]) => ({ initialDelayMs: Math.min(a, b), maxDelayMs: Math.max(a, b) }));

const retryArb = fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 5000 }));
// Uniform in [0, 1), and its edges.
const randomArb = fc.oneof(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.constantFrom(0, 1 - Number.EPSILON));

function expectedCeiling(retry: number, o: { initialDelayMs: number; maxDelayMs: number }): number {
  // A zero initial delay stays zero for ever (a naive 0 * 2 ** 1024 is NaN).
  return o.initialDelayMs === 0 ? 0 : Math.min(o.maxDelayMs, o.initialDelayMs * 2 ** (retry - 1));
}

describe("backoff bounds", () => {
  it("full jitter stays within [0, min(maxDelayMs, initialDelayMs * 2^(n-1))]", () => {
    fc.assert(
      fc.property(optionsArb, retryArb, randomArb, (o, retry, r) => {
        const options: BackoffOptions = { ...o, jitter: "full" };
        const delay = backoffDelayMs(retry, options, () => r);
        expect(Number.isNaN(delay)).toBe(false);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(expectedCeiling(retry, o));
      }),
    );
  });

  it("full jitter gives whole milliseconds", () => {
    fc.assert(
      fc.property(optionsArb, retryArb, randomArb, (o, retry, r) => {
        expect(Number.isInteger(backoffDelayMs(retry, { ...o, jitter: "full" }, () => r))).toBe(true);
      }),
    );
  });

  it("no jitter gives the ceiling itself", () => {
    fc.assert(
      fc.property(optionsArb, retryArb, randomArb, (o, retry, r) => {
        const options: BackoffOptions = { ...o, jitter: "none" };
        expect(backoffDelayMs(retry, options, () => r)).toBe(backoffCeilingMs(retry, options));
        expect(backoffCeilingMs(retry, options)).toBe(expectedCeiling(retry, o));
      }),
    );
  });

  it("ceilings never decrease from one retry to the next, and never pass maxDelayMs", () => {
    fc.assert(
      fc.property(optionsArb, retryArb, (o, retry) => {
        const here = backoffCeilingMs(retry, o);
        const next = backoffCeilingMs(retry + 1, o);
        expect(next).toBeGreaterThanOrEqual(here);
        expect(next).toBeLessThanOrEqual(o.maxDelayMs);
        expect(Number.isNaN(next)).toBe(false);
      }),
    );
  });

  it("full jitter covers the whole range: the lowest random gives 0, the highest the (whole) ceiling", () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), fc.nat({ max: 100_000 }), fc.integer({ min: 1, max: 30 }), (a, b, retry) => {
        const o = { initialDelayMs: Math.min(a, b), maxDelayMs: Math.max(a, b), jitter: "full" as const };
        expect(backoffDelayMs(retry, o, () => 0)).toBe(0);
        expect(backoffDelayMs(retry, o, () => 1 - Number.EPSILON)).toBe(backoffCeilingMs(retry, o));
      }),
    );
  });

  it("a random source that breaks its contract (1) still cannot push a delay past the ceiling", () => {
    fc.assert(
      fc.property(optionsArb, retryArb, (o, retry) => {
        expect(backoffDelayMs(retry, { ...o, jitter: "full" }, () => 1)).toBeLessThanOrEqual(expectedCeiling(retry, o));
      }),
    );
  });
});

describe("backoff, by example (the defaults: 500 ms doubling, capped at 8 s)", () => {
  const defaults = { initialDelayMs: RETRY_DEFAULTS.initialDelayMs, maxDelayMs: RETRY_DEFAULTS.maxDelayMs, jitter: "none" as const };
  const cases: Array<[string, { given: number; want: number }]> = [
    ["first retry", { given: 1, want: 500 }],
    ["second retry", { given: 2, want: 1000 }],
    ["third retry", { given: 3, want: 2000 }],
    ["fifth retry", { given: 5, want: 8000 }],
    ["capped", { given: 6, want: 8000 }],
    ["far out", { given: 5000, want: 8000 }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(backoffDelayMs(given, defaults, () => 0.5)).toBe(want);
  });

  it("an exact full-jitter sequence for a fixed random source", () => {
    const full = { ...defaults, jitter: "full" as const };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, full, () => 0.5))).toEqual([250, 500, 1000, 2000, 4000, 4000]);
  });

  it("a zero initial delay stays zero however many retries (no 0 × Infinity = NaN)", () => {
    expect(backoffCeilingMs(2000, { initialDelayMs: 0, maxDelayMs: 1000 })).toBe(0);
  });
});
