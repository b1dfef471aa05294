import { afterEach, describe, expect, it } from "vitest";
import createFetchClient, { defaultBodySerializer } from "openapi-fetch";
import { errorRenderings, startSseServer, startTestServer, type RecordedRequest, type TestServer } from "@errata/scripts/testing";
import { createStreamingFetch, ProviderError, type ErrorRules } from "../src/index.js";
import { createProviderClient, type ProviderClientOptions } from "../src/openapi-fetch/index.js";
import { keysCarried, type AuthPlacement } from "../src/openapi-fetch/auth.js";
import { acmeClient, catalog as streamCatalog, chunk, formats } from "./stream-fixtures.js";

const BEARER: AuthPlacement = { in: "header", name: "Authorization", scheme: "Bearer" };
const X_KEY: AuthPlacement = { in: "header", name: "x-api-key" };
const BODY: AuthPlacement = { in: "body", name: "key" };

describe("keysCarried: the keys a request carries where the spec puts them", () => {
  it.each<[string, { given: { placements: AuthPlacement[]; headers?: unknown; body?: unknown }; want: string[] }]>([
    ["a bearer header, scheme stripped", { given: { placements: [BEARER], headers: { authorization: "Bearer sk-1" } }, want: ["sk-1"] }],
    ["any case of the scheme and the name", { given: { placements: [BEARER], headers: { AUTHORIZATION: "bearer sk-1" } }, want: ["sk-1"] }],
    ["a header without the scheme is kept whole", { given: { placements: [BEARER], headers: { Authorization: "sk-1" } }, want: ["sk-1"] }],
    ["a Headers object", { given: { placements: [X_KEY], headers: new Headers({ "X-API-Key": "k-2" }) }, want: ["k-2"] }],
    ["[name, value] pairs", { given: { placements: [X_KEY], headers: [["x-api-key", "k-3"]] }, want: ["k-3"] }],
    ["a value fetch would reject (a newline) is still found", { given: { placements: [BEARER], headers: { Authorization: "Bearer sk\n4" } }, want: ["sk\n4"] }],
    ["every placement the spec offers", { given: { placements: [BEARER, X_KEY], headers: { "x-api-key": "k-5", authorization: "Bearer k-6" } }, want: ["k-6", "k-5"] }],
    ["a body key field", { given: { placements: [BODY], body: { key: "ml-7", prompt: "p" } }, want: ["ml-7"] }],
    ["other headers and fields are not keys", { given: { placements: [BEARER, BODY], headers: { "x-trace": "t" }, body: { prompt: "p", key: 42 } }, want: [] }],
    ["nothing given", { given: { placements: [BEARER, BODY] }, want: [] }],
  ])("%s", (_name, { given, want }) => {
    expect(keysCarried(given.placements, given.headers, given.body)).toEqual(want);
  });
});

const catalog = { provider: "acme", errorFormat: { message: ["error.message"] }, errors: [] } as const satisfies ErrorRules<"acme">;

/** A server that tells the caller which key it got, in its error message, body and a header, as careless servers do. */
const echo = (_i: number, request: RecordedRequest) => {
  const said = `${request.headers.authorization ?? ""} ${request.headers["x-api-key"] ?? ""} ${request.body}`;
  return { status: 401, headers: { "x-seen": encodeURIComponent(said) }, body: { error: { message: `bad key: ${said}` } } };
};

const servers: Pick<TestServer, "close">[] = [];
afterEach(async () => void (await Promise.all(servers.splice(0).map((s) => s.close()))));

async function client(placement: AuthPlacement, options: ProviderClientOptions) {
  const server = await startTestServer(echo);
  servers.push(server);
  const setup = { catalog, authSchemes: { only: placement }, server: { url: server.url }, createFetchClient, defaultBodySerializer };
  return { client: createProviderClient<any, ProviderError>(setup, { retry: false, ...options }) as any, server };
}

