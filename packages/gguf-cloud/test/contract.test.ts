import { describe, expect, it } from "vitest";
import { describeSpecContract, expectPinnedCount, schemaEnum } from "@errata/scripts/testing";
import { ProviderError } from "@errata/retry-policy";
import { errorCatalog, parseError } from "../src/index.js";

// The generic half (every example and stream error frame through parseError, every entry exercised,
// the type enum in step) is the shared suite; what follows is GGUF Cloud's own.
const { spec, errors, successes } = await describeSpecContract("gguf-cloud", { parseError, errorCatalog, ProviderError });

describe("GGUF Cloud's examples", () => {
  it("has examples of both envelopes, Anthropic's and text/plain", () => {
    const values = errors.map((ex) => ex.value as any);
    expect(values.some((v) => typeof v?.error?.code === "number")).toBe(true); // llama-server
    expect(values.some((v) => v?.error && !("code" in v.error))).toBe(true); // gateway
    expect(values.some((v) => v?.type === "error")).toBe(true); // Anthropic
    expect(errors.some((ex) => ex.mediaType === "text/plain")).toBe(true);
  });

  it("has a success for each of its four JSON routes", () => {
    expect(successes.map((ex) => ex.name).sort()).toEqual(["completion", "embeddings", "message", "models"]);
  });
});

describe("GGUF Cloud's catalog and schema", () => {
  it("has no codes: error.code is llama-server's integer status", () => {
    expect(errorCatalog.errors.filter((e) => "code" in e)).toEqual([]);
    expect(schemaEnum(spec, "Error", "error.code")).toBeUndefined();
  });

  // Pinned on purpose, to catch an error dropped from schema, catalog and examples at once.
  it.each([
    [10, "types", () => schemaEnum(spec, "Error", "error.type") ?? []],
    [11, "catalog entries", () => errorCatalog.errors.map((e) => ("type" in e ? `${e.status} ${e.type}` : `${e.status}`))],
  ] as const)("documents %i %s", (pinned, what, values) => {
    expectPinnedCount("gguf-cloud", what, values(), pinned);
  });

  it("reads no code path and documents no delay source", () => {
    expect(errorCatalog.errorFormat).not.toHaveProperty("code");
    expect(errorCatalog.errorFormat).not.toHaveProperty("retryAfter");
  });

  it("the generated catalog is the spec's x-errata", () => {
    expect(errorCatalog).toEqual({ provider: "gguf-cloud", ...spec["x-errata"] });
  });
});

describe("GGUF Cloud's quirks, through parseError", () => {
  const gateway = (type: string, message = "m") => JSON.stringify({ error: { type, message } });
  const llama = (code: number, type: string, extra: object = {}) => JSON.stringify({ error: { code, message: "m", type, ...extra } });
  const anthropic = (type: string, message = "m") => JSON.stringify({ type: "error", error: { type, message } });

  it.each([
    ["gateway 401", { given: { status: 401, body: gateway("authentication_error") }, want: { category: "authentication", retryable: false, type: "authentication_error" } }],
    ["gateway 404", { given: { status: 404, body: gateway("not_found_error") }, want: { category: "not_found", retryable: false } }],
    ["gateway 503 overloaded_error (deploying)", { given: { status: 503, body: gateway("overloaded_error") }, want: { category: "unavailable", retryable: true, retryAfterMs: undefined } }],
    ["gateway 502 api_error", { given: { status: 502, body: gateway("api_error") }, want: { category: "unavailable", retryable: true, retryAfterMs: undefined } }],
    ["llama-server 400 keeps its integer code off error.code", { given: { status: 400, body: llama(400, "invalid_request_error") }, want: { category: "invalid_request", retryable: false, code: undefined } }],
    ["llama-server 501 not_supported_error is not retryable", { given: { status: 501, body: llama(501, "not_supported_error") }, want: { category: "invalid_request", retryable: false } }],
    ["llama-server 503 unavailable_error is retryable", { given: { status: 503, body: llama(503, "unavailable_error") }, want: { category: "unavailable", retryable: true } }],
    ["llama-server 500 server_error is retryable", { given: { status: 500, body: llama(500, "server_error") }, want: { category: "server_error", retryable: true } }],
    ["a text/plain 500 is still server_error, text kept", { given: { status: 500, body: "Internal Server Error" }, want: { category: "server_error", retryable: true, type: undefined, body: "Internal Server Error", message: "Internal Server Error" } }],
    ["the type decides, not the status: context overflow at 400", { given: { status: 400, body: llama(400, "exceed_context_size_error", { n_prompt_tokens: 5274, n_ctx: 4096 }) }, want: { category: "context_length", retryable: false } }],
    ["Anthropic envelope, recognised by its inner type", { given: { status: 400, body: anthropic("invalid_request_error") }, want: { category: "invalid_request", retryable: false, type: "invalid_request_error" } }],
    ["Anthropic envelope: the type beats the status default", { given: { status: 400, body: anthropic("authentication_error") }, want: { category: "authentication", retryable: false } }],
    ["Anthropic 529 overloaded_error maps to the catalog's entry", { given: { status: 529, body: anthropic("overloaded_error", "Overloaded") }, want: { category: "unavailable", retryable: true, type: "overloaded_error", message: "Overloaded" } }],
    ["an unknown type falls back to the status", { given: { status: 504, body: gateway("gateway_timeout") }, want: { category: "timeout", retryable: true, type: "gateway_timeout" } }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(parseError(given)).toMatchObject(want);
  });

  it("keeps n_prompt_tokens and n_ctx of a context overflow on error.body", () => {
    const error = parseError({ status: 400, body: llama(400, "exceed_context_size_error", { n_prompt_tokens: 5274, n_ctx: 4096 }) });
    expect(error?.body).toMatchObject({ error: { n_prompt_tokens: 5274, n_ctx: 4096, code: 400 } });
    expect(error?.code).toBeUndefined();
  });

  it("documents no delay source: only the standard retry-after headers give retryAfterMs", () => {
    expect(parseError({ status: 503, body: gateway("overloaded_error") })?.retryAfterMs).toBeUndefined();
    expect(parseError({ status: 503, headers: { "retry-after": "3" }, body: gateway("overloaded_error") })?.retryAfterMs).toBe(3000);
  });
});
