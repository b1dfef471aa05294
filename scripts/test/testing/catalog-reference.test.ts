import { describe, expect, it } from "vitest";
import { classify, delayHeaders, disagreements, headerDelayMs, statedDelayMs, unexampledHeaderSources, type DocumentedEntry, type DocumentedFormat } from "../../src/testing/catalog-reference.js";

const format: DocumentedFormat = { type: ["error.type"], code: ["error.code"] };
const entries: DocumentedEntry[] = [
  { status: 429, type: "rate_limit_exceeded", code: "gremlin_in_the_pipes", retryable: true, category: "rate_limited" },
  { status: 500, type: "server_error", code: "goblin_distracted", retryable: true, category: "stream_interrupted", stream: true },
  { status: 500, type: "server_error", retryable: true, category: "server_error" },
  { code: "internal_error", retryable: false, category: "server_error" },
];
const body = (type: string | null, code: string | null) => ({ error: { type, code, message: "m" } });

describe("classify", () => {
  it.each<[string, { given: { status: number; value: unknown }; want: DocumentedEntry | undefined }]>([
    ["a code decides whatever the status", { given: { status: 503, value: body("server_error", "gremlin_in_the_pipes") }, want: entries[0] }],
    ["then the type", { given: { status: 502, value: body("server_error", null) }, want: entries[2] }],
    ["an unknown code falls back to the type", { given: { status: 500, value: body("server_error", "new_code") }, want: entries[2] }],
    ["nothing known", { given: { status: 418, value: body("teapot", null) }, want: undefined }],
  ])("%s", (_name, { given, want }) => {
    expect(classify(entries, format, given.status, given.value)?.entry).toBe(want);
  });
});

describe("disagreements: an example against the entry it classifies to", () => {
  const check = (status: number, value: unknown, inStream = false) => disagreements(classify(entries, format, status, value)!, format, { status, value, inStream });
  it.each<[string, { given: [status: number, value: unknown, inStream?: boolean]; want: string[] }]>([
    ["the entry's status and type", { given: [429, body("rate_limit_exceeded", "gremlin_in_the_pipes")], want: [] }],
    ["another status (goblin_strike under the 503)", { given: [503, body("rate_limit_exceeded", "gremlin_in_the_pipes")], want: ["sits under 503, its entry says status 429"] }],
    ["another type", { given: [429, body("quota_exceeded", "gremlin_in_the_pipes")], want: ["has type quota_exceeded, its entry says rate_limit_exceeded"] }],
    ["both", { given: [503, body("quota_exceeded", "gremlin_in_the_pipes")], want: ["sits under 503, its entry says status 429", "has type quota_exceeded, its entry says rate_limit_exceeded"] }],
    ["an error frame under the stream's 200", { given: [200, body("server_error", "goblin_distracted"), true], want: [] }],
    ["an error frame found by the type of a 500 entry", { given: [200, body("server_error", null), true], want: [] }],
    ["an error frame's type is still compared", { given: [200, body("upstream_error", "goblin_distracted"), true], want: ["has type upstream_error, its entry says server_error"] }],
    ["an entry without status or type (a15t)", { given: [502, body("api_error", "internal_error")], want: [] }],
    ["an example without a type", { given: [429, body(null, "gremlin_in_the_pipes")], want: [] }],
  ])("%s", (_name, { given, want }) => {
    expect(check(...given)).toEqual(want);
  });
});

describe("headerDelayMs: what a header source reads, by format", () => {
  const now = Date.UTC(2015, 9, 21, 7, 27, 0);
  it.each<[string, { given: [format: string | undefined, raw: string]; want: number | undefined }]>([
    ["seconds", { given: ["seconds", "12"], want: 12_000 }],
    ["decimal seconds", { given: ["seconds", "1.5"], want: 1_500 }],
    ["seconds do not read a duration", { given: ["seconds", "23s"], want: undefined }],
    ["ms", { given: ["ms", "250"], want: 250 }],
    ["a duration", { given: ["duration", "23s"], want: 23_000 }],
    ["a duration in parts", { given: ["duration", "1m30s"], want: 90_000 }],
    ["a duration in ms", { given: ["duration", "250ms"], want: 250 }],
    ["a duration with something left over", { given: ["duration", "23s later"], want: undefined }],
    ["an HTTP-date ahead", { given: ["http-date", "Wed, 21 Oct 2015 07:28:00 GMT"], want: 60_000 }],
    ["an HTTP-date past", { given: ["http-date", "Wed, 21 Oct 2015 07:26:00 GMT"], want: undefined }],
    ["no format: seconds, as Retry-After", { given: [undefined, "9"], want: 9_000 }],
    ["no format: an HTTP-date, as Retry-After", { given: [undefined, "Wed, 21 Oct 2015 07:28:00 GMT"], want: 60_000 }],
    ["no format: not a duration", { given: [undefined, "23s"], want: undefined }],
  ])("%s", (_name, { given, want }) => {
    expect(headerDelayMs(...given, now)).toBe(want);
  });
});

