import { describe, expect, it, vi } from "vitest";
import { ProviderError } from "../src/provider-error.js";
import { API_KEY, acmeClient, catalog, chunk, contents, data, event, formats, serverPerTest, type Chunk } from "./stream-fixtures.js";
import { createStreamingFetch } from "../src/stream/index.js";
import { jsonReply as json, type SseReply } from "@errata/scripts/testing";

const serve = serverPerTest();

const DONE = "data: [DONE]\n\n";

/** Reads a stream the way a caller does, returning what it saw and what it caught. */
async function consume<T>(stream: AsyncIterable<T>) {
  const seen: T[] = [];
  try {
    for await (const item of stream) seen.push(item);
    return { seen, thrown: undefined };
  } catch (thrown) {
    return { seen, thrown: thrown as ProviderError };
  }
}

describe("stream(): the happy path over real HTTP", () => {
  it("sends stream:true, the key and Accept, yields typed chunks and ends at [DONE]", async () => {
    const srv = await serve([{ steps: [data(chunk("Hel")), data(chunk("lo")), DONE] }]);
    const { stream, error, response } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" } });
    expect(error).toBeUndefined();
    expect(response?.status).toBe(200);
    const { seen, thrown } = await consume(stream!);
    expect(thrown).toBeUndefined();
    expect(contents(seen)).toBe("Hello");
    expect(stream!.completed).toBe(true);
    expect(stream!.events).toEqual(seen);
    const request = srv.requests[0]!;
    expect(JSON.parse(request.body)).toEqual({ model: "m", stream: true });
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.headers.accept).toBe("text/event-stream");
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/chat/completions");
  });

  it("reassembles chunks delivered one byte per TCP write, including inside multi-byte characters", async () => {
    const text = [chunk("Grüße, "), chunk("世界 "), chunk("👋🏽")].map(data).join("") + DONE;
    const srv = await serve([{ steps: [{ bytewise: text, gapMs: 0 }] }]);
    let reads = 0;
    const counting = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await fetch(input, init);
      const counter = new TransformStream<Uint8Array, Uint8Array>({ transform: (piece, c) => (reads++, c.enqueue(piece)) });
      return new Response(response.body!.pipeThrough(counter), response);
    };
    const { stream } = await acmeClient(srv.url, { fetch: counting }).stream("/chat/completions", { body: { model: "m" } });
    const { seen, thrown } = await consume(stream!);
    expect(thrown).toBeUndefined();
    expect(contents(seen)).toBe("Grüße, 世界 👋🏽");
    expect(reads).toBeGreaterThan(text.length / 2); // the bytes really arrived in many small reads
  });

  it("yields Anthropic events and completes at message_stop (no [DONE])", async () => {
    const srv = await serve([
      {
        steps: [
          event("message_start", { type: "message_start", message: { id: "msg_1" } }),
          event("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "53" } }),
          event("message_stop", { type: "message_stop" }),
          { hang: true },
        ],
      },
    ]);
    const { stream } = await acmeClient(srv.url).stream("/v1/messages", { body: { max_tokens: 8 } });
    const { seen, thrown } = await consume(stream!);
    expect(thrown).toBeUndefined();
    expect(seen.map((e) => e.type)).toEqual(["message_start", "content_block_delta", "message_stop"]);
    // The connection is released at the terminator even though the server keeps it open.
    await srv.requests[0]!.closed;
  });
});

