import { describe, expect, it } from "vitest";
import { describeSpecContract, expectPinnedCount, schemaEnum } from "@errata/scripts/testing";
import { ProviderError } from "@errata/retry-policy";
import { errorCatalog, parseError } from "../src/index.js";

// The generic half (every example and stream error frame through parseError, every entry exercised,
// enums in step) is the shared suite; what follows is a15t's own.
const { spec, entries, frames, successes } = await describeSpecContract("a15t", { parseError, errorCatalog, ProviderError });

describe("a15t's spec", () => {
  // Pinned on purpose (the seed's table), to catch a code dropped from schema and catalog at once.
  it("documents the seed's 23 codes", () => {
    expectPinnedCount("a15t", "codes", schemaEnum(spec, "Error", "error.code") ?? [], 23);
  });

  it("has no type enum (only bad_request is documented)", () => {
    expect(schemaEnum(spec, "Error", "error.type")).toBeUndefined();
  });

  it("marks every code's status as inferred: the seed maps no code to a status", () => {
    const notMarked = entries.filter((e) => e.code !== undefined && !e.inferred?.includes("status")).map((e) => e.code);
    expect(notMarked).toEqual([]);
  });

  it("documents its two stream codes with error frames, the only place they arrive", () => {
    const codes = frames.map((frame) => (frame.value as { error: { code: string } }).error.code);
    expect(codes.sort()).toEqual(entries.filter((e) => e.stream).map((e) => e.code).sort());
  });

  it("has the completion and embeddings successes", () => {
    expect(successes.map((ex) => ex.name).sort()).toEqual(["completion", "embeddings"]);
  });
});

const body = (code: string, type = "whatever") => JSON.stringify({ error: { type, code, message: `${code} happened` } });

describe("the code decides, whatever status it arrives with (a15t's quirk)", () => {
  // The cases the seed makes a point of: retryability is the code's, never the status's.
  it.each([
    ["500 internal_error is NOT retried", { given: { status: 500, code: "internal_error" }, want: { retryable: false, category: "server_error" } }],
    ["500 failed_request is NOT retried", { given: { status: 500, code: "failed_request" }, want: { retryable: false, category: "server_error" } }],
    ["500 unknown_workspace is NOT retried", { given: { status: 500, code: "unknown_workspace" }, want: { retryable: false, category: "server_error" } }],
    ["502 model_unavailable is NOT retried", { given: { status: 502, code: "model_unavailable" }, want: { retryable: false, category: "unavailable" } }],
    ["503 model_unavailable is NOT retried", { given: { status: 503, code: "model_unavailable" }, want: { retryable: false, category: "unavailable" } }],
    ["503 model_overloaded IS retried", { given: { status: 503, code: "model_overloaded" }, want: { retryable: true, category: "unavailable" } }],
    ["429 model_overloaded IS retried, still unavailable", { given: { status: 429, code: "model_overloaded" }, want: { retryable: true, category: "unavailable" } }],
    ["502 model_server_error IS retried", { given: { status: 502, code: "model_server_error" }, want: { retryable: true, category: "server_error" } }],
    ["504 model_timeout keeps its catalog meaning", { given: { status: 504, code: "model_timeout" }, want: { retryable: true, category: "timeout" } }],
    ["502 model_timeout, its inferred status, the same", { given: { status: 502, code: "model_timeout" }, want: { retryable: true, category: "timeout" } }],
    ["429 rate_limit_exceeded IS retried", { given: { status: 429, code: "rate_limit_exceeded" }, want: { retryable: true, category: "rate_limited" } }],
    ["403 unauthorized is a permission problem", { given: { status: 403, code: "unauthorized" }, want: { retryable: false, category: "permission" } }],
    ["400 unsafe_content is a content filter", { given: { status: 400, code: "unsafe_content" }, want: { retryable: false, category: "content_filter" } }],
    ["500 stream_terminated outside a stream keeps its meaning", { given: { status: 500, code: "stream_terminated" }, want: { retryable: true, category: "stream_interrupted" } }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(parseError({ status: given.status, body: body(given.code) })).toMatchObject({ status: given.status, code: given.code, ...want });
  });

  // And as a property over the whole catalog: every code, under every status the seed lists (and 504).
  const statuses = [400, 401, 403, 404, 409, 429, 500, 502, 503, 504];
  const codeEntries = entries.flatMap((e) => (e.code === undefined ? [] : [[e.code, e] as const]));
  it.each(codeEntries)("%s keeps its retryability and category under any status", (code, entry) => {
    for (const status of statuses) {
      expect(parseError({ status, body: body(code) }), `${code} under ${status}`).toMatchObject({
        status,
        retryable: entry.retryable,
        category: entry.category,
      });
    }
  });

  it.each([
    ["an unknown code on a 500 falls back to the status", { given: { status: 500, code: "brand_new" }, want: { retryable: true, category: "server_error", code: "brand_new" } }],
    ["an unknown code on a 409 is the documented status-only entry", { given: { status: 409, code: "already_exists" }, want: { retryable: false, category: "conflict" } }],
    ["an unknown code on a 400 falls back to the status", { given: { status: 400, code: "brand_new" }, want: { retryable: false, category: "invalid_request" } }],
    ["the type string decides nothing (no type is catalogued)", { given: { status: 503, code: "internal_error", type: "service_unavailable" }, want: { retryable: false, category: "server_error" } }],
  ] as const)("%s", (_name, { given, want }) => {
    const type = "type" in given ? given.type : undefined;
    expect(parseError({ status: given.status, body: body(given.code, type) })).toMatchObject(want);
  });

  it("a non-JSON 502 from a proxy keeps its text and falls back to the status", () => {
    expect(parseError({ status: 502, body: "<html>Bad Gateway</html>" })).toMatchObject({
      retryable: true,
      category: "unavailable",
      code: undefined,
      body: "<html>Bad Gateway</html>",
    });
  });
});

describe("retry delay: none documented, but a server's Retry-After is still honoured (the standard headers always are)", () => {
  const now = () => Date.parse("2026-01-01T00:00:00Z");
  it.each([
    ["no header: backoff decides", { given: {}, want: undefined }],
    ["Retry-After in seconds", { given: { "Retry-After": "7" }, want: 7000 }],
    ["Retry-After as an HTTP-date", { given: { "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }, want: 30_000 }],
    ["retry-after-ms wins over Retry-After", { given: { "retry-after-ms": "250", "retry-after": "7" }, want: 250 }],
    ["a past HTTP-date is ignored", { given: { "retry-after": "Wed, 31 Dec 2025 23:59:00 GMT" }, want: undefined }],
    ["a negative value is ignored", { given: { "retry-after": "-3" }, want: undefined }],
    ["an unparseable value is ignored", { given: { "retry-after": "soon" }, want: undefined }],
  ] as const)("%s", (_name, { given, want }) => {
    const error = parseError({ status: 429, headers: given, body: body("rate_limit_exceeded") }, { now });
    expect(error).toMatchObject({ retryable: true, category: "rate_limited" });
    expect(error!.retryAfterMs).toBe(want);
  });

  it("a Retry-After on a non-retryable code is reported, but does not make it retryable", () => {
    const error = parseError({ status: 500, headers: { "retry-after": "5" }, body: body("internal_error") });
    expect(error).toMatchObject({ retryable: false, retryAfterMs: 5000 });
  });
});