describe("the delay an example states, with the headers its response documents", () => {
  const reset = { in: "header", name: "X-RateLimit-Reset-Requests", format: "duration" } as const;
  const gremlin: DocumentedEntry = { ...entries[0]!, retryAfter: [{ in: "body", path: "error.retry_after", unit: "s" }, reset] };
  const declared = { "X-Request-Id": "req_1", "X-RateLimit-Reset-Requests": "23s", "X-RateLimit-Reset-Tokens": "1m30s" };
  const withRetryAfter = { error: { type: "rate_limit_exceeded", code: "gremlin_in_the_pipes", retry_after: 12 } };
  const without = { error: { type: "rate_limit_exceeded", code: "gremlin_in_the_pipes" } };

  it("sends only the headers the delay sources read, under their declared names", () => {
    expect(delayHeaders(format, gremlin, declared)).toEqual({ "X-RateLimit-Reset-Requests": "23s" });
  });

  it("sends the provider's header for an entry without sources of its own, or an unknown error", () => {
    const provider = { ...format, retryAfter: [{ ...reset, name: "x-ratelimit-reset-tokens" }] };
    expect(delayHeaders(provider, entries[2], declared)).toEqual({ "X-RateLimit-Reset-Tokens": "1m30s" });
    expect(delayHeaders(provider, undefined, declared)).toEqual({ "X-RateLimit-Reset-Tokens": "1m30s" });
  });

  it.each<[string, { given: { value: unknown; headers: Record<string, string> }; want: number | undefined }]>([
    ["the body first", { given: { value: withRetryAfter, headers: { "X-RateLimit-Reset-Requests": "23s" } }, want: 12_000 }],
    ["then the header", { given: { value: without, headers: { "X-RateLimit-Reset-Requests": "23s" } }, want: 23_000 }],
    ["the header in another case", { given: { value: without, headers: { "x-ratelimit-reset-requests": "23s" } }, want: 23_000 }],
    ["nothing sent, nothing stated", { given: { value: without, headers: {} }, want: undefined }],
  ])("%s", (_name, { given, want }) => {
    expect(statedDelayMs(format, gremlin, given.value, given.headers)).toBe(want);
  });

  it.each<[string, { given: { entry: DocumentedEntry; headers: Record<string, string> }[]; want: string[] }]>([
    ["a header source with an example value", { given: [{ entry: gremlin, headers: declared }], want: [] }],
    ["one response of several is enough", { given: [{ entry: gremlin, headers: {} }, { entry: gremlin, headers: declared }], want: [] }],
    ["a misspelt header name", { given: [{ entry: { ...gremlin, retryAfter: [{ ...reset, name: "X-RateLimit-Reset-Request" }] }, headers: declared }], want: ["429 type rate_limit_exceeded code gremlin_in_the_pipes reads X-RateLimit-Reset-Request"] }],
    ["a header declared without an example", { given: [{ entry: gremlin, headers: { "X-Request-Id": "req_1" } }], want: ["429 type rate_limit_exceeded code gremlin_in_the_pipes reads X-RateLimit-Reset-Requests"] }],
  ])("unexampled header sources: %s", (_name, { given, want }) => {
    expect(unexampledHeaderSources(format, given)).toEqual(want);
  });

  it("checks the provider's header sources against the errors without their own", () => {
    const provider = { ...format, retryAfter: [reset] };
    expect(unexampledHeaderSources(provider, [{ entry: gremlin, headers: declared }, { entry: entries[2], headers: {} }])).toEqual(["errorFormat reads X-RateLimit-Reset-Requests"]);
  });
});