describe("stream(): failures after the first event are thrown, classified, and never retried", () => {
  it("an error frame with a catalog code keeps the catalog's verdict; the events stay reachable", async () => {
    const frame = { error: { type: "server_error", code: "goblin_distracted", message: "The goblin wandered off." } };
    const srv = await serve([{ headers: { "x-request-id": "req_7" }, steps: [data(chunk("a")), data(chunk("b")), data(frame)] }]);
    const { stream } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" } });
    const { seen, thrown } = await consume(stream!);
    expect(contents(seen)).toBe("ab");
    expect(thrown).toBeInstanceOf(ProviderError);
    expect(thrown).toMatchObject({
      provider: "acme",
      status: 200,
      code: "goblin_distracted",
      category: "stream_interrupted",
      retryable: true,
      requestId: "req_7",
      message: "The goblin wandered off.",
      body: frame,
    });
    expect(stream!.error).toBe(thrown);
    expect(stream!.events).toEqual(seen);
    expect(srv.requests).toHaveLength(1);
  });

  it("a code the catalog knows only as a stream error (status 200 entry) is classified by code", async () => {
    const srv = await serve([{ steps: [data(chunk("a")), data({ error: { type: "bad_gateway", code: "stream_terminated", message: "gone" } })] }]);
    const { stream } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" } });
    const { thrown } = await consume(stream!);
    expect(thrown).toMatchObject({ status: 200, code: "stream_terminated", category: "stream_interrupted", retryable: true });
  });

  it("an unknown error frame is stream_interrupted and not retryable (an unknown 2xx error)", async () => {
    const srv = await serve([{ steps: [data(chunk("a")), data({ error: { type: "weird", code: "never_documented", message: "?" } })] }]);
    const { stream } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" } });
    const { thrown } = await consume(stream!);
    expect(thrown).toMatchObject({ status: 200, code: "never_documented", category: "stream_interrupted", retryable: false });
  });

  it("an abrupt close mid-event is stream_interrupted and retryable, after the events before it", async () => {
    const srv = await serve([{ steps: [data(chunk("a")), 'data: {"id":"c1","cho', { destroy: true }] }]);
    const { stream } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" } });
    const { seen, thrown } = await consume(stream!);
    expect(contents(seen)).toBe("a");
    expect(thrown).toMatchObject({ status: 200, category: "stream_interrupted", retryable: true });
    expect(srv.requests).toHaveLength(1);
  });

  it("a clean end without [DONE] is stream_interrupted", async () => {
    const srv = await serve([{ steps: [data(chunk("a"))] }]);
    const { stream } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" } });
    const { thrown } = await consume(stream!);
    expect(thrown).toMatchObject({ status: 200, category: "stream_interrupted", retryable: true });
    expect(thrown?.message).toBe("acme: the stream ended before data: [DONE]");
  });

  it("an idle stream times out with category timeout and releases the connection", async () => {
    const srv = await serve([{ steps: [data(chunk("a")), { hang: true }] }]);
    const { stream } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" }, idleTimeoutMs: 150 });
    const started = Date.now();
    const { seen, thrown } = await consume(stream!);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(contents(seen)).toBe("a");
    expect(thrown).toMatchObject({ status: 200, category: "timeout", retryable: true, message: "acme: no event arrived for 150 ms" });
    await srv.requests[0]!.closed;
  });

  it("keep-alive comments count as activity for the idle timeout, and are not events", async () => {
    // 1 s of beats 100 ms apart against a 400 ms idle timeout: without them the stream would time
    // out, and a loaded machine still has 300 ms of slack per beat.
    const beats = Array.from({ length: 10 }, () => [": keep-alive\n\n", { wait: 100 }]).flat();
    const srv = await serve([{ steps: [data(chunk("a")), ...beats, data(chunk("b")), DONE] }]);
    const { stream } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" }, idleTimeoutMs: 400 });
    const { seen, thrown } = await consume(stream!);
    expect(thrown).toBeUndefined();
    expect(contents(seen)).toBe("ab");
  });

  it("a slow stream aborted by the caller ends with category aborted, not retryable, connection closed", async () => {
    const slow = Array.from({ length: 50 }, (_, i) => [data(chunk(String(i))), { wait: 40 }]).flat();
    const srv = await serve([{ steps: [...slow, DONE] }]);
    const controller = new AbortController();
    const { stream } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" }, signal: controller.signal });
    const seen: Chunk[] = [];
    let thrown: unknown;
    try {
      for await (const c of stream!) {
        seen.push(c);
        if (seen.length === 3) controller.abort();
      }
    } catch (error) {
      thrown = error;
    }
    expect(seen).toHaveLength(3);
    expect(thrown).toMatchObject({ status: 200, category: "aborted", retryable: false });
    await srv.requests[0]!.closed;
  });

  it("an abort before iterating ends the stream at once, buffered events dropped, connection closed", async () => {
    const srv = await serve([{ steps: [data(chunk("a")), data(chunk("b")), { hang: true }] }]);
    const controller = new AbortController();
    const { stream } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" }, signal: controller.signal });
    controller.abort();
    const { seen, thrown } = await consume(stream!);
    expect(seen).toEqual([]);
    expect(thrown).toMatchObject({ status: 200, category: "aborted", retryable: false });
    await srv.requests[0]!.closed;
  });

  it("breaking out of the loop cancels the stream quietly", async () => {
    const srv = await serve([{ steps: [data(chunk("a")), data(chunk("b")), { hang: true }] }]);
    const { stream } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" } });
    for await (const _ of stream!) break;
    expect(stream!.error).toBeUndefined();
    expect(stream!.completed).toBe(false);
    await srv.requests[0]!.closed;
  });

  it("collect() reads to the end without throwing", async () => {
    const srv = await serve([{ steps: [data(chunk("a")), { destroy: true }] }]);
    const { stream } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" } });
    const { events, error, completed } = await stream!.collect();
    expect({ text: contents(events), category: error?.category, completed }).toEqual({ text: "a", category: "stream_interrupted", completed: false });
  });

  it("never lets the API key into an error", async () => {
    const leak = { error: { type: "server_error", code: "goblin_distracted", message: `bad key ${API_KEY}` } };
    const srv = await serve([{ headers: { "x-echo": API_KEY }, steps: [data(chunk("a")), data(leak)] }]);
    const { stream } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" } });
    const { thrown } = await consume(stream!);
    expect(JSON.stringify(thrown)).not.toContain(API_KEY);
    expect(thrown?.message).toBe("bad key [REDACTED]");
  });
});

