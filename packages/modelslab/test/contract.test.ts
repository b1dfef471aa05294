import { describe, expect, it } from "vitest";
import { describeSpecContract, schemaEnum } from "@errata/scripts/testing";
import { ProviderError } from "@errata/retry-policy";
import { errorCatalog, parseError } from "../src/index.js";

// The generic half (every example through parseError, in-band 200 errors included, every entry
// exercised, successes left alone) is the shared suite; what follows is ModelsLab's own.
const { spec, format, entries, errors, successes } = await describeSpecContract("modelslab", { parseError, errorCatalog, ProviderError });
const inBand = format.inBand!;

describe("ModelsLab's examples", () => {
  it("has an example with only the legacy messege", () => {
    expect(errors.some((ex) => (ex.value as any).messege !== undefined && (ex.value as any).message === undefined)).toBe(true);
  });

  it("has the success and processing bodies as its successes", () => {
    expect(successes.map((ex) => (ex.value as any).status).sort()).toEqual(["processing", "success"]);
  });
});

describe("catalog and schema stay in step", () => {
  it("the in-band markers are the Error schema's status enum, each with a catalog entry", () => {
    const statusEnum = (schemaEnum(spec, "Error", "status") ?? []).slice().sort();
    expect(statusEnum).toEqual([...inBand.errorValues].sort());
    expect(entries.flatMap((e) => (e.marker ? [e.marker] : [])).sort()).toEqual(statusEnum);
    expect(errorCatalog.errorFormat.inBand).toMatchObject(inBand);
  });

  it("the success statuses the generator read from the 2xx schemas are the success examples' statuses", () => {
    const statuses = successes.map((ex) => (ex.value as any).status).sort();
    expect([...(errorCatalog.errorFormat.inBand?.successValues ?? [])].sort()).toEqual(statuses);
  });

  it("the 200 discriminator maps the error markers to the Error schema, and nothing else", () => {
    const mapping: Record<string, string> = spec.components.schemas.ImageResult.discriminator.mapping;
    const toError = Object.entries(mapping).filter(([, ref]) => ref.endsWith("/Error")).map(([value]) => value);
    expect(toError.sort()).toEqual([...inBand.errorValues].sort());
  });

  it("every documented error status has exactly one catalog entry, and every entry a documented status", () => {
    const documented = new Set<number>();
    for (const item of Object.values<any>(spec.paths)) {
      for (const operation of Object.values<any>(item)) {
        for (const status of Object.keys(operation?.responses ?? {})) if (Number(status) >= 400) documented.add(Number(status));
      }
    }
    const byStatus = entries.filter((e) => e.marker === undefined).map((e) => e.status);
    expect(byStatus.slice().sort()).toEqual([...documented].sort());
    expect(new Set(byStatus).size).toBe(byStatus.length);
  });

  it("has no type or code: ModelsLab documents neither", () => {
    expect(errorCatalog.errors.filter((e) => "type" in e || "code" in e)).toEqual([]);
    expect(spec.components.schemas.Error.properties.type).toBeUndefined();
    expect(spec.components.schemas.Error.properties.code).toBeUndefined();
  });

  it("reads message first, then the legacy messege", () => {
    expect(errorCatalog.errorFormat.message).toEqual(["message", "messege"]);
  });
});

describe("the classification rules of specs/README.md on ModelsLab's own bodies", () => {
  const body = (status: string, extra: object = {}) => JSON.stringify({ status, message: "m", ...extra });
  it.each([
    ["a 200 error is an error, with status 200", { given: { status: 200, body: body("error") }, want: { status: 200, retryable: false, category: "unknown" } }],
    ["a 200 failed is a retryable error", { given: { status: 200, body: body("failed") }, want: { status: 200, retryable: true, category: "server_error" } }],
    ["a 402 is payment_required and not retryable", { given: { status: 402, body: body("error") }, want: { retryable: false, category: "payment_required" } }],
    ["a 429 is retryable after retry_after seconds", { given: { status: 429, body: body("error", { retry_after: 30 }) }, want: { retryable: true, category: "rate_limited", retryAfterMs: 30_000 } }],
    ["a 429 without retry_after leaves the delay to backoff", { given: { status: 429, body: body("error") }, want: { retryable: true, retryAfterMs: undefined } }],
    ["an undocumented 502 falls back to the status", { given: { status: 502, body: body("error") }, want: { retryable: true, category: "unavailable" } }],
    ["an undocumented 422 falls back to the status", { given: { status: 422, body: body("error") }, want: { retryable: false, category: "invalid_request" } }],
    ["a non-JSON 500 keeps its text on the body, with a short message", { given: { status: 500, body: "<html>oops</html>" }, want: { retryable: true, category: "server_error", body: "<html>oops</html>", message: "HTML page without a title (full text on error.body)" } }],
    ["messege alone is the message", { given: { status: 400, body: JSON.stringify({ status: "error", messege: "old spelling" }) }, want: { message: "old spelling" } }],
    ["message wins over messege", { given: { status: 400, body: JSON.stringify({ status: "error", message: "new", messege: "old" }) }, want: { message: "new" } }],
    ["a 200 failed read from its messege", { given: { status: 200, body: JSON.stringify({ status: "failed", messege: "Processing failed" }) }, want: { category: "server_error", message: "Processing failed" } }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(parseError(given)).toMatchObject(want);
  });

  it.each([
    ["processing", { status: 200, body: JSON.stringify({ status: "processing", id: 1, eta: 12 }) }],
    ["success", { status: 200, body: JSON.stringify({ status: "success", id: 1, output: [] }) }],
    ["a 200 whose messege says something that is not an error", { status: 200, body: JSON.stringify({ status: "success", messege: "deploying_gpu" }) }],
  ] as const)("a 200 %s is not an error", (_name, given) => {
    expect(parseError(given)).toBeUndefined();
  });

  it("a 200 whose status no schema documents is an error: its type could not hold it as data", () => {
    expect(parseError({ status: 200, body: JSON.stringify({ status: "queued", id: 1 }) })).toMatchObject({
      status: 200,
      category: "unknown",
      retryable: false,
      message: 'modelslab: undocumented status "queued" in a 200 body',
      body: { status: "queued", id: 1 },
    });
  });

  it.each([
    ["Retry-After wins over retry_after", { given: { "retry-after": "9" }, want: 9000 }],
    ["retry-after-ms wins over both", { given: { "retry-after-ms": "250", "retry-after": "9" }, want: 250 }],
    ["the body's retry_after otherwise", { given: {}, want: 30_000 }],
    ["X-RateLimit-Reset is not documented, so not read", { given: { "x-ratelimit-reset": "5" }, want: 30_000 }],
  ] as const)("delay precedence: %s", (_name, { given, want }) => {
    expect(parseError({ status: 429, headers: given, body: body("error", { retry_after: 30 }) })?.retryAfterMs).toBe(want);
  });
});
