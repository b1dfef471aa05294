import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseErrorWith, ProviderError } from "../src/index.js";
import { json, testCatalog } from "./fixtures.js";

const parse = (status: number, body: unknown, headers: Record<string, string> = {}, inStream = false) =>
  parseErrorWith(testCatalog, { status, headers, body }, { now: () => Date.parse("2026-01-01T00:00:00Z"), inStream });

describe("classification: code, then type, then status (specs/README.md, How a response is classified)", () => {
  it.each([
    ["a known code decides", { given: [500, json({ error: { code: "internal_error" } })], want: { category: "server_error", retryable: false, code: "internal_error" } }],
    ["a known code keeps its meaning under any status", { given: [502, json({ error: { code: "internal_error" } })], want: { category: "server_error", retryable: false } }],
    ["a code without status match still wins", { given: [429, json({ error: { type: "rate_limit", code: "overloaded" } })], want: { category: "unavailable", retryable: true } }],
    ["an unknown code falls to the type", { given: [429, json({ error: { type: "quota", code: "brand_new" } })], want: { category: "quota_exceeded", retryable: false, code: "brand_new", type: "quota" } }],
    ["same status, other type, other answer", { given: [429, json({ error: { type: "rate_limit" } })], want: { category: "rate_limited", retryable: true } }],
    ["a status-only entry", { given: [422, json({ detail: [{ loc: ["body", "messages"], msg: "Field required", type: "missing" }] })], want: { category: "invalid_request", retryable: false, message: "body.messages: Field required" } }],
    ["status fallback: 503", { given: [503, "Service Unavailable"], want: { category: "unavailable", retryable: true, body: "Service Unavailable", message: "Service Unavailable" } }],
    ["status fallback: 400", { given: [400, json({ error: { type: "who_knows" } })], want: { category: "invalid_request", retryable: false } }],
    ["status fallback: 529", { given: [529, ""], want: { category: "unavailable", retryable: true, message: "acme: HTTP 529" } }],
    ["status fallback: 418", { given: [418, ""], want: { category: "unknown", retryable: false } }],
    ["a non-string code is ignored", { given: [500, json({ error: { code: 500, type: "x", message: "boom" } })], want: { code: undefined, category: "server_error", retryable: true } }],
  ] as const)("%s", (_name, { given, want }) => {
    const error = parse(given[0], given[1]);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: "acme", status: given[0], ...want });
  });
});

