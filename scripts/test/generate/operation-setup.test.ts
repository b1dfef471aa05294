import { describe, expect, it } from "vitest";
import { clientSetup } from "../../src/generate/client-setup.js";

const base = {
  servers: [{ url: "http://localhost:8000" }],
  security: [{ key: [] }],
  components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-API-Key" } } },
};
const ok = (content: Record<string, unknown>) => ({ responses: { "200": { description: "ok", content } } });

describe("per-operation setup read from the spec", () => {
  it.each([
    ["a JSON operation needs nothing", { given: { "/chat": { post: ok({ "application/json": {} }) } }, want: undefined }],
    ["a text-only 2xx is read as text", { given: { "/metrics": { get: ok({ "text/plain; version=0.0.4": {} }) } }, want: { "GET /metrics": { parseAs: "text" } } }],
    ["JSON beside text keeps openapi-fetch's JSON default", { given: { "/x": { get: ok({ "application/json": {}, "text/plain": {} }) } }, want: undefined }],
    ["an event stream is not plain text", { given: { "/s": { post: ok({ "text/event-stream": {} }) } }, want: undefined }],
    ["security: [] sends no key", { given: { "/open": { get: { security: [], ...ok({ "application/json": {} }) } } }, want: { "GET /open": { anonymous: true } } }],
    ["security: [{}] (optional key) still sends it", { given: { "/opt": { get: { security: [{}], ...ok({ "application/json": {} }) } } }, want: undefined }],
    ["a 2xx documented without a body may come back empty", { given: { "/keys": { delete: { responses: { "204": { description: "gone" } } } } }, want: { "DELETE /keys": { emptyStatuses: ["204"] } } }],
    ["a 202 without a body beside a JSON 200", { given: { "/jobs": { post: { responses: { "200": { description: "done", content: { "application/json": {} } }, "202": { description: "queued" } } } } }, want: { "POST /jobs": { emptyStatuses: ["202"] } } }],
    ["an error without a body is not a success", { given: { "/chat": { post: { responses: { ...ok({ "application/json": {} }).responses, "404": { description: "no" } } } } }, want: undefined }],
    ["x-errata-idempotent: true", { given: { "/fetch": { post: { "x-errata-idempotent": true, ...ok({ "application/json": {} }) } } }, want: { "POST /fetch": { idempotent: true } } }],
    ["x-errata-idempotent: false, on a PUT that would be idempotent by its method", { given: { "/jobs": { put: { "x-errata-idempotent": false, ...ok({ "application/json": {} }) } } }, want: { "PUT /jobs": { idempotent: false } } }],
    ["a $ref'd text response, without security", {
      given: { "/m": { get: { security: [], responses: { "200": { $ref: "#/components/responses/Metrics" } } } } },
      want: { "GET /m": { parseAs: "text", anonymous: true } },
    }],
  ] as const)("%s", (_name, { given, want }) => {
    const spec = { ...base, paths: given, components: { ...base.components, responses: { Metrics: { description: "m", content: { "text/plain": {} } } } } };
    expect(clientSetup(spec).operations).toEqual(want);
  });
});

describe("x-errata-idempotent that is not a boolean", () => {
  it("fails the generation, naming the operation", () => {
    const spec = { ...base, paths: { "/fetch": { post: { "x-errata-idempotent": "yes", ...ok({ "application/json": {} }) } } } };
    expect(() => clientSetup(spec)).toThrow('x-errata-idempotent on POST /fetch must be true or false, got "yes"');
  });
});
