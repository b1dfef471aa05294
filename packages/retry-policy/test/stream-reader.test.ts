import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProviderError } from "../src/provider-error.js";
import { readEventStream } from "../src/stream/index.js";
import { catalog, chunk, contents, data, event, formats, type Chunk, type MessageEvent } from "./stream-fixtures.js";

const encoder = new TextEncoder();

/** A 200 whose body arrives in exactly these byte pieces. */
function responseOf(pieces: Uint8Array[], init: ResponseInit = {}): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "text/event-stream", "x-request-id": "req_42" }, ...init });
}

/** Splits bytes at the given offsets. */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    out.push(bytes.slice(start, point));
    start = point;
  }
  return out;
}

const multibyte = [chunk("Größe "), chunk("日本語 "), chunk("🙂 done")];
const sseText = multibyte.map(data).join("") + "data: [DONE]\n\n";

describe("readEventStream: byte boundaries (in memory, deterministic)", () => {
  const bytes = encoder.encode(sseText);

  it("yields the same events for a split at every single byte offset, multi-byte characters included", async () => {
    for (let cut = 1; cut < bytes.length; cut++) {
      const stream = readEventStream<Chunk>(responseOf(split(bytes, [cut])), { catalog, format: formats["/chat/completions"] });
      const { events, error, completed } = await stream.collect();
      expect({ cut, error, completed, text: contents(events) }).toEqual({ cut, error: undefined, completed: true, text: "Größe 日本語 🙂 done" });
    }
  });

  it("yields the same events for any set of split points (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }), async (cuts) => {
        const stream = readEventStream<Chunk>(responseOf(split(bytes, cuts)), { catalog, format: formats["/chat/completions"] });
        const { events, completed } = await stream.collect();
        expect(completed).toBe(true);
        expect(events).toEqual(multibyte);
      }),
      { numRuns: 200 },
    );
  });

  it("one byte per chunk", async () => {
    const pieces = [...bytes].map((b) => Uint8Array.of(b));
    const { events, completed } = await readEventStream<Chunk>(responseOf(pieces), { catalog, format: formats["/chat/completions"] }).collect();
    expect(completed).toBe(true);
    expect(events).toEqual(multibyte);
  });
});

describe("readEventStream: endings", () => {
  const read = (text: string, path: keyof typeof formats = "/chat/completions") =>
    readEventStream<Chunk, ProviderError>(responseOf([encoder.encode(text)]), { catalog, format: formats[path], secrets: ["sk-SECRET-1"] });

  it("accepts a terminator without its closing blank line", async () => {
    const { completed, error } = await read(data(chunk("a")) + "data: [DONE]").collect();
    expect(error).toBeUndefined();
    expect(completed).toBe(true);
  });

  it("a body that ends without the terminator is stream_interrupted and retryable; the events stay", async () => {
    const { events, error, completed } = await read(data(chunk("a")) + data(chunk("b"))).collect();
    expect(completed).toBe(false);
    expect(contents(events as Chunk[])).toBe("ab");
    expect(error).toMatchObject({ status: 200, category: "stream_interrupted", retryable: true, requestId: "req_42" });
    expect(error?.message).toContain("data: [DONE]");
  });

  it("a last event cut off mid-JSON is reported as the interruption, not as bad JSON", async () => {
    const { events, error } = await read(data(chunk("a")) + 'data: {"id":"c1","choi').collect();
    expect(events).toHaveLength(1);
    expect(error).toMatchObject({ category: "stream_interrupted", retryable: true });
    expect(error?.message).toContain("ended before");
  });

  it("data that is not JSON mid-stream is stream_interrupted, not retryable, with the text on body", async () => {
    const { error } = await read(data(chunk("a")) + "data: <html>sk-SECRET-1</html>\n\n" + "data: [DONE]\n\n").collect();
    expect(error).toMatchObject({ category: "stream_interrupted", retryable: false, body: "<html>[REDACTED]</html>" });
  });

  it("messages after the terminator are ignored", async () => {
    const { events, error, completed } = await read(data(chunk("a")) + "data: [DONE]\n\n" + data({ error: { code: "x" } })).collect();
    expect({ n: events.length, error, completed }).toEqual({ n: 1, error: undefined, completed: true });
  });

  it("an event: error on the Anthropic route is classified after wrapping: retryability from the catalog, category stream_interrupted", async () => {
    const text =
      event("message_start", { type: "message_start", message: { id: "msg_1" } }) +
      event("error", { code: 500, message: "context shift is disabled", type: "server_error" });
    const stream = readEventStream<MessageEvent>(responseOf([encoder.encode(text)]), { catalog, format: formats["/v1/messages"] });
    const { events, error } = await stream.collect();
    expect(events).toEqual([{ type: "message_start", message: { id: "msg_1" } }]);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      status: 200,
      type: "server_error",
      // No code: the type keeps the catalog's retryability, and the category says the stream broke.
      category: "stream_interrupted",
      retryable: true,
      message: "context shift is disabled",
      body: { error: { code: 500, message: "context shift is disabled", type: "server_error" } },
    });
  });

  it("message_stop is yielded and completes the stream", async () => {
    const text = event("message_start", { type: "message_start", message: { id: "m" } }) + event("message_stop", { type: "message_stop" });
    const stream = readEventStream<MessageEvent>(responseOf([encoder.encode(text)]), { catalog, format: formats["/v1/messages"] });
    const seen: string[] = [];
    for await (const e of stream) seen.push(e.type);
    expect(seen).toEqual(["message_start", "message_stop"]);
    expect(stream.completed).toBe(true);
  });

  it("a non-2xx response handed in is an ordinary HTTP error", async () => {
    const response = new Response(JSON.stringify({ error: { type: "overloaded_error", message: "busy" } }), { status: 503 });
    const stream = readEventStream<Chunk>(response, { catalog, format: formats["/chat/completions"] });
    await expect(stream.ready()).resolves.toMatchObject({ status: 503, category: "unavailable", retryable: true });
    await expect(stream[Symbol.asyncIterator]().next()).rejects.toMatchObject({ status: 503 });
  });

  it("is iterated once", async () => {
    const stream = read(data(chunk("a")) + "data: [DONE]\n\n");
    stream[Symbol.asyncIterator]();
    expect(() => stream[Symbol.asyncIterator]()).toThrow(TypeError);
  });

  it("rejects an invalid idle timeout (a programmer error)", () => {
    expect(() => readEventStream(responseOf([]), { catalog, format: formats["/chat/completions"], idleTimeoutMs: 0 })).toThrow(RangeError);
  });
});

