import { describe, expect, it } from "vitest";
import { describeSpecContract, expectPinnedCount, schemaEnum } from "@errata/scripts/testing";
import { ProviderError } from "@errata/retry-policy";
import { errorCatalog, parseError } from "../src/index.js";

// The generic half (every example through parseError, every entry exercised, enums in step) is the
// shared suite; what follows is GPT Gob's own.
const { spec } = await describeSpecContract("gpt-gob", { parseError, errorCatalog, ProviderError });

describe("GPT Gob's schema", () => {
  const enumOf = (path: string) => (schemaEnum(spec, "Error", path) ?? []).filter((v) => v !== null);
  // Pinned on purpose, to catch an error dropped from schema and catalog at once; a spec change that
  // adds one fails here saying which number to edit.
  it.each([
    [13, "types", "error.type"],
    [16, "codes", "error.code"],
  ] as const)("documents %i %s", (pinned, what, path) => {
    expectPinnedCount("gpt-gob", what, enumOf(path), pinned);
  });
});

describe("the classification rules of specs/README.md on GPT Gob's own bodies", () => {
  const body = (type: string, code: string | null, extra: object = {}) => JSON.stringify({ error: { type, code, message: "m", param: null, ...extra } });
  it.each([
    ["a 429 rate limit is retryable", { given: { status: 429, body: body("rate_limit_exceeded", "gremlin_in_the_pipes") }, want: { retryable: true, category: "rate_limited" } }],
    ["a 429 quota is not, same status", { given: { status: 429, body: body("quota_exceeded", "no_treasure_in_hoard") }, want: { retryable: false, category: "quota_exceeded" } }],
    ["a known code keeps its meaning under another status", { given: { status: 400, body: body("server_error", "cave_collapsed") }, want: { retryable: true, category: "server_error" } }],
    ["an unknown code falls back to its type", { given: { status: 429, body: body("quota_exceeded", "new_code") }, want: { retryable: false, category: "quota_exceeded", code: "new_code" } }],
    ["an unknown type and code fall back to the status", { given: { status: 502, body: body("mystery", "mystery") }, want: { retryable: true, category: "unavailable" } }],
    ["goblin_distracted in a plain 500: the code decides (classification rule 1)", { given: { status: 500, body: body("server_error", "goblin_distracted") }, want: { retryable: true, category: "stream_interrupted" } }],
    ["a non-JSON 503 keeps its text", { given: { status: 503, body: "<html>bad gateway</html>" }, want: { retryable: true, category: "unavailable", body: "<html>bad gateway</html>" } }],
    ["retry_after in the body, in seconds", { given: { status: 429, body: body("rate_limit_exceeded", "gremlin_in_the_pipes", { retry_after: 12 }) }, want: { retryAfterMs: 12_000 } }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(parseError(given)).toMatchObject(want);
  });

  it.each([
    ["retry-after-ms wins over everything", { given: { "retry-after-ms": "250", "retry-after": "9", "x-ratelimit-reset-requests": "23s" }, want: 250 }],
    ["then Retry-After seconds", { given: { "retry-after": "9", "x-ratelimit-reset-requests": "23s" }, want: 9000 }],
    ["then the body's retry_after", { given: { "x-ratelimit-reset-requests": "23s" }, want: 12_000 }],
  ] as const)("delay precedence: %s", (_name, { given, want }) => {
    const error = parseError({ status: 429, headers: given, body: body("rate_limit_exceeded", "gremlin_in_the_pipes", { retry_after: 12 }) });
    expect(error?.retryAfterMs).toBe(want);
  });

  it.each([
    ["X-RateLimit-Reset-Requests for the RPM code", { given: { code: "gremlin_in_the_pipes", headers: { "X-RateLimit-Reset-Requests": "23s", "X-RateLimit-Reset-Tokens": "1m" } }, want: 23_000 }],
    ["X-RateLimit-Reset-Tokens for the TPM code", { given: { code: "too_many_tokens", headers: { "X-RateLimit-Reset-Requests": "23s", "X-RateLimit-Reset-Tokens": "1m30s" } }, want: 90_000 }],
  ] as const)("duration headers: %s", (_name, { given, want }) => {
    const error = parseError({ status: 429, headers: given.headers, body: body("rate_limit_exceeded", given.code) });
    expect(error?.retryAfterMs).toBe(want);
  });
});
