import { describe, expectTypeOf, it } from "vitest";
import type { ProviderEventStream, StreamOutcome } from "../src/index.js";
import { acmeClient, type AcmeError, type Chunk, type MessageEvent } from "./stream-fixtures.js";

const client = acmeClient("http://127.0.0.1:9");

describe("stream() types", () => {
  it("types the events by path", async () => {
    const chat = await client.stream("/chat/completions", { body: { model: "m" } });
    expectTypeOf(chat).toEqualTypeOf<StreamOutcome<Chunk, AcmeError>>();
    if (chat.error) {
      expectTypeOf(chat.error).toEqualTypeOf<AcmeError>();
      expectTypeOf(chat.stream).toEqualTypeOf<undefined>();
    } else {
      expectTypeOf(chat.stream).toEqualTypeOf<ProviderEventStream<Chunk, AcmeError>>();
      for await (const c of chat.stream) expectTypeOf(c).toEqualTypeOf<Chunk>();
      expectTypeOf(chat.stream.events).toEqualTypeOf<readonly Chunk[]>();
      expectTypeOf(chat.stream.error).toEqualTypeOf<AcmeError | undefined>();
    }
    const messages = await client.stream("/v1/messages", { body: { max_tokens: 1 }, idleTimeoutMs: 5 });
    if (messages.stream) for await (const e of messages.stream) expectTypeOf(e).toEqualTypeOf<MessageEvent>();
  });

  it("types the request body from the spec's paths", () => {
    // @ts-expect-error the body is required
    void client.stream("/chat/completions");
    // @ts-expect-error model must be a string
    void client.stream("/chat/completions", { body: { model: 1 } });
    // @ts-expect-error max_tokens is required on /v1/messages
    void client.stream("/v1/messages", { body: {} });
  });

  it("accepts only streaming paths", () => {
    // @ts-expect-error /models is not a stream
    void client.stream("/models");
    // @ts-expect-error unknown path
    void client.stream("/nope", { body: {} });
  });
});