describe("readEventStream: fixes from an audit", () => {
  const read = (text: string) =>
    readEventStream<Chunk>(responseOf([encoder.encode(text)]), { catalog, format: formats["/chat/completions"], secrets: ["sk-audit-key-123"] });

  it.each([
    ['`"error": null` on every chunk is no error frame', { given: [chunk("a"), { ...chunk("b"), error: null }].map(data).join("") + "data: [DONE]\n\n", want: { text: "ab", completed: true } }],
    ["an error frame still ends the stream", { given: data(chunk("a")) + data({ error: { code: "stream_terminated", message: "x" } }), want: { text: "a", completed: false } }],
  ] as const)("%s", async (_name, { given, want }) => {
    const { events, completed } = await read(given).collect();
    expect(contents(events)).toBe(want.text);
    expect(completed).toBe(want.completed);
  });

  it("collect() after a partial iteration reads the rest without throwing", async () => {
    const stream = read([chunk("a"), chunk("b"), chunk("c")].map(data).join("") + "data: [DONE]\n\n");
    for await (const _ of stream) break;
    const rest = read([chunk("a"), chunk("b")].map(data).join("") + "data: [DONE]\n\n");
    const iterator = rest[Symbol.asyncIterator]();
    await iterator.next();
    const { events, error, completed } = await rest.collect();
    expect(error).toBeUndefined();
    expect(completed).toBe(true);
    expect(contents(events)).toBe("ab");
    // And on a stream already read to its end, collect() just reports it.
    expect((await rest.collect()).completed).toBe(true);
  });

  it("a frame nested too deeply to walk still ends the stream with a ProviderError, its text kept", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const text = data(chunk("a")) + `data: {"error":{"code":"stream_terminated","message":"m","detail":${deep}}}\n\n`;
    const { events, error } = await read(text).collect();
    expect(contents(events)).toBe("a");
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 200 });
    expect(String(error!.body)).toContain('"code":"stream_terminated"');
    expect(() => JSON.stringify(error)).not.toThrow();
  });

  it("events before an oversized one in the same chunk are delivered before the failure", async () => {
    // An event still unfinished past the 8 MiB limit (no closing blank line yet).
    const huge = `data: ${"y".repeat(9 * 1024 * 1024)}`;
    const { events, error } = await read(data(chunk("a")) + data(chunk("b")) + huge).collect();
    expect(contents(events)).toBe("ab");
    expect(error).toMatchObject({ category: "stream_interrupted" });
  });
});
