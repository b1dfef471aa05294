import { afterEach, describe, expect, it, vi } from "vitest";
import createFetchClient, { defaultBodySerializer } from "openapi-fetch";
import { startTestServer, type TestServer } from "@errata/scripts/testing";
import type { ErrorRules, ProviderError } from "../src/index.js";
import { createProviderClient, type ProviderClientOptions } from "../src/openapi-fetch/index.js";

// In a browser app the API is often the page's own backend: `baseUrl: "/api"` must resolve against
// the page as fetch would, and still fail clearly where there is no page (Node).
const catalog = { provider: "acme", errorFormat: {}, errors: [] } as const satisfies ErrorRules<"acme">;
const setup = {
  catalog,
  authSchemes: {},
  server: { url: "https://api.acme.test/v1" },
  createFetchClient,
  defaultBodySerializer,
  operations: {},
} as const;
const client = (options: ProviderClientOptions) => createProviderClient<any, ProviderError>(setup, { retry: false, ...options }) as any;

const servers: TestServer[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function page(globals: (origin: string) => Record<string, unknown>) {
  const server = await startTestServer(() => ({ status: 200, body: { ok: true } }));
  servers.push(server);
  for (const [name, value] of Object.entries(globals(server.url))) vi.stubGlobal(name, value);
  return server;
}

describe("a relative baseUrl in a web page or worker", () => {
  it.each([
    ["a path, against the location", { given: { baseUrl: "/api", globals: (o: string) => ({ location: { href: `${o}/chat/room` } }) }, want: "/api/things" }],
    ["./ against the location's folder", { given: { baseUrl: "./v2", globals: (o: string) => ({ location: { href: `${o}/app/index.html` } }) }, want: "/app/v2/things" }],
    ["the document's <base> over the location", { given: { baseUrl: "/api", globals: (o: string) => ({ location: { href: "https://elsewhere.test/" }, document: { baseURI: `${o}/` } }) }, want: "/api/things" }],
  ] as const)("%s", async (_name, { given, want }) => {
    const server = await page(given.globals);
    const { data, error } = await client({ baseUrl: given.baseUrl }).GET("/things");
    expect(error).toBeUndefined();
    expect(data).toEqual({ ok: true });
    expect(server.requests.map((r) => r.url)).toEqual([want]);
  });

  it("a call's own relative baseUrl too", async () => {
    const server = await page((o) => ({ location: { href: `${o}/` } }));
    await client({}).GET("/things", { baseUrl: "/proxy" });
    expect(server.requests.map((r) => r.url)).toEqual(["/proxy/things"]);
  });

  it("a host without its scheme is still refused: it is no path", () => {
    vi.stubGlobal("location", { href: "https://app.test/" });
    expect(() => client({ baseUrl: "api.acme.test" })).toThrow("acme: baseUrl must be an http(s) URL, got a string that is not a URL");
  });
});

describe("a relative baseUrl where there is no page", () => {
  it.each([
    ["a path", { given: "/api" }],
    ["./", { given: "./v1" }],
  ] as const)("%s throws, saying it needs a page", (_name, { given }) => {
    expect(() => client({ baseUrl: given })).toThrow('acme: baseUrl must be an http(s) URL, got a string that is not a URL (a relative one like "/api" needs an http(s) web page or worker to resolve against)');
  });
});