describe("stream(): failures before the first event are returned and retried like HTTP errors", () => {
  it("retries a 503 and opens the stream on the next attempt", async () => {
    const onRetry = vi.fn();
    const srv = await serve([json(503, { error: { type: "overloaded_error", message: "busy" } }), { steps: [data(chunk("ok")), DONE] }]);
    const { stream, error } = await acmeClient(srv.url, { retry: { onRetry } }).stream("/chat/completions", { body: { model: "m" } });
    expect(error).toBeUndefined();
    expect(contents((await stream!.collect()).events)).toBe("ok");
    expect(srv.requests).toHaveLength(2);
    expect(onRetry).toHaveBeenCalledOnce();
    expect(onRetry.mock.calls[0]![0].error).toMatchObject({ status: 503, category: "unavailable" });
  });

  it("retries an error frame that arrives before any event, invisibly to the caller", async () => {
    const frame = { error: { type: "server_error", code: "goblin_distracted", message: "wandered off" } };
    const srv = await serve([{ steps: [data(frame)] }, { steps: [data(chunk("second")), DONE] }]);
    const { stream, error } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" } });
    expect(error).toBeUndefined();
    expect(contents((await stream!.collect()).events)).toBe("second");
    expect(srv.requests).toHaveLength(2);
  });

  it.each([
    ["breaks off", { steps: [{ destroy: true }] }, { category: "stream_interrupted" }],
    ["stays silent", { steps: [{ hang: true }] }, { category: "timeout" }],
  ] satisfies [string, SseReply, object][])("does not send a POST again when its stream %s before the first event: the provider has acted on it", async (_name, reply, want) => {
    const srv = await serve([reply, { steps: [data(chunk("second")), DONE] }]);
    const { stream, error } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" }, idleTimeoutMs: 400 });
    expect(stream).toBeUndefined();
    expect(error).toMatchObject({ ...want, status: 200, retryable: true, notRetried: "not_idempotent", attempts: 1 });
    expect(srv.requests).toHaveLength(1);
  });

  it("retries a POST whose stream opens with an error the catalog documents for its 200 (no code, no type): the provider said it failed", async () => {
    const srv = await serve([{ steps: [data({ error: { message: "overloaded" } })] }, { steps: [data(chunk("second")), DONE] }]);
    const byStatus = { ...catalog, errors: [{ status: 200, retryable: true, category: "unavailable", description: "busy" }] } as const;
    const send = createStreamingFetch({ catalog: byStatus, runtime: { sleep: async () => {}, random: () => 0 } });
    const { stream, error } = await send(`${srv.url}/chat/completions`, { method: "POST", body: "{}" }, { format: formats["/chat/completions"] });
    expect(error).toBeUndefined();
    expect(contents((await stream!.collect()).events as Chunk[])).toBe("second");
    expect(srv.requests).toHaveLength(2);
  });

  it("says deadline, not not_idempotent, when the deadline passes before a POST's first event", async () => {
    const srv = await serve([{ steps: [{ hang: true }] }]);
    const { error } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" }, deadlineMs: 300, idleTimeoutMs: 5000 });
    expect(error).toMatchObject({ status: 200, category: "timeout", retryable: true, notRetried: "deadline", attempts: 1 });
    expect(srv.requests).toHaveLength(1);
  });

  it("retries a stream that breaks off or stays silent before its first event when the call is idempotent", async () => {
    const srv = await serve([{ steps: [{ destroy: true }] }, { steps: [{ hang: true }] }, { steps: [data(chunk("third")), DONE] }]);
    // 400 ms: the silent attempt must time out, the third must not before its first event arrives.
    const { stream, error } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" }, idleTimeoutMs: 400, retry: { idempotent: true } });
    expect(error).toBeUndefined();
    expect(contents((await stream!.collect()).events)).toBe("third");
    expect(srv.requests).toHaveLength(3);
  });

  it("returns the last failure with its attempts when retries run out", async () => {
    const srv = await serve([{ steps: [data({ error: { type: "server_error", code: "goblin_distracted", message: "again" } })] }]);
    const { stream, error, response } = await acmeClient(srv.url, { retry: { maxRetries: 2 } }).stream("/chat/completions", { body: { model: "m" } });
    expect(stream).toBeUndefined();
    expect(response?.status).toBe(200);
    expect(error).toMatchObject({ status: 200, code: "goblin_distracted", attempts: 3 });
    expect(srv.requests).toHaveLength(3);
  });

  it("does not retry a non-retryable HTTP error", async () => {
    const srv = await serve([json(401, { error: { type: "authentication_error", message: `Invalid key ${API_KEY}` } })]);
    const { error } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" } });
    expect(error).toMatchObject({ status: 401, category: "authentication", retryable: false, message: "Invalid key [REDACTED]" });
    expect(srv.requests).toHaveLength(1);
  });

  it("with retry: false, returns the first failure", async () => {
    const srv = await serve([{ steps: [{ destroy: true }] }]);
    const { error } = await acmeClient(srv.url, { retry: false }).stream("/chat/completions", { body: { model: "m" } });
    expect(error).toMatchObject({ status: 200, category: "stream_interrupted", attempts: 1 });
  });

  it("an empty stream that ends at [DONE] is a success with no events", async () => {
    const srv = await serve([{ steps: [DONE] }]);
    const { stream, error } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" } });
    expect(error).toBeUndefined();
    expect(await stream!.collect()).toEqual({ events: [], error: undefined, completed: true });
  });

  it("a caller abort before the first event is returned as aborted, not retried", async () => {
    const controller = new AbortController();
    // Aborted once the server holds the request, not after a fixed time: a loaded machine may not
    // have sent it by then.
    const srv = await serve(() => (setTimeout(() => controller.abort(), 20), { steps: [{ hang: true }] }));
    const { error } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m" }, signal: controller.signal });
    expect(error).toMatchObject({ category: "aborted", retryable: false });
    expect(srv.requests).toHaveLength(1);
  });

  it("a connection refused is a network error, retried, then returned", async () => {
    const srv = await serve([{ steps: [] }]);
    const url = srv.url;
    await srv.close();
    const { error } = await acmeClient(url, { retry: { maxRetries: 1 } }).stream("/chat/completions", { body: { model: "m" } });
    expect(error).toMatchObject({ status: 0, category: "network", attempts: 2 });
  });
});

