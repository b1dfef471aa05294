import { afterEach, describe, expect, it } from "vitest";
import { chatCompletion, clientHarness, secretLeaks, sendThrough, transportFailures, type Reply } from "@errata/scripts/testing";
import { ProviderError, type FetchLike } from "@errata/retry-policy";
import { createClient, defaultBaseUrl, type ClientOptions } from "../src/index.js";

const API_KEY = "ml-test-DO-NOT-LEAK-7d31be";
const chatBody = { messages: [{ role: "user" as const, content: "Name a prime number above 50." }], max_tokens: 64 };
const messageBody = { max_tokens: 256, messages: [{ role: "user" as const, content: "Name a prime number above 50." }] };
const completion = chatCompletion({ id: "chatcmpl-1", model: "local" }, "53");
const message = {
  id: "msg_1",
  type: "message",
  role: "assistant",
  content: [{ type: "text", text: "53" }],
  model: "local",
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: { input_tokens: 24, output_tokens: 2 },
};
const ok: Reply = { status: 200, body: completion };
const gateway = (status: number, type: string, message = `${type} (gateway)`): Reply => ({ status, body: { error: { type, message } } });
const llama = (status: number, type: string, extra: object = {}): Reply => ({
  status,
  body: { error: { code: status, message: `${type} (llama-server)`, type, ...extra } },
});
const anthropic = (status: number, type: string, message = `${type} (anthropic)`): Reply => ({
  status,
  body: { type: "error", error: { type, message } },
});

/** A client against a scripted server; backoff waits are recorded instead of slept, with no jitter. */
const harness = clientHarness(createClient, { apiKey: API_KEY, retry: { initialDelayMs: 100, maxDelayMs: 1000, jitter: "none" } } as ClientOptions);
afterEach(harness.closeAll);
const setup = harness.setup;

describe("GGUF Cloud gateway errors, end to end on 127.0.0.1", () => {
  it.each([
    ["401 authentication_error", { given: gateway(401, "authentication_error", "Invalid API key."), want: { status: 401, category: "authentication", type: "authentication_error" } }],
    ["404 not_found_error (no deployment)", { given: gateway(404, "not_found_error", "No deployment found for this endpoint."), want: { status: 404, category: "not_found", type: "not_found_error" } }],
  ] as const)("%s is sent once, not retried", async (_name, { given, want }) => {
    const { client, server, waits } = await setup(() => given);
    const { data, error, response } = await client.POST("/v1/chat/completions", { body: chatBody });
    expect(data).toBeUndefined();
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ ...want, retryable: false, attempts: 1, code: undefined, message: (given as any).body.error.message });
    expect(response?.status).toBe(want.status);
  });

  it.each([
    ["503 overloaded_error (deploying)", gateway(503, "overloaded_error", "Endpoint is not ready (status: deploying). It may still be deploying or paused.")],
    ["502 api_error (pod unreachable)", gateway(502, "api_error")],
  ] as const)("%s is retried with backoff, then succeeds", async (_name, failure) => {
    const { client, server, waits } = await setup((i) => (i < 2 ? failure : ok));
    const { data, error } = await client.POST("/v1/chat/completions", { body: chatBody });
    expect(error).toBeUndefined();
    expect(data).toEqual(completion);
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
  });

  it("a paused deployment (503 forever) gives up after maxRetries with exponential backoff only", async () => {
    const { client, server, waits } = await setup(() => gateway(503, "overloaded_error", "Endpoint is not ready (status: paused). It may still be deploying or paused."), {
      retry: { maxRetries: 3 },
    });
    const { error } = await client.POST("/v1/chat/completions", { body: chatBody });
    expect(server.requests).toHaveLength(4);
    expect(waits).toEqual([100, 200, 400]);
    expect(error).toMatchObject({ status: 503, category: "unavailable", type: "overloaded_error", retryable: true, retryAfterMs: undefined, attempts: 4 });
    expect(error!.message).toContain("status: paused");
  });

  it("no documented delay source, but a standard Retry-After is still honoured", async () => {
    const { client, waits } = await setup((i) => (i === 0 ? { ...gateway(502, "api_error"), headers: { "retry-after": "2" } } : ok));
    const { error } = await client.POST("/v1/chat/completions", { body: chatBody });
    expect(error).toBeUndefined();
    expect(waits).toEqual([2000]);
  });
});