describe("errors inside 2xx bodies", () => {
  it.each([
    ["in-band failed is an error with its entry", { given: json({ status: "failed", message: "GPU died" }), want: { status: 200, category: "server_error", retryable: true, message: "GPU died" } }],
    ["an entry replay cannot help says resubmit", { given: json({ status: "expired", message: "gone" }), want: { status: 200, retryable: true, resubmit: true, message: "gone" } }],
    ["in-band error with legacy messege", { given: json({ status: "error", messege: "prompt is required" }), want: { status: 200, category: "unknown", retryable: false, message: "prompt is required" } }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(parse(200, given)).toMatchObject(want);
  });

  it("marks resubmit only on entries that say so: every other error keeps the same fields", () => {
    expect(Object.keys(parse(200, json({ status: "error", message: "m" }))!)).not.toContain("resubmit");
    expect(Object.keys(parse(503, "down")!)).not.toContain("resubmit");
    expect(Object.keys(parse(200, json({ status: "failed" }))!)).not.toContain("resubmit");
    expect(parse(200, json({ status: "expired" }))!.toJSON()).toMatchObject({ resubmit: true });
  });

  it.each([
    ["success", json({ status: "success", output: [] })],
    ["processing is data, not an error", json({ status: "processing", eta: 30 })],
    ["plain JSON", json({ id: 1 })],
    ["empty", ""],
  ])("%s → undefined", (_name, body) => {
    expect(parse(200, body)).toBeUndefined();
  });

  describe("a status that the 2xx schemas do not document (successValues, read from the spec)", () => {
    const closed = { ...testCatalog, errorFormat: { ...testCatalog.errorFormat, inBand: { ...testCatalog.errorFormat.inBand, successValues: ["success", "processing"] } } };
    it.each([
      ["an unknown status is an error, not data", { given: { body: { status: "queued", id: 7 }, status: 200 }, want: { status: 200, category: "unknown", retryable: false, message: 'acme: undocumented status "queued" in a 200 body', body: { status: "queued", id: 7 } } }],
      ["on a 202 too", { given: { body: { status: "queued" }, status: 202 }, want: { status: 202, message: 'acme: undocumented status "queued" in a 202 body' } }],
      ["a documented success is not", { given: { body: { status: "processing", eta: 3 }, status: 200 }, want: undefined }],
      ["a body without the field is not: only a value can be undocumented", { given: { body: { id: 1 }, status: 200 }, want: undefined }],
      ["a non-string value is not", { given: { body: { status: 3 }, status: 200 }, want: undefined }],
      ["a documented error keeps its entry", { given: { body: { status: "failed", message: "GPU died" }, status: 200 }, want: { category: "server_error", message: "GPU died" } }],
    ] as const)("%s", (_name, { given, want }) => {
      const error = parseErrorWith(closed, { status: given.status, body: json(given.body) });
      if (want === undefined) expect(error).toBeUndefined();
      else expect(error).toMatchObject(want);
    });

    it("without successValues (the schemas leave the field open) any status that is no error is a success", () => {
      expect(parse(200, json({ status: "queued" }))).toBeUndefined();
    });
  });

  it("in a stream, unknown errors are stream_interrupted and known codes keep their meaning", () => {
    expect(parse(200, json({ error: { message: "?" } }), {}, true)).toMatchObject({ category: "stream_interrupted", retryable: false });
    expect(parse(200, json({ error: { code: "stream_broke" } }), {}, true)).toMatchObject({ category: "stream_interrupted", retryable: true });
  });

  it.each([
    ["a known code keeps its category", { given: { error: { code: "overloaded" } }, want: { category: "unavailable", retryable: true } }],
    ["a type match keeps retryability, not category", { given: { error: { type: "quota" } }, want: { category: "stream_interrupted", retryable: false } }],
    ["a retryable type stays retryable", { given: { error: { type: "rate_limit" } }, want: { category: "stream_interrupted", retryable: true } }],
  ] as const)("in a stream, %s", (_name, { given, want }) => {
    expect(parse(200, json(given), {}, true)).toMatchObject({ status: 200, ...want });
  });
});

describe("what the error carries", () => {
  it("keeps the raw body, headers and request id", () => {
    const error = parse(503, "<html>down</html>", { "Request-Id": "r-9", "X-Other": "1" });
    expect(error).toMatchObject({ body: "<html>down</html>", requestId: "r-9", headers: { "request-id": "r-9", "x-other": "1" } });
  });

  const internal = json({ error: { code: "internal_error", message: "m" } });
  const bytes = new TextEncoder().encode(internal);
  it.each([
    ["text", internal],
    ["an already parsed object", { error: { code: "internal_error", message: "m" } }],
    ["a Uint8Array", bytes],
    ["an ArrayBuffer", bytes.buffer],
    ["a Node Buffer", Buffer.from(internal)],
    ["a DataView", new DataView(bytes.buffer)],
    ["a view into a larger buffer", new Uint8Array(new TextEncoder().encode(`xx${internal}yy`).buffer, 2, bytes.length)],
  ] as const)("reads a body given as %s (bytes as UTF-8)", (_name, body) => {
    expect(parse(500, body)).toMatchObject({ status: 500, code: "internal_error", retryable: false, message: "m", body: { error: { code: "internal_error" } } });
  });

  it("keeps a non-JSON body whole on error.body and gives a short message", () => {
    const page = `<!DOCTYPE html><html><head><title>example.com | 524: A timeout occurred</title><style>${"body{margin:0}".repeat(600)}</style></head></html>`;
    const error = parse(524, page)!;
    expect(error).toMatchObject({ message: "example.com | 524: A timeout occurred (HTML page; full text on error.body)", body: page });
    expect(parse(502, new TextEncoder().encode("no healthy upstream\nat 10.0.0.1"))).toMatchObject({ message: "no healthy upstream at 10.0.0.1", body: "no healthy upstream\nat 10.0.0.1" });
  });

  it("keeps the provider's own message from a JSON body unchanged, however long", () => {
    const message = `line one\n${"x".repeat(600)}`;
    expect(parse(500, json({ error: { code: "internal_error", message } }))?.message).toBe(message);
  });

  it.each([
    ["body field, seconds", { given: { body: { error: { type: "rate_limit", retry_after: 7 } }, headers: {} }, want: 7000 }],
    ["entry's own header source", { given: { body: { error: { code: "overloaded" } }, headers: { "x-reset": "1m30s" } }, want: 90_000 }],
    ["Retry-After beats the body", { given: { body: { error: { type: "rate_limit", retry_after: 7 } }, headers: { "Retry-After": "3" } }, want: 3000 }],
    ["retry-after-ms beats Retry-After", { given: { body: {}, headers: { "retry-after-ms": "150", "retry-after": "3" } }, want: 150 }],
    ["HTTP-date", { given: { body: {}, headers: { "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" } }, want: 5000 }],
    ["past HTTP-date is ignored", { given: { body: {}, headers: { "retry-after": "Wed, 31 Dec 2025 23:59:00 GMT" } }, want: undefined }],
    ["negative is ignored", { given: { body: { error: { type: "rate_limit", retry_after: -5 } }, headers: {} }, want: undefined }],
    ["garbage is ignored and the next source used", { given: { body: { error: { type: "rate_limit", retry_after: 4 } }, headers: { "retry-after": "soon" } }, want: 4000 }],
  ] as const)("retry delay: %s", (_name, { given, want }) => {
    expect(parse(429, json(given.body), given.headers)?.retryAfterMs).toBe(want);
  });

  it("redacts secrets from message, body and headers", () => {
    const secret = "sk-live-123456";
    const error = parseErrorWith(
      testCatalog,
      { status: 401, headers: { "x-echo": secret }, body: json({ error: { message: `key ${secret} is bad`, echo: [secret] } }) },
      { secrets: [secret] },
    );
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(error?.message).toBe("key [REDACTED] is bad");
  });

  it("skips an undefined secret (an unset environment variable) and still redacts the others", () => {
    const unset: string | undefined = process.env.ERRATA_TEST_UNSET_KEY;
    const error = parseErrorWith(testCatalog, { status: 401, body: json({ error: { message: "key sk-live-123456 is bad" } }) }, { secrets: [unset, "sk-live-123456"] });
    expect(error?.message).toBe("key [REDACTED] is bad");
  });

  it.each([
    ["a key that straddles the 200-character cut of a text body", { given: `${"x".repeat(190)} sk-live-123456 tail`, want: `${"x".repeat(190)} [REDACTE…` }],
    ["a key in an HTML page's title", { given: "<html><head><title>Bad key sk-live-123456</title></head><body>sk-live-123456</body></html>", want: "Bad key [REDACTED] (HTML page; full text on error.body)" }],
    ["a key in a plain-text body", { given: "invalid key: sk-live-123456\nsee docs", want: "invalid key: [REDACTED] see docs" }],
    ["a key inside the code and the type", { given: json({ error: { code: "key_sk-live-123456_revoked", type: "bad:sk-live-123456" } }), want: undefined }],
    ["a key used as a JSON property name", { given: json({ errors: { "sk-live-123456": ["unknown"] } }), want: undefined }],
  ] as const)("redacts %s", (_name, { given, want }) => {
    const error = parseErrorWith(testCatalog, { status: 400, body: given }, { secrets: ["sk-live-123456"] })!;
    expect(JSON.stringify(error)).not.toMatch(/sk-live|123456/);
    if (want !== undefined) expect(error.message).toBe(want);
  });

  const key = "AKIAabc+def/ghi=";
  const encoded = "AKIAabc&#43;def&#x2F;ghi&#61;";
  it.each([
    ["a key rebuilt by decoding the title's entities", { given: `<html><head><title>Invalid key ${encoded}</title></head></html>`, want: "Invalid key [REDACTED] (HTML page; full text on error.body)" }],
    ["a key rebuilt by decoding the first heading's entities", { given: `<html><body><h1>Invalid key ${encoded}</h1></body></html>`, want: "Invalid key [REDACTED] (HTML page; full text on error.body)" }],
    ["a rebuilt key that straddles the 200-character cut", { given: `<html><title>${"x".repeat(190)} ${encoded}</title></html>`, want: `${"x".repeat(190)} [REDACTE… (HTML page; full text on error.body)` }],
  ] as const)("redacts %s", (_name, { given, want }) => {
    const error = parseErrorWith(testCatalog, { status: 401, body: given }, { secrets: [key] })!;
    expect(error.message).toBe(want);
    expect(JSON.stringify(error)).not.toContain("AKIAabc+");
    expect(String(error)).not.toContain("AKIAabc+");
  });

  it("keeps every Set-Cookie header, joined as fetch joins the others", () => {
    const headers = new Headers([["set-cookie", "a=1; Path=/"], ["set-cookie", "b=2; Path=/"]]);
    const error = parseErrorWith(testCatalog, { status: 503, headers, body: "" })!;
    expect(error.headers["set-cookie"]).toBe("a=1; Path=/, b=2; Path=/");
  });
});

describe("a body parseError cannot read synchronously is a programmer error, not a status-only guess", () => {
  const text = json({ error: { code: "internal_error", message: "m" } });
  const response = () => new Response(text, { status: 500, headers: { "content-type": "application/json" } });
  const fix = "parseError cannot read a Response, stream, Blob or Promise: pass { status: response.status, headers: response.headers, body: await response.text() }";
  it.each([
    ["the Response itself", () => response()],
    ["a fetch Response with its body already read", async () => { const r = response(); await r.text(); return r; }],
    ["response.body (a ReadableStream)", () => ({ status: 500, body: response().body })],
    ["a Blob", () => ({ status: 500, body: new Blob([text]) })],
    ["a Response as the body", () => ({ status: 500, body: response() })],
    ["a Node stream", () => ({ status: 500, body: Readable.from([text]) })],
    ["response.text() without await", () => ({ status: 500, body: response().text() })],
  ] as const)("%s throws a TypeError that says what to pass", async (_name, make) => {
    const input = (await make()) as never;
    expect(() => parseErrorWith(testCatalog, input)).toThrow(new TypeError(fix));
  });

  it("fetch(url) without await (a Promise as the input) throws the same", () => {
    expect(() => parseErrorWith(testCatalog, Promise.resolve(response()) as never)).toThrow(new TypeError(fix));
  });

  it("reads the same response once its text is passed", async () => {
    const r = response();
    expect(parseErrorWith(testCatalog, { status: r.status, headers: r.headers, body: await r.text() })).toMatchObject({ code: "internal_error", retryable: false });
  });

  // superagent's and supertest's Node Response extends Stream, with the body already parsed.
  const superagentLike = (body: unknown) => Object.assign(new Readable({ read() {} }), { status: 500, headers: { "x-request-id": "req_1" }, body });
  it.each([
    ["a Node stream input with a parsed body (superagent, supertest)", { given: superagentLike({ error: { code: "internal_error", message: "m" } }), want: { code: "internal_error", retryable: false, message: "m", requestId: "req_1" } }],
    ["a Node stream input with a text body", { given: superagentLike(text), want: { code: "internal_error", retryable: false } }],
    ["a Node stream input without a body", { given: superagentLike(undefined), want: { category: "server_error", retryable: true } }],
  ] as const)("classifies %s", (_name, { given, want }) => {
    expect(parseErrorWith(testCatalog, given)).toMatchObject({ status: 500, ...want });
  });

  it("still refuses a Node stream input whose body is a stream", () => {
    expect(() => parseErrorWith(testCatalog, superagentLike(Readable.from([text])))).toThrow(new TypeError(fix));
  });

  it.each([
    ["null", null],
    ["a number", 42],
    ["an array", [{ text: "a" }]],
    ["an object with data fields named like methods", { text: "t", then: "later", pipe: 1, getReader: null }],
  ] as const)("takes a parsed JSON body: %s", (_name, body) => {
    expect(parse(500, body)?.status).toBe(500);
  });
});
