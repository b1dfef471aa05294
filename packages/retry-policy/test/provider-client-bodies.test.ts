import { afterEach, describe, expect, it } from "vitest";
import createFetchClient, { defaultBodySerializer } from "openapi-fetch";
import { createServer } from "node:http";
import { startSseServer, startTestServer, type Reply, type SseReply, type TestServer } from "@errata/scripts/testing";
import { ProviderError, type ErrorRules } from "../src/index.js";
import { createProviderClient, type ProviderClientOptions } from "../src/openapi-fetch/index.js";

const KEY = "acme-key-NEVER-SHOWN-51b7";
const catalog = {
  provider: "acme",
  errorFormat: { message: ["error.message"], requestIdHeaders: ["x-request-id"] },
  errors: [],
} as const satisfies ErrorRules<"acme">;

const servers: Pick<TestServer, "close">[] = [];
afterEach(async () => void (await Promise.all(servers.splice(0).map((s) => s.close()))));

function setupFor(url: string) {
  return {
    catalog,
    authSchemes: { bearer: { in: "header", name: "Authorization", scheme: "Bearer" } },
    server: { url },
    createFetchClient,
    defaultBodySerializer,
    operations: {
      "GET /metrics": { parseAs: "text" },
      "POST /jobs": { emptyStatuses: ["202"] },
      // x-errata-idempotent, as the generator emits it.
      "POST /reads": { idempotent: true },
      "PUT /unsafe": { idempotent: false },
    },
  } as const;
}

const client = (url: string, options: ProviderClientOptions = {}) =>
  createProviderClient<any, ProviderError>(setupFor(url), { apiKey: KEY, retry: false, ...options }) as any;

async function clientFor(reply: Reply) {
  const server = await startTestServer(() => reply);
  servers.push(server);
  return { client: client(server.url), server };
}

/** A server whose replies are scripted byte by byte: bodies that stall or break off half-way. */
async function scripted(replies: SseReply[] | ((index: number) => SseReply)) {
  const server = await startSseServer(replies);
  servers.push(server);
  return server;
}
const JSON_TYPE = { "content-type": "application/json" };
const noWait = { runtime: { sleep: async () => {}, random: () => 0 } };

