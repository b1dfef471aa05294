import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  delayFromSource,
  parseDurationMs,
  parseHttpDateMs,
  parseRetryAfterMs,
  parseSecondsMs,
  retryDelayMs,
  type DelaySource,
} from "../src/index.js";

// Any clock between 2001 and 2100, in whole milliseconds.
const nowArb = fc.integer({ min: 978_307_200_000, max: 4_102_444_800_000 });

/** A usable delay: undefined, or a finite integer number of ms that is >= 0. */
function isUsableDelay(ms: number | undefined): boolean {
  return ms === undefined || (Number.isInteger(ms) && ms >= 0);
}

// Strings that look like what a server might send: numbers of every shape, dates, durations, junk.
const headerValueArb = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.double().map(String),
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 400n), max: 10n ** 400n }).map(String),
  fc.constantFrom("", " ", "-1", "-0", "+5", "1e3", "1e400", "Infinity", "NaN", "0x10", "1.", ".5", "1,5", "12 s"),
  fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.tuple(fc.nat(), fc.constantFrom("ms", "s", "m", "h", "d", "")).map(([n, u]) => `${n}${u}`),
);

/** A duration built from whole parts, and its value in ms. */
const durationArb = fc
  .array(fc.tuple(fc.nat({ max: 10_000 }), fc.constantFrom("h", "m", "s", "ms")), { minLength: 1, maxLength: 5 })
  .map((parts) => ({
    text: parts.map(([n, unit]) => `${n}${unit}`).join(""),
    ms: parts.reduce((sum, [n, unit]) => sum + n * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[unit], 0),
  }));

