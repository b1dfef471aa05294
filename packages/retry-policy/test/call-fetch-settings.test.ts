import { describe, expect, it } from "vitest";
import { jsonReply } from "@errata/scripts/testing";
import { acmeClient, serverPerTest } from "./stream-fixtures.js";

const serve = serverPerTest();

const busy = () => jsonReply(503, { error: { type: "server_error", message: "busy" } });
const ok = () => jsonReply(200, { id: "1", choices: [] });
const body = { model: "m" };

/** A fetch that records the init of every request it sends on. */
function recordingFetch() {
  const inits: RequestInit[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    inits.push(init ?? {});
    return globalThis.fetch(input, init);
  };
  return { fetch, inits };
}

/** A fetch as openapi-fetch types a call's own: it gets a Request. */
function requestFetch() {
  const requests: { method: string; authorization: string | null; body: string }[] = [];
  const fetch = async (request: Request) => {
    requests.push({ method: request.method, authorization: request.headers.get("authorization"), body: await request.clone().text() });
    return globalThis.fetch(request);
  };
  return { fetch, requests };
}

describe("a call's own fetch settings reach fetch, on every attempt", () => {
  it("a call's fetch replaces the client's for that call, retries included, and gets the whole request", async () => {
    const srv = await serve((i) => (i === 0 ? busy() : ok()));
    const client = recordingFetch();
    const call = requestFetch();
    const { error } = await acmeClient(srv.url, { fetch: client.fetch }).POST("/chat/completions", { body, fetch: call.fetch });
    expect(error).toBeUndefined();
    const sent = { method: "POST", authorization: expect.stringMatching(/^Bearer /), body: JSON.stringify(body) };
    expect(call.requests).toEqual([sent, sent]);
    expect(srv.requests.map((request) => request.method)).toEqual(["POST", "POST"]);
    expect(client.inits).toHaveLength(0);
  });

  it("stream() uses a call's fetch too", async () => {
    const srv = await serve(busy);
    const call = requestFetch();
    const { error } = await acmeClient(srv.url, { retry: false }).stream("/chat/completions", { body, fetch: call.fetch });
    expect(error).toMatchObject({ status: 503 });
    expect(call.requests).toEqual([expect.objectContaining({ method: "POST", body: JSON.stringify({ ...body, stream: true }) })]);
  });

  it.each([
    ["POST", (url: string) => acmeClient(url).POST("/chat/completions", { body, fetch: "fetch" as never })],
    ["stream()", (url: string) => acmeClient(url).stream("/chat/completions", { body, fetch: 5 as never })],
  ] as const)("%s rejects a call's fetch that is no function, sending nothing", async (_name, send) => {
    const srv = await serve(ok);
    await expect(send(srv.url)).rejects.toThrow(/fetch must be a function, got (a string|5)/);
    expect(srv.requests).toHaveLength(0);
  });

  it.each([
    ["cache", { given: { cache: "no-store" }, want: { cache: "no-store" } }],
    ["keepalive and referrerPolicy", { given: { keepalive: true, referrerPolicy: "no-referrer" }, want: { keepalive: true, referrerPolicy: "no-referrer" } }],
    ["redirect", { given: { redirect: "manual" }, want: { redirect: "manual" } }],
  ] as const)("a call's %s goes on to fetch (openapi-fetch puts it on its Request)", async (_name, { given, want }) => {
    const srv = await serve((i) => (i === 0 ? busy() : ok()));
    const client = recordingFetch();
    await acmeClient(srv.url, { fetch: client.fetch }).POST("/chat/completions", { body, ...given });
    expect(client.inits).toHaveLength(2);
    for (const init of client.inits) expect(init).toMatchObject(want);
  });

  it("cache: no-store has its effect on the wire (Node's fetch sends no-cache request headers)", async () => {
    const srv = await serve(ok);
    await acmeClient(srv.url).POST("/chat/completions", { body, cache: "no-store" });
    expect(srv.requests[0]!.headers).toMatchObject({ "cache-control": "no-cache", pragma: "no-cache" });
  });
});