describe("a key the caller sets outside apiKey is redacted from every rendering of the error", () => {
  it.each<[string, { given: { placement: AuthPlacement; options: ProviderClientOptions; init: Record<string, unknown> }; want: string }]>([
    ["a key in createClient's headers", { given: { placement: BEARER, options: { headers: { Authorization: "Bearer hdr-key-1111" } }, init: {} }, want: "hdr-key-1111" }],
    ["a key in one call's headers", { given: { placement: BEARER, options: { apiKey: "client-key-0000" }, init: { headers: { Authorization: "Bearer call-key-2222" } } }, want: "call-key-2222" }],
    ["a key in one call's body (body placement)", { given: { placement: BODY, options: { apiKey: "client-key-0000" }, init: { body: { key: "body-key-3333", prompt: "p" } } }, want: "body-key-3333" }],
  ])("%s", async (_name, { given, want }) => {
    const { client: c, server } = await client(given.placement, given.options);
    const { error } = await c.POST("/x", given.init);
    expect(server.requests[0]!.headers.authorization ?? server.requests[0]!.body).toContain(want);
    expect(error).toMatchObject({ status: 401 });
    for (const text of errorRenderings(error)) expect(text).not.toContain(want);
    expect(JSON.stringify(error.body)).toContain("[REDACTED]");
    expect(decodeURIComponent(error.headers["x-seen"])).not.toContain(want);
  });

  it("a call's key that cannot be sent (a newline) stays out of the request-not-sent error", async () => {
    const { client: c, server } = await client(BEARER, { apiKey: "client-key-0000" });
    const { error } = await c.POST("/x", { headers: { Authorization: "Bearer bad-key\n4444" } });
    expect(server.requests).toHaveLength(0);
    expect(error).toMatchObject({ status: 0, category: "invalid_request" });
    for (const text of errorRenderings(error)) expect(text).not.toMatch(/bad-key|4444/);
  });

  it("a key in openapi-fetch's params.header", async () => {
    const { client: c, server } = await client(BEARER, { apiKey: "client-key-0000" });
    const { error } = await c.POST("/x", { params: { header: { authorization: "Bearer prm-key-6666" } } });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer prm-key-6666");
    for (const text of errorRenderings(error)) expect(text).not.toContain("prm-key-6666");
  });

  it("a call's key echoed by a malformed 2xx body", async () => {
    const server = await startTestServer((_i, request) => ({ status: 200, headers: { "content-type": "application/json" }, body: `not json ${request.headers.authorization}` }));
    servers.push(server);
    const setup = { catalog, authSchemes: { only: BEARER }, server: { url: server.url }, createFetchClient, defaultBodySerializer };
    const c = createProviderClient<any, ProviderError>(setup, { retry: false }) as any;
    const { error } = await c.GET("/x", { headers: { Authorization: "Bearer bad-json-7777" } });
    expect(error).toMatchObject({ status: 200, category: "unknown" });
    for (const text of errorRenderings(error)) expect(text).not.toContain("bad-json-7777");
  });

  it("a call's key in stream() headers", async () => {
    const server = await startSseServer((i) => ({ status: 401, headers: { "content-type": "application/json" }, steps: [JSON.stringify({ error: { message: `bad key ${i === 0 ? "strm-key-5555" : ""}` } })] }));
    servers.push(server);
    const { error } = await acmeClient(server.url, { retry: false }).stream("/chat/completions", { body: { model: "m" }, headers: { Authorization: "Bearer strm-key-5555" } });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer strm-key-5555");
    expect(error).toMatchObject({ status: 401 });
    for (const text of errorRenderings(error)) expect(text).not.toContain("strm-key-5555");
  });
});

describe("stream(): a call's key is redacted wherever the stream fails", () => {
  const key = "strm-call-8888";
  it.each([
    ["a JSON answer to the stream request", { given: { status: 200, headers: { "content-type": "application/json" }, steps: [JSON.stringify({ error: { type: "server_error", message: `bad key ${key}` } })] } }],
    ["an error frame after the first event", { given: { steps: [`data: ${JSON.stringify(chunk("a"))}\n\n`, `data: ${JSON.stringify({ error: { message: `bad key ${key}` } })}\n\n`] } }],
  ])("%s", async (_name, { given }) => {
    const server = await startSseServer([given]);
    servers.push(server);
    const { stream, error } = await acmeClient(server.url, { retry: false }).stream("/chat/completions", { body: { model: "m" }, params: { header: { authorization: `Bearer ${key}` } } } as never);
    const failure = error ?? (await stream!.collect()).error;
    expect(failure).toBeInstanceOf(ProviderError);
    for (const text of errorRenderings(failure)) expect(text).not.toContain(key);
  });

  it("createStreamingFetch: a call's own secrets are redacted as well as the options' secrets, not instead of them", async () => {
    const server = await startSseServer([{ status: 401, headers: { "content-type": "application/json" }, steps: [JSON.stringify({ error: { message: "keys opt-key-1234 call-key-5678" } })] }]);
    servers.push(server);
    const send = createStreamingFetch({ catalog: streamCatalog, secrets: ["opt-key-1234"], retry: false });
    const { error } = await send(`${server.url}/chat/completions`, { method: "POST", body: "{}" }, { format: formats["/chat/completions"], secrets: ["call-key-5678"] });
    expect(error?.message).toBe("keys [REDACTED] [REDACTED]");
  });
});