describe("what the client makes of 2xx bodies", () => {
  it.each([
    ["JSON object", { given: { status: 200, body: { id: 1 } }, want: { id: 1 } }],
    ["JSON with a content-length", { given: { status: 200, headers: { "content-length": "2" }, body: "[]" }, want: [] }],
    ["204", { given: { status: 204 }, want: undefined }],
    ["205", { given: { status: 205 }, want: undefined }],
  ] as const)("%s becomes data", async (_name, { given, want }) => {
    const { client } = await clientFor(given as Reply);
    const { data, error } = await client.GET("/things");
    expect(error).toBeUndefined();
    expect(data).toEqual(want);
  });

  it.each([
    ["an empty 200", { given: { status: 200, headers: { "x-request-id": "req_e" }, body: "" } }],
    ["a 200 with Content-Length 0", { given: { status: 200, headers: { "x-request-id": "req_e", "content-length": "0" }, body: "" } }],
    ["an empty 201", { given: { status: 201, headers: { "x-request-id": "req_e" }, body: "" } }],
  ] as const)("%s is an error, not data that its type says is there", async (_name, { given }) => {
    const { client } = await clientFor(given as Reply);
    const { data, error, response } = await client.GET("/things");
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ status: given.status, category: "unknown", retryable: false, body: "", requestId: "req_e" });
    expect(error.message).toBe("acme: unreadable response body (empty)");
    expect(response.status).toBe(given.status);
  });

  it("an empty 202 of an operation the spec documents without a body is data, not an error", async () => {
    const { client } = await clientFor({ status: 202, body: "" });
    const { data, error } = await client.POST("/jobs", { body: {} });
    expect(error).toBeUndefined();
    expect(data).toBeUndefined();
  });

  it("an empty 200 of that operation is still an error: only its 202 is documented without a body", async () => {
    const { client } = await clientFor({ status: 200, body: "" });
    const { error } = await client.POST("/jobs", { body: {} });
    expect(error).toMatchObject({ status: 200, message: "acme: unreadable response body (empty)" });
  });

  it("a HEAD has no body to parse", async () => {
    const { client } = await clientFor({ status: 200, body: "" });
    const { data, error } = await client.HEAD("/things");
    expect(error).toBeUndefined();
    expect(data).toBeUndefined();
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

  it("says to use stream() when a plain call gets an event stream back (stream: true sent through POST)", async () => {
    const { client } = await clientFor({ status: 200, headers: { "content-type": "text/event-stream" }, body: 'data: {"id":1}\n\n' });
    const { error } = await client.POST("/things", { body: { stream: true } });
    expect(error).toMatchObject({ status: 200, category: "unknown", body: 'data: {"id":1}\n\n' });
    expect(error.message).toBe("acme: unreadable response body (not valid JSON; it is an event stream: read it with client.stream())");
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

describe("a 2xx JSON body is read inside the attempt", () => {
  it.each([
    // A stall needs a short timeout to end; 400 ms still lets headers arrive on a loaded machine.
    ["a body that stalls is a timeout, retried", { given: { timeoutMs: 400, reply: [{ headers: JSON_TYPE, steps: ['{"id":', { hang: true }] }] }, want: { category: "timeout", retryable: true, attempts: 2 } }],
    ["a connection lost mid-body is a network failure, retried", { given: { timeoutMs: 10_000, reply: [{ headers: JSON_TYPE, steps: ['{"id":', { destroy: true }] }] }, want: { category: "network", retryable: true, attempts: 2 } }],
  ] as const)("%s", async (_name, { given, want }) => {
    const server = await scripted([...given.reply, ...given.reply] as unknown as SseReply[]);
    const { error, data } = await client(server.url, { timeoutMs: given.timeoutMs, retry: { maxRetries: 1 }, ...noWait }).GET("/things");
    expect(data).toBeUndefined();
    expect(error).toMatchObject(want);
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    ["a 429 whose body is cut keeps its Retry-After: not retried before it (here: longer than maxRetryAfterMs)", {
      given: { status: 429, headers: { ...JSON_TYPE, "retry-after": "30", "x-request-id": "req_cut" }, steps: ['{"error":', { destroy: true }] },
      want: { status: 429, category: "rate_limited", retryable: true, retryAfterMs: 30_000, requestId: "req_cut", message: "acme: HTTP 429 (its body was cut off)" },
    }],
    ["a 400 whose body stalls is still a 400: not retried", {
      given: { status: 400, headers: JSON_TYPE, steps: ['{"error":', { hang: true }] },
      want: { status: 400, category: "invalid_request", retryable: false, message: "acme: HTTP 400 (its body timed out)" },
    }],
  ] as const)("%s", async (_name, { given, want }) => {
    const server = await scripted(() => given as unknown as SseReply);
    const { error } = await client(server.url, { timeoutMs: 1000, retry: { maxRetries: 2, maxRetryAfterMs: 1000 }, ...noWait }).GET("/things");
    expect(error).toMatchObject({ ...want, attempts: 1 });
    expect(error.cause).toBeDefined();
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ["a POST is not sent again: the provider has acted on it", { given: { method: "POST", options: {} }, want: { requests: 1, error: { notRetried: "not_idempotent", attempts: 1 } } }],
    ["a PATCH is not sent again", { given: { method: "PATCH", options: {} }, want: { requests: 1, error: { notRetried: "not_idempotent", attempts: 1 } } }],
    ["a PUT is sent again (idempotent)", { given: { method: "PUT", options: {} }, want: { requests: 2, data: { id: 2 } } }],
    ["a DELETE is sent again (idempotent)", { given: { method: "DELETE", options: {} }, want: { requests: 2, data: { id: 2 } } }],
    ["a POST with the client's idempotency header is sent again", { given: { method: "POST", options: { idempotencyHeader: "Idempotency-Key" } }, want: { requests: 2, data: { id: 2 } } }],
    ["a POST the client calls idempotent is sent again", { given: { method: "POST", options: { retry: { idempotent: true } } }, want: { requests: 2, data: { id: 2 } } }],
    ["a POST the call calls idempotent is sent again", { given: { method: "POST", options: {}, call: { retry: { idempotent: true } } }, want: { requests: 2, data: { id: 2 } } }],
    ["a GET the client calls not idempotent is not sent again", { given: { method: "GET", options: { retry: { idempotent: false } } }, want: { requests: 1, error: { notRetried: "not_idempotent" } } }],
    ["a POST the spec marks idempotent is sent again", { given: { method: "POST", path: "/reads", options: {} }, want: { requests: 2, data: { id: 2 } } }],
    ["a PUT the spec marks not idempotent is not sent again", { given: { method: "PUT", path: "/unsafe", options: {} }, want: { requests: 1, error: { notRetried: "not_idempotent" } } }],
    ["the client's word wins over the spec's", { given: { method: "POST", path: "/reads", options: { retry: { idempotent: false } } }, want: { requests: 1, error: { notRetried: "not_idempotent" } } }],
    ["the call's word wins over the spec's", { given: { method: "PUT", path: "/unsafe", options: {}, call: { retry: { idempotent: true } } }, want: { requests: 2, data: { id: 2 } } }],
  ] as const)("a 2xx whose body broke off: %s", async (_name, { given, want }) => {
    const server = await scripted([{ headers: JSON_TYPE, steps: ['{"id":', { destroy: true }] }, { headers: JSON_TYPE, steps: ['{"id":2}'] }]);
    const options = given.options as ProviderClientOptions;
    const acme = client(server.url, { ...options, retry: { maxRetries: 1, ...(options.retry || {}) }, ...noWait }) as unknown as Record<string, (path: string, init: object) => Promise<{ data?: unknown; error?: unknown }>>;
    const { data, error } = await acme[given.method]!("path" in given ? given.path : "/things", { ...("call" in given ? given.call : {}) });
    expect(server.requests).toHaveLength(want.requests);
    if ("error" in want) {
      expect(data).toBeUndefined();
      expect(error).toMatchObject({ status: 200, category: "network", retryable: true, ...want.error });
    } else {
      expect(error).toBeUndefined();
      expect(data).toEqual(want.data);
    }
  });

  it("says deadline, not not_idempotent, when the deadline cuts a POST's body", async () => {
    const server = await scripted([{ headers: JSON_TYPE, steps: ['{"id":', { hang: true }] }]);
    const { error } = await client(server.url, { retry: { maxRetries: 1 }, timeoutMs: 5000, ...noWait }).POST("/things", { body: {}, deadlineMs: 300 });
    expect(error).toMatchObject({ status: 200, category: "timeout", notRetried: "deadline", attempts: 1 });
  });

  it("succeeds on the retry after a body that broke off", async () => {
    const server = await scripted([{ headers: JSON_TYPE, steps: ['{"id":', { destroy: true }] }, { headers: JSON_TYPE, steps: ['{"id":2}'] }]);
    const { error, data } = await client(server.url, { retry: { maxRetries: 1 }, ...noWait }).GET("/things");
    expect(error).toBeUndefined();
    expect(data).toEqual({ id: 2 });
  });

  it("the deadline bounds a stalled body too", async () => {
    const server = await scripted([{ headers: JSON_TYPE, steps: ['{"id":', { hang: true }] }]);
    const started = performance.now();
    const { error } = await client(server.url, { timeoutMs: 60_000, deadlineMs: 150 }).GET("/things");
    expect(error).toMatchObject({ category: "timeout" });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("the caller's abort during the body is aborted, not retried", async () => {
    const controller = new AbortController();
    // Aborted once the server has sent part of the body, however slow the machine.
    const server = await scripted(() => (setTimeout(() => controller.abort(), 50), { headers: JSON_TYPE, steps: ['{"id":', { hang: true }] }));
    const { error } = await client(server.url, { retry: { maxRetries: 2 }, ...noWait }).GET("/things", { signal: controller.signal });
    expect(error).toMatchObject({ category: "aborted", retryable: false, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("keeps the attempts on an unreadable body", async () => {
    let n = 0;
    const server = await startTestServer(() => (n++ < 2 ? { status: 503, body: "busy" } : { status: 200, headers: JSON_TYPE, body: "{nope" }));
    servers.push(server);
    const { error } = await client(server.url, { retry: { maxRetries: 2 }, ...noWait }).GET("/things");
    expect(error).toMatchObject({ category: "unknown", attempts: 3, body: "{nope" });
  });
});

describe("responses fetch cannot rebuild", () => {
  it.each([
    ["status 600 with a JSON error", { given: { status: 600, body: { error: { message: "edge says no" } } }, want: { status: 600, category: "unknown", message: "edge says no" } }],
    ["status 205, no body", { given: { status: 205 }, want: undefined }],
  ] as const)("%s", async (_name, { given, want }) => {
    const http = createServer((_req, res) => {
      res.writeHead(given.status, JSON_TYPE);
      res.end("body" in given ? JSON.stringify(given.body) : undefined);
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    servers.push({ close: () => new Promise<void>((resolve) => http.close(() => resolve())) });
    const { error } = await client(`http://127.0.0.1:${(http.address() as { port: number }).port}`).GET("/things");
    if (want === undefined) expect(error).toBeUndefined();
    else expect(error).toMatchObject(want);
  });
});

describe("requests", () => {
  it("follows a 308 redirect with the same body", async () => {
    const server = await startTestServer((i) => (i === 0 ? { status: 308, headers: { location: "/v2/things" } } : { status: 200, body: { ok: true } }));
    servers.push(server);
    const { data, error } = await client(server.url).POST("/things", { body: { n: 1 } });
    expect(error).toBeUndefined();
    expect(data).toEqual({ ok: true });
    expect(server.requests.map((r) => [r.url, r.body])).toEqual([["/things", '{"n":1}'], ["/v2/things", '{"n":1}']]);
  });

  it("replays the body as serialised, without reading it back out of the Request", async () => {
    const server = await startTestServer((i) => (i === 0 ? { status: 503, body: "busy" } : { status: 200, body: { ok: true } }));
    servers.push(server);
    const seen: unknown[] = [];
    const fetch = (input: RequestInfo | URL, init?: RequestInit) => (seen.push(init?.body), globalThis.fetch(input, init));
    const { error } = await client(server.url, { fetch, retry: { maxRetries: 1 }, ...noWait }).POST("/things", { body: { n: 1 } });
    expect(error).toBeUndefined();
    expect(seen).toEqual(['{"n":1}', '{"n":1}']);
    expect(server.requests.map((r) => r.body)).toEqual(['{"n":1}', '{"n":1}']);
  });

  it("uses the caller's own bodySerializer", async () => {
    const { server } = await clientFor({ status: 200, body: {} });
    await client(server.url).POST("/things", { body: { n: 1 }, bodySerializer: (b: unknown) => `n=${(b as { n: number }).n}` });
    expect(server.requests[0]!.body).toBe("n=1");
  });

  it.each([
    ["a record", { "x-org": "o1" }],
    ["a Headers", new Headers({ "x-org": "o1" })],
    ["pairs", [["x-org", "o1"]]],
  ] as const)("takes client-wide headers as %s", async (_name, headers) => {
    const { server } = await clientFor({ status: 200, body: {} });
    await client(server.url, { headers: headers as HeadersInit }).GET("/things");
    expect(server.requests[0]!.headers["x-org"]).toBe("o1");
    expect(Object.keys(server.requests[0]!.headers)).not.toContain("0");
  });

  it("a throwing onRetry hook rejects the call: a programmer error, not a failed call", async () => {
    const { server } = await clientFor({ status: 503, body: "busy" });
    const onRetry = () => {
      throw new Error("metrics sink down");
    };
    await expect(client(server.url, { retry: { maxRetries: 1, onRetry }, ...noWait }).GET("/things")).rejects.toThrow("metrics sink down");
  });

  it("an async onRetry hook that rejects rejects the call too, with no unhandled rejection, and sends no retry", async () => {
    const { server } = await clientFor({ status: 503, body: "busy" });
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      const onRetry = async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error("log write failed");
      };
      await expect(client(server.url, { retry: { maxRetries: 2, onRetry }, ...noWait }).GET("/things")).rejects.toThrow("log write failed");
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      expect(server.requests).toHaveLength(1);
    } finally {
      process.off("unhandledRejection", record);
    }
  });

  it("an async onRetry hook is awaited before the retry is sent", async () => {
    const { server } = await clientFor({ status: 503, body: "busy" });
    const seen: number[] = [];
    const onRetry = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen.push(server.requests.length);
    };
    await client(server.url, { retry: { maxRetries: 1, onRetry }, ...noWait }).GET("/things");
    expect(seen).toEqual([1]);
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    ["an idempotency header that is no header name", { idempotencyHeader: "Idempotency Key" }],
    ["a timeout of zero", { timeoutMs: 0 }],
  ] as const)("throws from createClient for %s", (_name, options) => {
    expect(() => client("http://127.0.0.1:9", options)).toThrow(RangeError);
  });

  it.each([
    ["a timeout read from an environment variable", { given: { timeoutMs: "30000" }, want: 'timeoutMs must be a positive number of milliseconds, got "30000"' }],
    ["maxRetries as a string", { given: { retry: { maxRetries: "3" } }, want: 'retry.maxRetries must be a finite integer >= 0, got "3"' }],
    ["an unknown jitter", { given: { retry: { jitter: "equal" } }, want: 'retry.jitter must be "full" or "none", got "equal"' }],
    ["headers that are a number", { given: { headers: 5 }, want: "headers must be a record, a Headers or [name, value] pairs, got 5" }],
    ["headers that are null", { given: { headers: null }, want: "headers must be a record, a Headers or [name, value] pairs, got null" }],
    ["a baseUrl without a scheme", { given: { baseUrl: "api.acme.test" }, want: "acme: baseUrl must be an http(s) URL, got a string that is not a URL" }],
    ["a baseUrl with no host", { given: { baseUrl: "http://" }, want: "acme: baseUrl must be an http(s) URL, got a string that is not a URL" }],
    ["a baseUrl with a space in its host", { given: { baseUrl: "http://exa mple.com" }, want: "acme: baseUrl must be an http(s) URL, got a string that is not a URL" }],
    ["a baseUrl of another scheme", { given: { baseUrl: new URL("ftp://files.acme.test/") }, want: 'acme: baseUrl must be an http(s) URL, got "ftp://files.acme.test/"' }],
  ] as const)("says what is wrong with %s, and what it got", (_name, { given, want }) => {
    expect(() => client("http://127.0.0.1:9", given as never)).toThrow(want);
  });

  it.each([
    ["retry: null", { given: { retry: null }, want: "retry must be false or an object of retry options, got null" }],
    ["a budget of null", { given: { retry: { budget: null } }, want: "retry.budget must be a RetryBudget, its options or false, got null" }],
    ["a budget of true", { given: { retry: { budget: true } }, want: "retry.budget must be a RetryBudget, its options or false, got true" }],
    ["a jitter of null", { given: { retry: { jitter: null } }, want: 'retry.jitter must be "full" or "none", got null' }],
    ["an idempotencyHeader of null", { given: { idempotencyHeader: null }, want: "idempotencyHeader must be an HTTP header name, got null" }],
    ["an authScheme of null", { given: { authScheme: null }, want: "acme: authScheme must be one of bearer, got null" }],
    ["an authScheme that names no scheme but an Object method", { given: { authScheme: "toString" }, want: 'acme: authScheme must be one of bearer, got "toString"' }],
  ] as const)("refuses %s instead of taking the default", (_name, { given, want }) => {
    expect(() => client("http://127.0.0.1:9", given as never)).toThrow(want);
  });

  it("names a header fetch refuses without printing the key in it", () => {
    expect(() => client("http://127.0.0.1:9", { apiKey: undefined, headers: { authorization: `Bearer ${KEY}\nx` } })).toThrow(/^headers: /);
    try {
      client("http://127.0.0.1:9", { apiKey: undefined, headers: { authorization: `Bearer ${KEY}\nx` } });
    } catch (thrown) {
      expect((thrown as Error).message).not.toContain(KEY);
    }
  });

  it.each([
    ["a wrong scheme: its query is not shown", { given: `htps://h.test/v1?api_key=${KEY}`, want: 'acme: baseUrl must be an http(s) URL, got "htps://h.test/v1"' }],
    ["an empty query", { given: "http://127.0.0.1:9/v1?", want: "acme: baseUrl must have no user, password, query or fragment" }],
    ["an empty fragment", { given: "http://127.0.0.1:9/v1#", want: "acme: baseUrl must have no user, password, query or fragment" }],
  ] as const)("baseUrl with %s", (_name, { given, want }) => {
    expect(() => client("http://127.0.0.1:9", { apiKey: undefined, baseUrl: given })).toThrow(want);
  });

  it("checks a call's own baseUrl (openapi-fetch's option) like the client's, sending nothing", async () => {
    const { server } = await clientFor({ status: 200, body: {} });
    await expect(client(server.url).GET("/things", { baseUrl: `http://user:${KEY}@127.0.0.1:9/v1` })).rejects.toThrow("baseUrl must have no user, password, query or fragment");
    expect(server.requests).toHaveLength(0);
  });

  it("takes createClient(null) as a mistake it names", () => {
    expect(() => createProviderClient(setupFor("http://127.0.0.1:9"), null as never)).toThrow("acme: createClient takes an options object, got null");
  });

  it.each([
    ["createClient(key), the key where the options go", () => createProviderClient(setupFor("http://127.0.0.1:9"), KEY as never)],
    ["headers given as one string", () => client("http://127.0.0.1:9", { headers: `Authorization: Bearer ${KEY}` as never })],
    ["the key where the baseUrl goes", () => client("http://127.0.0.1:9", { baseUrl: KEY })],
    ["a baseUrl with a password", () => client("http://127.0.0.1:9", { baseUrl: `http://user:${KEY}@127.0.0.1:9/v1` })],
    ["a baseUrl with the key in its query", () => client("http://127.0.0.1:9", { baseUrl: `http://127.0.0.1:9/v1?key=${KEY}` })],
  ] as const)("never prints the key while naming the mistake: %s", (_name, create) => {
    expect(create).toThrow(TypeError);
    try {
      create();
    } catch (thrown) {
      expect((thrown as Error).message).not.toContain(KEY);
    }
  });

  it.each([
    ["a user and password", "http://user:pw@127.0.0.1:9/v1"],
    ["a query", "http://127.0.0.1:9/v1?api-version=1"],
    ["a fragment", "http://127.0.0.1:9/v1#top"],
  ] as const)("rejects a baseUrl with %s: it would break or misplace every path", (_name, baseUrl) => {
    expect(() => client("http://127.0.0.1:9", { baseUrl })).toThrow("acme: baseUrl must have no user, password, query or fragment (the key goes in apiKey)");
  });

  it("takes a baseUrl with stray spaces around it as the URL it is", async () => {
    const { server } = await clientFor({ status: 200, body: { ok: 1 } });
    await client("http://127.0.0.1:9", { baseUrl: ` ${server.url}/v9 ` }).GET("/things");
    expect(server.requests[0]!.url).toBe("/v9/things");
  });

  it.each([
    ["an upper-case scheme", { given: "HTTPS://127.0.0.1:1/v1" }],
    ["a URL object", { given: new URL("http://127.0.0.1:1/v1") }],
  ] as const)("takes a baseUrl given as %s", (_name, { given }) => {
    expect(() => client("http://127.0.0.1:9", { baseUrl: given })).not.toThrow();
  });

  it("sends to a baseUrl given as a URL object", async () => {
    const { server } = await clientFor({ status: 200, body: { ok: 1 } });
    const { data } = await client("http://127.0.0.1:9", { baseUrl: new URL(`${server.url}/v9`) }).GET("/things");
    expect(data).toEqual({ ok: 1 });
    expect(server.requests[0]!.url).toBe("/v9/things");
  });

  it.each([
    ["an empty apiKey (an unset variable read as \"\")", { apiKey: "" }],
    ["an apiKey that is no string", { apiKey: 42 as unknown as string }],
  ] as const)("throws a TypeError from createClient for %s", (_name, options) => {
    expect(() => client("http://127.0.0.1:9", options)).toThrow(/apiKey must be a non-empty string/);
  });

  it("an unlimited timeout (Infinity) does not fire at once", async () => {
    const { server } = await clientFor({ status: 200, body: { ok: 1 } });
    const { data, error } = await client(server.url, { timeoutMs: Infinity }).GET("/things");
    expect(error).toBeUndefined();
    expect(data).toEqual({ ok: 1 });
  });
});
