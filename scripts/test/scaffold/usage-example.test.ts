import { describe, expect, it } from "vitest";
import { jsLiteral, usageExample } from "../../src/scaffold/usage-example.js";

describe("jsLiteral: a request example as a person writes it", () => {
  it.each<[string, { given: unknown; want: string }]>([
    ["a short object on one line, bare keys", { given: { model: "m", n: 1, seed: null }, want: '{ model: "m", n: 1, seed: null }' }],
    ["a key that is not an identifier, quoted", { given: { "max-tokens": 2 }, want: '{ "max-tokens": 2 }' }],
    ["empty object and array", { given: { a: {}, b: [] }, want: "{ a: {}, b: [] }" }],
    [
      "a long array broken into lines, each with a trailing comma",
      {
        given: { messages: [{ role: "system", content: "x".repeat(40) }, { role: "user", content: "y".repeat(40) }] },
        want: `{\n  messages: [\n    { role: "system", content: "${"x".repeat(40)}" },\n    { role: "user", content: "${"y".repeat(40)}" },\n  ],\n}`,
      },
    ],
  ])("%s", (_name, { given, want }) => {
    expect(jsLiteral(given)).toBe(want);
    // Whatever the layout, it is the same value.
    expect(new Function(`return (${jsLiteral(given)});`)()).toEqual(given);
  });
});

/** A spec with just what usageExample reads. */
const spec = (parts: Record<string, unknown>) => ({
  openapi: "3.1.0",
  servers: [{ url: "https://api.acme.test/v1" }],
  security: [{ bearer: [] }],
  components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  ...parts,
});
const jsonBody = (value: unknown) => ({ content: { "application/json": { examples: { simple: { value } } } } });

describe("usageExample: the README draft's first code, made from the spec", () => {
  it.each<[string, { given: Record<string, unknown>; want: { has: string[]; hasNot?: string[] } }]>([
    [
      "the first operation with a JSON request example, called with it",
      {
        given: spec({ paths: { "/chat": { post: { requestBody: jsonBody({ model: "m" }) } } } }),
        want: { has: ['createClient({ apiKey: process.env.ACME_API_KEY })', 'await client.POST("/chat", { body: { model: "m" } });'] },
      },
    ],
    [
      "an operation needing a parameter is passed over for the next",
      {
        given: spec({
          paths: {
            "/jobs/{id}": { parameters: [{ name: "id", in: "path", required: true }], post: { requestBody: jsonBody({ a: 1 }) } },
            "/models": { get: {} },
          },
        }),
        want: { has: ['await client.GET("/models");'], hasNot: ["/jobs"] },
      },
    ],
    [
      "a POST without an example is passed over",
      {
        given: spec({ paths: { "/chat": { post: { requestBody: { content: { "application/json": {} } } } }, "/other": { put: { requestBody: jsonBody({ b: 2 }) } } } }),
        want: { has: ['await client.PUT("/other", { body: { b: 2 } });'] },
      },
    ],
    [
      "a POST with an example wins over a GET before it (a health check is rarely the main call)",
      {
        given: spec({ paths: { "/health": { get: {} }, "/chat": { post: { requestBody: jsonBody({ model: "m" }) } } } }),
        want: { has: ['await client.POST("/chat", { body: { model: "m" } });'], hasNot: ["/health"] },
      },
    ],
    [
      "an example that asks for a stream is passed over for the next one",
      {
        given: spec({
          paths: { "/chat": { post: { requestBody: { content: { "application/json": { examples: { streamed: { value: { model: "m", stream: true } }, plain: { value: { model: "m" } } } } } } } } },
        }),
        want: { has: ['{ body: { model: "m" } }'], hasNot: ["stream: true"] },
      },
    ],
    [
      "application/json with a charset, and an example on the schema (through a $ref)",
      {
        given: spec({
          paths: { "/chat": { post: { requestBody: { content: { "application/json; charset=utf-8": { schema: { $ref: "#/components/schemas/Req" } } } } } } },
          components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } }, schemas: { Req: { type: "object", example: { prompt: "p" } } } },
        }),
        want: { has: ['await client.POST("/chat", { body: { prompt: "p" } });'] },
      },
    ],
    [
      "the key left out of a body that carries it (x-errata-auth): the client fills it in",
      {
        given: spec({ security: undefined, "x-errata-auth": { in: "body", name: "key" }, paths: { "/img": { post: { requestBody: jsonBody({ key: "YOUR_KEY", prompt: "p" }) } } } }),
        want: { has: ['{ body: { prompt: "p" } }', "apiKey: process.env.ACME_API_KEY"], hasNot: ["YOUR_KEY"] },
      },
    ],
    [
      "every server variable read from the environment, under the client's option name",
      {
        given: spec({ servers: [{ url: "https://acme.test/{deployment_id}", variables: { deployment_id: { default: "x" } } }], paths: { "/m": { get: {} } } }),
        want: { has: ["createClient({ apiKey: process.env.ACME_API_KEY, deploymentId: process.env.ACME_DEPLOYMENT_ID })"] },
      },
    ],
    [
      "no apiKey when the spec has no security",
      { given: spec({ security: undefined, components: {}, paths: { "/m": { get: {} } } }), want: { has: ["const client = createClient();"], hasNot: ["apiKey"] } },
    ],
    [
      "no call when no operation can run as is, and no dangling error handling",
      {
        given: spec({ paths: { "/chat": { post: { requestBody: { content: { "application/json": {} } } } } } }),
        want: { has: ['import { createClient } from "@errata/acme";'], hasNot: ["await", "console"] },
      },
    ],
  ])("%s", (_name, { given, want }) => {
    const code = usageExample("acme", given);
    for (const text of want.has) expect(code).toContain(text);
    for (const text of want.hasNot ?? []) expect(code).not.toContain(text);
  });
});