describe("llama-server pass-through errors", () => {
  it("400 exceed_context_size_error: context_length, not retried, n_prompt_tokens and n_ctx on error.body", async () => {
    const { client, server } = await setup(() => llama(400, "exceed_context_size_error", { n_prompt_tokens: 5274, n_ctx: 4096 }));
    const { error } = await client.POST("/v1/chat/completions", { body: chatBody });
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 400, category: "context_length", type: "exceed_context_size_error", retryable: false });
    expect(error!.code).toBeUndefined(); // the integer 400 is not an error code
    expect(error!.body).toEqual({ error: { code: 400, message: "exceed_context_size_error (llama-server)", type: "exceed_context_size_error", n_prompt_tokens: 5274, n_ctx: 4096 } });
  });

  it("501 not_supported_error (embeddings off) is not retried", async () => {
    const { client, server, waits } = await setup(() => llama(501, "not_supported_error"));
    const { error } = await client.POST("/v1/embeddings", { body: { input: "The quick brown fox." } });
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error).toMatchObject({ status: 501, category: "invalid_request", type: "not_supported_error", retryable: false, code: undefined });
  });

  it("503 unavailable_error (loading model) is retried until the model is loaded", async () => {
    const { client, server, waits } = await setup((i) => (i === 0 ? llama(503, "unavailable_error") : { status: 200, body: message }));
    const { data, error } = await client.POST("/v1/messages", { body: messageBody });
    expect(error).toBeUndefined();
    expect(data).toEqual(message);
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([100]);
  });

  it("a text/plain 500 is a retryable server_error whose text is kept", async () => {
    const { client, server, waits } = await setup(() => ({ status: 500, body: "Internal Server Error" }), { retry: { maxRetries: 1 } });
    const { error, response } = await client.GET("/v1/models");
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([100]);
    expect(response?.headers.get("content-type")).toBe("text/plain");
    expect(error).toMatchObject({ status: 500, category: "server_error", retryable: true, type: undefined, attempts: 2, body: "Internal Server Error" });
    expect(error!.message).toContain("Internal Server Error");
  });
});

describe("Anthropic-shaped bodies on /v1/messages", () => {
  it("529 overloaded_error is recognised by its type and retried", async () => {
    const { client, server } = await setup((i) => (i === 0 ? anthropic(529, "overloaded_error", "Overloaded") : { status: 200, body: message }));
    const { data, error } = await client.POST("/v1/messages", { body: messageBody, params: { header: { "anthropic-version": "2023-06-01" } } });
    expect(error).toBeUndefined();
    expect(data?.content).toEqual([{ type: "text", text: "53" }]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.headers["anthropic-version"]).toBe("2023-06-01");
  });

  it("400 invalid_request_error is read from error.type, not the top-level \"error\"", async () => {
    const { client, server } = await setup(() => anthropic(400, "invalid_request_error", "max_tokens: Field required"));
    const { error } = await client.POST("/v1/messages", { body: messageBody });
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 400, category: "invalid_request", type: "invalid_request_error", retryable: false, message: "max_tokens: Field required" });
  });
});

describe("the API key", () => {
  it.each([
    ["bearerAuth (default)", { given: undefined, want: { header: "authorization", value: `Bearer ${API_KEY}` } }],
    ["bearerAuth", { given: "bearerAuth", want: { header: "authorization", value: `Bearer ${API_KEY}` } }],
    ["xApiKey", { given: "xApiKey", want: { header: "x-api-key", value: API_KEY } }],
    ["keyHeader", { given: "keyHeader", want: { header: "key", value: API_KEY } }],
  ] as const)("%s reaches the server in its header, and only there", async (_name, { given, want }) => {
    const { client, server } = await setup(() => ok, given ? { authScheme: given } : {});
    await client.POST("/v1/chat/completions", { body: chatBody });
    const { headers, body, url } = server.requests[0]!;
    expect(headers[want.header]).toBe(want.value);
    const others = ["authorization", "x-api-key", "key"].filter((h) => h !== want.header);
    for (const other of others) expect(headers[other]).toBeUndefined();
    expect(body + url).not.toContain(API_KEY);
  });

  it.each(["bearerAuth", "xApiKey", "keyHeader"] as const)("never appears in an error, even echoed back (%s)", async (authScheme) => {
    const { client } = await setup(
      (_, request) => ({
        status: 401,
        headers: { "x-echo": `${request.headers.authorization} ${request.headers["x-api-key"]} ${request.headers.key}` },
        body: { error: { type: "authentication_error", message: `bad key ${request.headers.authorization ?? request.headers["x-api-key"] ?? request.headers.key}` } },
      }),
      { authScheme },
    );
    const { error } = await client.POST("/v1/chat/completions", { body: chatBody });
    expect(error).toMatchObject({ category: "authentication", retryable: false });
    expect(secretLeaks(error, API_KEY)).toEqual([]);
    expect(error!.message).toContain("[REDACTED]");
  });
});

