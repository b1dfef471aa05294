import { describe, expect, it } from "vitest";
import { readCatalog } from "../../src/catalog.js";
import { generateFiles } from "../../src/generate/index.js";
import { clientSetup } from "../../src/generate/client-setup.js";
import { camelCase, literalUnion, pascalCase } from "../../src/generate/names.js";

describe("generateFiles", () => {
  it("is deterministic and marks every file as generated", async () => {
    const first = await generateFiles("gpt-gob");
    const second = await generateFiles("gpt-gob");
    expect(second).toEqual(first);
    expect(Object.keys(first).sort()).toEqual(["catalog.ts", "client.ts", "index.ts", "openapi.ts", "stream.ts"]);
    for (const text of Object.values(first)) expect(text.startsWith("/**\n * GENERATED from specs/gpt-gob/openapi.yaml")).toBe(true);
  });

  it("emits the catalog as a typed constant with literal unions", async () => {
    const { "catalog.ts": catalog } = await generateFiles("gpt-gob");
    expect(catalog).toContain('export type GptGobErrorCode = "invalid_api_key" |');
    expect(catalog).toContain("as const satisfies ErrorCatalog<typeof provider>");
    expect(catalog).toContain('"code": "no_treasure_in_hoard"');
  });

  it.each([
    ["gpt-gob documents a stream", { given: "gpt-gob", want: { stream: true, fn: "createStreamingClient" } }],
    ["modelslab documents none", { given: "modelslab", want: { stream: false, fn: "createProviderClient" } }],
    ["llm-gateway documents none", { given: "llm-gateway", want: { stream: false, fn: "createProviderClient" } }],
  ] as const)("gives a client stream() only where the spec has streams: %s", async (_name, { given, want }) => {
    const files = await generateFiles(given);
    expect("stream.ts" in files).toBe(want.stream);
    expect(files["index.ts"]!.includes('export * from "./stream.js"')).toBe(want.stream);
    expect(files["client.ts"]).toContain(`return ${want.fn}<`);
  });

  it("fails with the provider's name for an unknown spec", async () => {
    await expect(generateFiles("no-such-provider")).rejects.toThrow(/no spec for provider "no-such-provider"/);
  });
});

const entry = { status: 429, retryable: true, category: "rate_limited", description: "d" };
const spec = (errors: unknown[], errorFormat: object = {}) => ({ "x-errata": { errorFormat, errors } });

describe("readCatalog rejects what the convention forbids", () => {
  it.each([
    ["no x-errata", { given: {}, want: /missing at the document root/ }],
    ["no entries", { given: spec([]), want: /non-empty list/ }],
    ["retryable missing", { given: spec([{ ...entry, retryable: undefined }]), want: /retryable must be true or false/ }],
    ["unknown category", { given: spec([{ ...entry, category: "oops" }]), want: /category must be one of/ }],
    ["no description", { given: spec([{ ...entry, description: " " }]), want: /description is required/ }],
    ["nothing to recognise it by", { given: spec([{ retryable: false, category: "unknown", description: "d" }]), want: /needs status, type, code or marker/ }],
    ["a duplicate code", { given: spec([{ ...entry, code: "x" }, { ...entry, code: "x" }]), want: /code x appears twice/ }],
    ["an unknown field", { given: spec([{ ...entry, retriable: true }]), want: /errors\[0\]\.retriable: unknown field/ }],
    ["a bad delay source", { given: spec([{ ...entry, retryAfter: [{ in: "query", name: "x" }] }]), want: /retryAfter\[0\]/ }],
    ["a bad status", { given: spec([{ ...entry, status: 999 }]), want: /status must be an HTTP status/ }],
    ["a numeric code", { given: spec([{ ...entry, code: 123 }]), want: /errors\[0\]\.code: must be a non-empty string/ }],
    ["a numeric body unit", { given: spec([{ ...entry, retryAfter: [{ in: "body", path: "a", unit: 5 }] }]), want: /retryAfter\[0\]: must be/ }],
    ["a null header format", { given: spec([{ ...entry, retryAfter: [{ in: "header", name: "x", format: null }] }]), want: /retryAfter\[0\]: must be/ }],
    ["resubmit that is not a boolean", { given: spec([{ ...entry, resubmit: "yes" }]), want: /errors\[0\]\.resubmit: must be true or false/ }],
    ["resubmit on an entry that is not retryable", { given: spec([{ ...entry, retryable: false, resubmit: true }]), want: /resubmit: needs retryable: true/ }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(() => readCatalog(given)).toThrow(want);
  });

  it("accepts a complete catalog", () => {
    expect(readCatalog(spec([entry], { message: ["detail"] })).errors).toHaveLength(1);
  });
});

describe("client setup from the spec", () => {
  it.each([
    ["bearer", { given: { servers: [{ url: "https://x" }], security: [{ b: [] }], components: { securitySchemes: { b: { type: "http", scheme: "bearer" } } } }, want: { b: { in: "header", name: "Authorization", scheme: "Bearer" } } }],
    ["api key header", { given: { servers: [{ url: "https://x" }], security: [{ k: [] }], components: { securitySchemes: { k: { type: "apiKey", in: "header", name: "X-API-Key" } } } }, want: { k: { in: "header", name: "X-API-Key" } } }],
    ["key in the body", { given: { servers: [{ url: "https://x" }], security: [], "x-errata-auth": { in: "body", name: "key" } }, want: { body: { in: "body", name: "key" } } }],
    [
      "security declared per operation only",
      {
        given: { servers: [{ url: "https://x" }], paths: { "/a": { post: { security: [{ b: [] }] } }, "/health": { get: { security: [] } } }, components: { securitySchemes: { b: { type: "http", scheme: "bearer" } } } },
        want: { b: { in: "header", name: "Authorization", scheme: "Bearer" } },
      },
    ],
  ] as const)("%s", (_name, { given, want }) => {
    expect(clientSetup(given).authSchemes).toEqual(want);
  });

  it("turns server variables into options", () => {
    const setup = clientSetup({ servers: [{ url: "https://h/{deployment_id}", variables: { deployment_id: { default: "x" } } }] });
    expect(setup.server).toEqual({ url: "https://h/{deployment_id}", variables: { deployment_id: { option: "deploymentId" } } });
  });

  it("refuses a key in the query string", () => {
    const given = { servers: [{ url: "https://x" }], security: [{ q: [] }], components: { securitySchemes: { q: { type: "apiKey", in: "query", name: "k" } } } };
    expect(() => clientSetup(given)).toThrow(/not supported by the generator/);
  });
});

describe("names", () => {
  it.each([
    ["gpt-gob", { pascal: "GptGob", camel: "gptGob" }],
    ["a15t", { pascal: "A15t", camel: "a15t" }],
    ["deployment_id", { pascal: "DeploymentId", camel: "deploymentId" }],
    ["01ai", { pascal: "_01ai", camel: "_01ai" }],
  ])("%s", (given, want) => {
    expect({ pascal: pascalCase(given), camel: camelCase(given) }).toEqual(want);
  });

  it("builds unions, never for none", () => {
    expect(literalUnion(["a", "b", "a"])).toBe('"a" | "b"');
    expect(literalUnion([])).toBe("never");
  });
});
