import { afterEach, describe, expect, it } from "vitest";
import createFetchClient from "openapi-fetch";
import { startTestServer, type Reply, type TestServer } from "@errata/scripts/testing";
import { ProviderError, type ErrorRules } from "../src/index.js";
import { createProviderClient } from "../src/openapi-fetch/index.js";

const KEY = "acme-key-NEVER-SHOWN-51b7";
const catalog = {
  provider: "acme",
  errorFormat: { message: ["error.message"], requestIdHeaders: ["x-request-id"] },
  errors: [],
} as const satisfies ErrorRules<"acme">;

const servers: TestServer[] = [];
afterEach(async () => void (await Promise.all(servers.splice(0).map((s) => s.close()))));

async function clientFor(reply: Reply) {
  const server = await startTestServer(() => reply);
  servers.push(server);
  const setup = {
    catalog,
    server: { url: server.url },
    authSchemes: { bearer: { in: "header", name: "Authorization", scheme: "Bearer" } },
    createFetchClient,
    operations: { "GET /metrics": { parseAs: "text" } },
  } as const;
  const client = createProviderClient<any, ProviderError>(setup, { apiKey: KEY, retry: false }) as any;
  return { client, server };
}

describe("what the client makes of 2xx bodies", () => {
  it.each([
    ["JSON object", { given: { status: 200, body: { id: 1 } }, want: { id: 1 } }],
    ["JSON with a content-length", { given: { status: 200, headers: { "content-length": "2" }, body: "[]" }, want: [] }],
    ["empty 200", { given: { status: 200, body: "" }, want: undefined }],
    ["204", { given: { status: 204 }, want: undefined }],
  ] as const)("%s becomes data", async (_name, { given, want }) => {
    const { client } = await clientFor(given as Reply);
    const { data, error } = await client.GET("/things");
    expect(error).toBeUndefined();
    expect(data).toEqual(want);
  });

  it("keeps an operation's text parsing (parseAs from the spec)", async () => {
    const { client } = await clientFor({ status: 200, body: "# HELP up\nup 1\n" });
    const { data } = await client.GET("/metrics");
    expect(data).toBe("# HELP up\nup 1\n");
  });

  it("honours the caller's parseAs", async () => {
    const { client } = await clientFor({ status: 200, body: { id: 1 } });
    const { data } = await client.GET("/things", { parseAs: "text" });
    expect(data).toBe('{"id":1}');
  });

  it("returns a malformed 2xx body as an error that keeps its text, headers and request id", async () => {
    const html = `<html>proxy says hi; your key ${KEY}</html>`;
    const { client } = await clientFor({ status: 200, headers: { "content-type": "application/json", "x-request-id": "req_9" }, body: html });
    const { data, error, response } = await client.GET("/things");
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 200, category: "unknown", retryable: false, requestId: "req_9" });
    expect(error.body).toBe(html.replace(KEY, "[REDACTED]"));
    expect(error.headers["content-type"]).toBe("application/json");
    expect(error.message).toMatch(/^acme: unreadable response body \(.*JSON/);
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(response.status).toBe(200);
  });

  it("returns a request that cannot be built as invalid_request, sending nothing", async () => {
    const { client, server } = await clientFor({ status: 200, body: {} });
    const { error, response } = await client.POST("/things", { body: { n: 1n } });
    expect(response).toBeUndefined();
    expect(error).toMatchObject({ status: 0, category: "invalid_request", retryable: false });
    expect(error.message).toMatch(/^acme: request not sent \(.*BigInt/);
    expect(server.requests).toHaveLength(0);
  });
});