describe("failures without an HTTP response are returned, never thrown, and never show the key", () => {
  it.each(transportFailures(ok, ["refused"], { authScheme: "keyHeader" }))("%s", async (_name, { given, want }) => {
    const outcome = await sendThrough(harness, given, (client, signal) => client.POST("/v1/chat/completions", { body: chatBody, signal }));
    expect(outcome).toMatchObject(want);
    expect(outcome.elapsedMs).toBeLessThan(5000);
  });
});

describe("the deployment id fills the server URL", () => {
  /** Sends requests for the real host to the test server, recording the URL the client built. */
  function redirectTo(target: string, seen: string[]): FetchLike {
    return (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      seen.push(url);
      return fetch(url.replace("https://modelslab.com", target), init);
    };
  }

  it("deploymentId → https://modelslab.com/api/gguf/<id>, encoded", async () => {
    const server = await harness.serve(() => ok);
    const seen: string[] = [];
    const client = createClient({ apiKey: API_KEY, deploymentId: "dep 42/a", fetch: redirectTo(server.url, seen), retry: false });
    const { error } = await client.POST("/v1/chat/completions", { body: chatBody });
    expect(error).toBeUndefined();
    expect(seen).toEqual(["https://modelslab.com/api/gguf/dep%2042%2Fa/v1/chat/completions"]);
    expect(server.requests[0]!.url).toBe("/api/gguf/dep%2042%2Fa/v1/chat/completions");
    expect(defaultBaseUrl).toBe("https://modelslab.com/api/gguf/{deployment_id}");
  });

  it("a given baseUrl wins over deploymentId", async () => {
    const server = await harness.serve(() => ({ status: 200, body: { object: "list", data: [] } }));
    const client = createClient({ apiKey: API_KEY, deploymentId: "ignored", baseUrl: `${server.url}/root`, retry: false });
    const { data } = await client.GET("/v1/models");
    expect(data).toEqual({ object: "list", data: [] });
    expect(server.requests[0]!.url).toBe("/root/v1/models");
  });
});

describe("invalid options throw; failures never do", () => {
  it.each([
    ["neither deploymentId nor baseUrl", { given: { apiKey: API_KEY }, want: /deploymentId/ }],
    ["an empty deploymentId", { given: { apiKey: API_KEY, deploymentId: "" }, want: /deploymentId/ }],
    ["an unknown authScheme", { given: { apiKey: API_KEY, deploymentId: "d", authScheme: "query" }, want: /authScheme must be one of bearerAuth, xApiKey, keyHeader/ }],
    ["a bad baseUrl", { given: { baseUrl: "modelslab.com/api/gguf/d" }, want: /baseUrl/ }],
    ["negative maxRetries", { given: { deploymentId: "d", retry: { maxRetries: -1 } }, want: /maxRetries/ }],
    ["zero timeout", { given: { deploymentId: "d", timeoutMs: 0 }, want: /timeoutMs/ }],
    ["a misspelt deploymentId", { given: { apiKey: API_KEY, deploymentID: "d" }, want: 'unknown createClient option "deploymentID" (did you mean "deploymentId"?)' }],
    ["a misspelt authScheme", { given: { apiKey: API_KEY, deploymentId: "d", auth_scheme: "xApiKey" }, want: 'unknown createClient option "auth_scheme" (did you mean "authScheme"?)' }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(() => createClient(given as ClientOptions)).toThrow(want);
  });

  it("returns a malformed 200 body as an error that keeps the text, not a throw", async () => {
    const { client } = await setup(() => ({ status: 200, headers: { "content-type": "application/json" }, body: "{not json" }));
    const { error } = await client.POST("/v1/chat/completions", { body: chatBody });
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 200, category: "unknown", retryable: false, body: "{not json" });
  });
});