/** The canonical duration of a number of ms, as GPT Gob's `X-RateLimit-Reset-*` headers write them. */
function formatDuration(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const rest = ms % 1000;
  const text = `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${s}s` : ""}${rest ? `${rest}ms` : ""}`;
  return text || "0s";
}

describe("retry-delay parsing: never negative, never NaN", () => {
  it("parseRetryAfterMs gives undefined or a whole number of ms >= 0 for any string", () => {
    fc.assert(
      fc.property(headerValueArb, nowArb, (value, now) => {
        expect(isUsableDelay(parseRetryAfterMs(value, now))).toBe(true);
      }),
    );
  });

  it("parseSecondsMs, parseDurationMs and parseHttpDateMs give undefined or a whole number of ms >= 0", () => {
    fc.assert(
      fc.property(headerValueArb, nowArb, (value, now) => {
        expect(isUsableDelay(parseSecondsMs(value))).toBe(true);
        expect(isUsableDelay(parseDurationMs(value))).toBe(true);
        expect(isUsableDelay(parseHttpDateMs(value, now))).toBe(true);
      }),
    );
  });

  it("a negative number of seconds is ignored", () => {
    fc.assert(
      fc.property(fc.double({ max: -Number.MIN_VALUE, noNaN: true }), nowArb, (seconds, now) => {
        expect(parseRetryAfterMs(String(seconds), now)).toBeUndefined();
      }),
    );
  });

  it("retryDelayMs gives undefined or a whole number of ms >= 0 for any headers, body and sources", () => {
    const sourceArb: fc.Arbitrary<DelaySource> = fc.oneof(
      fc.record({ in: fc.constant("body" as const), path: fc.constantFrom("error.retry_after", "retry_after", "a.b.c"), unit: fc.constantFrom("s" as const, "ms" as const) }),
      fc.record({
        in: fc.constant("header" as const),
        name: fc.constantFrom("x-ratelimit-reset-requests", "X-RateLimit-Reset-Tokens", "retry-after"),
        format: fc.constantFrom("seconds" as const, "ms" as const, "duration" as const, "http-date" as const, undefined),
      }),
    );
    const headersArb = fc.dictionary(
      fc.constantFrom("retry-after", "retry-after-ms", "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens"),
      headerValueArb,
    );
    const bodyArb = fc.oneof(
      fc.jsonValue(),
      fc.record({ error: fc.record({ retry_after: fc.oneof(fc.double(), fc.integer(), headerValueArb, fc.constant(null)) }) }),
      fc.record({ retry_after: fc.oneof(fc.double(), headerValueArb) }),
    );
    fc.assert(
      fc.property(headersArb, bodyArb, fc.array(sourceArb, { maxLength: 4 }), nowArb, (headers, body, sources, now) => {
        expect(isUsableDelay(retryDelayMs(headers, body, sources, now))).toBe(true);
      }),
    );
  });

  it("a body field that is negative, non-finite or not a number is ignored", () => {
    const source: DelaySource = { in: "body", path: "error.retry_after", unit: "s" };
    const bad = fc.oneof(
      fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, "soon", "", true, null, {}, []),
    );
    fc.assert(
      fc.property(bad, nowArb, (value, now) => {
        expect(delayFromSource(source, {}, { error: { retry_after: value } }, now)).toBeUndefined();
      }),
    );
  });
});

describe("HTTP-dates", () => {
  // HTTP-dates carry whole seconds, so the generated instants do too.
  const secondArb = fc.integer({ min: 0, max: 4_102_444_800 }).map((s) => s * 1000);

  it("a future HTTP-date gives exactly the time until it", () => {
    fc.assert(
      fc.property(nowArb, fc.integer({ min: 1, max: 86_400 * 365 }), (now, aheadS) => {
        const at = (Math.ceil(now / 1000) + aheadS) * 1000;
        const text = new Date(at).toUTCString();
        expect(parseHttpDateMs(text, now)).toBe(at - now);
        expect(parseRetryAfterMs(text, now)).toBe(at - now);
      }),
    );
  });

  it("a past HTTP-date is ignored, and the next hint (or backoff) applies", () => {
    fc.assert(
      fc.property(secondArb, fc.integer({ min: 1, max: 10 ** 10 }), fc.nat({ max: 120 }), (at, behindMs, fallbackS) => {
        const now = at + behindMs;
        const text = new Date(at).toUTCString();
        expect(parseHttpDateMs(text, now)).toBeUndefined();
        expect(parseRetryAfterMs(text, now)).toBeUndefined();
        const sources: DelaySource[] = [{ in: "body", path: "error.retry_after", unit: "s" }];
        expect(retryDelayMs({ "retry-after": text }, {}, sources, now)).toBeUndefined();
        expect(retryDelayMs({ "retry-after": text }, { error: { retry_after: fallbackS } }, sources, now)).toBe(fallbackS * 1000);
      }),
    );
  });

  it("a bare number is never read as a date (Date.parse would take it as a year)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), nowArb, (n, now) => {
        expect(parseHttpDateMs(String(n), now)).toBeUndefined();
      }),
    );
  });
});

describe("durations and seconds round-trip", () => {
  it("a duration made of whole h/m/s/ms parts parses to their sum", () => {
    fc.assert(
      fc.property(durationArb, ({ text, ms }) => {
        expect(parseDurationMs(text)).toBe(ms);
      }),
    );
  });

  it("format → parse is the identity on whole milliseconds", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 * 86_400_000 }), (ms) => {
        expect(parseDurationMs(formatDuration(ms))).toBe(ms);
      }),
    );
  });

  it("whole seconds round-trip through Retry-After, retry-after-ms and a body field", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 9 }), nowArb, (s, now) => {
        expect(parseRetryAfterMs(String(s), now)).toBe(s * 1000);
        expect(retryDelayMs({ "retry-after": String(s) }, undefined, [], now)).toBe(s * 1000);
        expect(retryDelayMs({ "retry-after-ms": String(s) }, undefined, [], now)).toBe(s);
        const source: DelaySource = { in: "body", path: "error.retry_after", unit: "s" };
        expect(retryDelayMs({}, { error: { retry_after: s } }, [source], now)).toBe(s * 1000);
      }),
    );
  });

  it("fractional seconds are rounded up, never down: at most 1 ms over the stated time", () => {
    // "2.007s" is 2007 ms, but 2.007 * 1000 is 2007.0000000000002 in floating point, and the parser
    // rounds up (never shortening a stated wait): 2008. The property pins that bound.
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 7 }), nowArb, (ms, now) => {
        const text = String(ms / 1000);
        for (const parsed of [parseRetryAfterMs(text, now), parseDurationMs(`${text}s`)]) {
          expect(parsed).toBeGreaterThanOrEqual(ms);
          expect(parsed).toBeLessThanOrEqual(ms + 1);
        }
      }),
    );
  });

  it("retry-after-ms wins over Retry-After, which wins over the documented sources", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 6 }), fc.nat({ max: 10 ** 4 }), fc.nat({ max: 10 ** 4 }), nowArb, (ms, s, bodyS, now) => {
        const sources: DelaySource[] = [{ in: "body", path: "error.retry_after", unit: "s" }];
        const body = { error: { retry_after: bodyS } };
        expect(retryDelayMs({ "retry-after-ms": String(ms), "retry-after": String(s) }, body, sources, now)).toBe(ms);
        expect(retryDelayMs({ "retry-after": String(s) }, body, sources, now)).toBe(s * 1000);
        expect(retryDelayMs({}, body, sources, now)).toBe(bodyS * 1000);
      }),
    );
  });
});

describe("retry-delay parsing, by example", () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const cases: Array<[string, { given: string; want: number | undefined }]> = [
    ["whole seconds", { given: "12", want: 12_000 }],
    ["fractional seconds", { given: "1.5", want: 1500 }],
    ["zero", { given: "0", want: 0 }],
    ["padded", { given: "  3 ", want: 3000 }],
    ["negative", { given: "-1", want: undefined }],
    ["exponent", { given: "1e3", want: undefined }],
    ["empty", { given: "", want: undefined }],
    ["a year-like number is not a date", { given: "2030", want: 2_030_000 }],
    ["future HTTP-date", { given: "Thu, 01 Jan 2026 12:00:30 GMT", want: 30_000 }],
    ["now", { given: "Thu, 01 Jan 2026 12:00:00 GMT", want: 0 }],
    ["past HTTP-date", { given: "Thu, 01 Jan 2026 11:59:59 GMT", want: undefined }],
    ["garbage", { given: "soon", want: undefined }],
  ];
  it.each(cases)("Retry-After %s", (_name, { given, want }) => {
    expect(parseRetryAfterMs(given, now)).toBe(want);
  });

  const durations: Array<[string, { given: string; want: number | undefined }]> = [
    ["seconds", { given: "23s", want: 23_000 }],
    ["minutes and seconds", { given: "1m30s", want: 90_000 }],
    ["milliseconds", { given: "250ms", want: 250 }],
    ["fractional hours", { given: "1.5h", want: 5_400_000 }],
    ["no unit", { given: "23", want: undefined }],
    ["unknown unit", { given: "2d", want: undefined }],
    ["negative", { given: "-5s", want: undefined }],
    ["trailing junk", { given: "5s!", want: undefined }],
  ];
  it.each(durations)("duration %s", (_name, { given, want }) => {
    expect(parseDurationMs(given)).toBe(want);
  });
});
