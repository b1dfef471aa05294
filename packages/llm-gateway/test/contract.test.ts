import { describe, expect, it } from "vitest";
import { describeSpecContract, expectPinnedCount, schemaEnum } from "@errata/scripts/testing";
import { ProviderError } from "@errata/retry-policy";
import { errorCatalog, parseError } from "../src/index.js";

// The generic half (every example through parseError, FastAPI 422 lists and text/plain included,
// every entry exercised, successes left alone) is the shared suite; what follows is LLM Gateway's own.
const { spec, errors } = await describeSpecContract("llm-gateway", { parseError, errorCatalog, ProviderError });

describe("LLM Gateway's examples", () => {
  // The forms the gateway's bodies take; which statuses have examples is the shared suite's business
  // (every catalog entry exercised), so a new documented status needs no edit here.
  type Example = (typeof errors)[number];
  const detail = (ex: Example) => (ex.value as { detail?: unknown }).detail;
  it.each([
    ["a JSON detail string", (ex: Example) => ex.mediaType === "application/json" && typeof detail(ex) === "string"],
    ["a FastAPI 422 validation list", (ex: Example) => ex.status === 422 && Array.isArray(detail(ex))],
    ["Starlette's text/plain 500", (ex: Example) => ex.status === 500 && ex.mediaType === "text/plain"],
  ] as const)("has an example of %s", (_form, isForm) => {
    expect(errors.some(isForm)).toBe(true);
  });

  // Pinned on purpose, to catch an error dropped from responses, catalog and examples at once.
  it("documents 7 error statuses", () => {
    expectPinnedCount("llm-gateway", "error statuses", errorCatalog.errors.map((e) => e.status), 7);
  });
});

describe("catalog and spec stay in step", () => {
  it("keys on status only: no type or code anywhere, in the catalog, its errorFormat or the schemas", () => {
    expect(errorCatalog.errors.filter((e) => "type" in e || "code" in e)).toEqual([]);
    expect(errorCatalog.errorFormat).toEqual({ message: ["detail"] });
    expect(schemaEnum(spec, "ErrorDetail", "type")).toBeUndefined();
    expect(schemaEnum(spec, "ErrorDetail", "code")).toBeUndefined();
    expect(Object.keys(spec.components.schemas.ErrorDetail.properties)).toEqual(["detail"]);
  });

  it("has one entry per documented error status, and no two entries for one status", () => {
    const documented = new Set<number>();
    for (const item of Object.values<any>(spec.paths)) {
      for (const operation of Object.values<any>(item)) {
        for (const status of Object.keys(operation.responses ?? {})) if (Number(status) >= 400) documented.add(Number(status));
      }
    }
    const statuses = errorCatalog.errors.map((e) => e.status);
    expect(new Set(statuses).size).toBe(statuses.length);
    expect([...statuses].sort()).toEqual([...documented].sort());
  });

  it("gives the seed's retryability to the three documented errors", () => {
    const retryable = Object.fromEntries(errorCatalog.errors.map((e) => [e.status, e.retryable]));
    expect({ 401: retryable[401], 429: retryable[429], 500: retryable[500] }).toEqual({ 401: false, 429: true, 500: true });
  });

  it("declares no delay source: the seed documents no Retry-After and no body field", () => {
    expect("retryAfter" in errorCatalog.errorFormat).toBe(false);
    expect(errorCatalog.errors.filter((e) => "retryAfter" in e)).toEqual([]);
  });
});

describe("LLM Gateway's own bodies", () => {
  const json = (value: unknown) => JSON.stringify(value);
  it.each([
    ["a 422 with several items joins them", {
      given: { status: 422, body: json({ detail: [
        { type: "missing", loc: ["body", "messages"], msg: "Field required", input: {} },
        { type: "less_than_equal", loc: ["body", "temperature"], msg: "Input should be less than or equal to 2", input: 3, ctx: { le: 2 } },
        { type: "int_parsing", loc: ["body", "messages", 0, "role"], msg: "Input should be a valid string", input: 1 },
      ] }) },
      want: {
        category: "invalid_request",
        retryable: false,
        message: "body.messages: Field required; body.temperature: Input should be less than or equal to 2; body.messages.0.role: Input should be a valid string",
      },
    }],
    ["a missing X-API-Key declared as a required header arrives as a 422 too", {
      given: { status: 422, body: json({ detail: [{ type: "missing", loc: ["header", "x-api-key"], msg: "Field required", input: null }] }) },
      want: { category: "invalid_request", retryable: false, message: "header.x-api-key: Field required" },
    }],
    ["a 422 item's own `type` is not the error's type", {
      given: { status: 422, body: json({ detail: [{ type: "missing", loc: ["body", "messages"], msg: "Field required" }] }) },
      want: { type: undefined, code: undefined },
    }],
    ["fields named type and code are ignored: status decides", {
      given: { status: 429, body: json({ detail: "slow down", type: "quota_exceeded", code: "no_credits" }) },
      want: { category: "rate_limited", retryable: true, type: undefined, code: undefined, message: "slow down" },
    }],
    ["the default 404 of a wrong prefix (/v1/chat)", { given: { status: 404, body: json({ detail: "Not Found" }) }, want: { category: "not_found", retryable: false, message: "Not Found" } }],
    ["the default 405", { given: { status: 405, body: json({ detail: "Method Not Allowed" }) }, want: { category: "invalid_request", retryable: false, message: "Method Not Allowed" } }],
    ["a text/plain 500 keeps its text", { given: { status: 500, body: "Internal Server Error" }, want: { category: "server_error", retryable: true, message: "Internal Server Error", body: "Internal Server Error" } }],
    ["an HTML 502 from a proxy in front falls back to the status", { given: { status: 502, body: "<html>Bad Gateway</html>" }, want: { category: "unavailable", retryable: true, body: "<html>Bad Gateway</html>" } }],
    ["an undocumented 400 is not retryable", { given: { status: 400, body: json({ detail: "There was an error parsing the body" }) }, want: { category: "invalid_request", retryable: false } }],
    ["a detail object (HTTPException allows any JSON) keeps the body", { given: { status: 500, body: json({ detail: { reason: "gemini down" } }) }, want: { category: "server_error", retryable: true, message: "llm-gateway: HTTP 500", body: { detail: { reason: "gemini down" } } } }],
    ["a standard Retry-After is still honoured if a deployment sends one", { given: { status: 429, headers: { "retry-after": "3" }, body: json({ detail: "Too many requests. Please wait before trying again." }) }, want: { retryAfterMs: 3000 } }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(parseError(given)).toMatchObject(want);
  });

  it("keeps the 422 items, input and ctx included, on error.body", () => {
    const detail = [{ type: "less_than_equal", loc: ["body", "temperature"], msg: "Input should be less than or equal to 2", input: 3, ctx: { le: 2 } }];
    expect(parseError({ status: 422, body: JSON.stringify({ detail }) })?.body).toEqual({ detail });
  });
});
