import { describe, expect, it } from "vitest";
import { classify, disagreements, type DocumentedEntry, type DocumentedFormat } from "../../src/testing/catalog-reference.js";

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
