import { afterEach, describe, expect, it } from "vitest";
import createFetchClient, { defaultBodySerializer } from "openapi-fetch";
import { startSseServer, startTestServer, type TestServer } from "@errata/scripts/testing";
import { createRetryingFetch, type ErrorRules, type ProviderError } from "../src/index.js";
import { createProviderClient, type ProviderClientOptions } from "../src/openapi-fetch/index.js";
import type { AuthPlacement } from "../src/openapi-fetch/auth.js";
import { acmeClient } from "./stream-fixtures.js";

// `apiKey: process.env.X` with X unset sends no key: the 401 then says that the client had none.
const HINT = "(createClient was given no apiKey)";
// A 403 and a 400 the catalog calls `authentication`: only a 401 gets the hint.
const catalog = {
  provider: "acme",
  errorFormat: { message: ["error.message"] },
  errors: [
    { status: 403, retryable: false, category: "authentication" },
    { status: 400, retryable: false, category: "authentication" },
  ],
} as const satisfies ErrorRules<"acme">;
const BEARER: AuthPlacement = { in: "header", name: "Authorization", scheme: "Bearer" };
const BODY: AuthPlacement = { in: "body", name: "key" };

const servers: Pick<TestServer, "close">[] = [];
afterEach(async () => void (await Promise.all(servers.splice(0).map((s) => s.close()))));

async function serve(status: number) {
  const server = await startTestServer(() => ({ status, body: { error: { message: "Incorrect API key provided" } } }));
  servers.push(server);
  return server;
}

type Given = { status: number; placements: Record<string, AuthPlacement>; options: ProviderClientOptions; init: Record<string, unknown>; path?: string };

describe("a 401 to a request that carried no key says that createClient had none", () => {
  it.each<[string, { given: Given; want: { hint: boolean } }]>([
    ["no apiKey, 401", { given: { status: 401, placements: { bearer: BEARER }, options: {}, init: {} }, want: { hint: true } }],
    ["no apiKey, body placement, 401", { given: { status: 401, placements: { body: BODY }, options: {}, init: { body: { prompt: "p" } } }, want: { hint: true } }],
    ["an apiKey the provider refuses", { given: { status: 401, placements: { bearer: BEARER }, options: { apiKey: "sk-wrong-1111" }, init: {} }, want: { hint: false } }],
    ["a key in createClient's headers", { given: { status: 401, placements: { bearer: BEARER }, options: { headers: { Authorization: "Bearer sk-hdr-2222" } }, init: {} }, want: { hint: false } }],
    ["a key in one call's headers", { given: { status: 401, placements: { bearer: BEARER }, options: {}, init: { headers: { Authorization: "Bearer sk-call-3333" } } }, want: { hint: false } }],
    ["a key in one call's body (body placement)", { given: { status: 401, placements: { body: BODY }, options: {}, init: { body: { key: "ml-body-4444" } } }, want: { hint: false } }],
    ["no apiKey, but a 403 the catalog calls authentication", { given: { status: 403, placements: { bearer: BEARER }, options: {}, init: {} }, want: { hint: false } }],
    ["no apiKey, but a 400 the catalog calls authentication", { given: { status: 400, placements: { bearer: BEARER }, options: {}, init: {} }, want: { hint: false } }],
    ["no apiKey, an operation that sends no key (security: [])", { given: { status: 401, placements: { bearer: BEARER }, options: {}, init: {}, path: "/open" }, want: { hint: false } }],
    ["a spec without auth: its 401 is no key matter", { given: { status: 401, placements: {}, options: {}, init: {} }, want: { hint: false } }],
  ])("%s", async (_name, { given, want }) => {
    const server = await serve(given.status);
    const setup = { catalog, authSchemes: given.placements, server: { url: server.url }, createFetchClient, defaultBodySerializer, operations: { "POST /open": { anonymous: true } } } as const;
    const client = createProviderClient<any, ProviderError>(setup, { retry: false, ...given.options }) as any;
    const { error } = await client.POST(given.path ?? "/x", given.init);
    expect(error.status).toBe(given.status);
    expect(error.message.startsWith("Incorrect API key provided")).toBe(true);
    expect(error.message.endsWith(HINT)).toBe(want.hint);
    expect(error.toJSON().message).toBe(error.message);
  });

  it("stream(): the same hint on a 401 before the stream opens", async () => {
    const server = await startSseServer([{ status: 401, headers: { "content-type": "application/json" }, steps: [JSON.stringify({ error: { type: "authentication_error", message: "bad key" } })] }]);
    servers.push(server);
    const { error } = await acmeClient(server.url, { retry: false, apiKey: undefined }).stream("/chat/completions", { body: { model: "m" } });
    expect(error).toMatchObject({ status: 401, category: "authentication", message: `bad key ${HINT}` });
  });

  it("createRetryingFetch, which cannot know where a caller puts its key, adds nothing", async () => {
    const server = await serve(401);
    const { error } = await createRetryingFetch({ catalog, retry: false })(`${server.url}/x`);
    expect(error?.message).toBe("Incorrect API key provided");
  });
});