describe("stream(): the deadline and requests that cannot be sent", () => {
  it("the deadline bounds the wait for the first event (the idle timeout is longer)", async () => {
    const srv = await serve([{ steps: [{ hang: true }] }]);
    const started = performance.now();
    const { error, stream } = await acmeClient(srv.url, { deadlineMs: 150, idleTimeoutMs: 30_000 }).stream("/chat/completions", { body: { model: "m" } });
    expect(stream).toBeUndefined();
    // The 200 and its headers had arrived: the error says so, rather than "no response".
    expect(error).toMatchObject({ status: 200, category: "timeout", headers: { "content-type": "text/event-stream" } });
    expect(error!.message).toMatch(/HTTP 200 arrived, then request timed out/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("a body that cannot be serialised is returned as invalid_request, nothing sent, the key nowhere", async () => {
    const srv = await serve([{ steps: [DONE] }]);
    const { error } = await acmeClient(srv.url).stream("/chat/completions", { body: { model: "m", n: 1n } as never });
    expect(error).toMatchObject({ status: 0, category: "invalid_request", retryable: false });
    expect(srv.requests).toHaveLength(0);
  });

  it("a key that is no valid header value is returned, redacted everywhere", async () => {
    const key = "sk-acme-\nBROKEN-77aa";
    const { error } = await acmeClient("http://127.0.0.1:9", { apiKey: key }).stream("/chat/completions", { body: { model: "m" } });
    expect(error).toMatchObject({ category: "invalid_request" });
    expect(JSON.stringify(error)).not.toContain("BROKEN-77aa");
    expect(error!.message).not.toContain("BROKEN-77aa");
  });

  it("an invalid idleTimeoutMs throws from createClient, not from the first stream()", () => {
    expect(() => acmeClient("http://127.0.0.1:9", { idleTimeoutMs: -1 } as never)).toThrow(RangeError);
  });
});

describe("stream(): a JSON answer to a stream request", () => {
  it.each([
    ["a documented error code decides, body kept, not retried", { given: { error: { type: "invalid_request_error", code: "content_blocked", message: "no" } }, want: { category: "content_filter", retryable: false, code: "content_blocked", requests: 1 } }],
    ["a full completion from a server that ignored stream:true is no stream, not retried", { given: { id: "c1", choices: [] }, want: { category: "unknown", retryable: false, requests: 1 } }],
    ["a retryable stream code is retried", { given: { error: { code: "stream_terminated", message: "x" } }, want: { category: "stream_interrupted", retryable: true, requests: 2 } }],
  ] as const)("%s", async (_name, { given, want }) => {
    const reply = { headers: { "content-type": "application/json" }, steps: [JSON.stringify(given)] };
    const srv = await serve([reply, reply]);
    const { error, stream } = await acmeClient(srv.url, { retry: { maxRetries: 1 } }).stream("/chat/completions", { body: { model: "m" } });
    expect(stream).toBeUndefined();
    const { requests, ...fields } = want;
    expect(error).toMatchObject({ status: 200, body: given, ...fields });
    expect(srv.requests).toHaveLength(requests);
  });
});

describe("stream(): programmer errors throw", () => {
  it("a path that is not a documented stream", async () => {
    const client = acmeClient("http://127.0.0.1:9");
    // @ts-expect-error not a streaming operation
    await expect(client.stream("/models")).rejects.toThrow(TypeError);
  });

  it("the plain methods are still there", () => {
    const client = acmeClient("http://127.0.0.1:9");
    expect(typeof client.POST).toBe("function");
    expect(typeof client.GET).toBe("function");
  });
});
