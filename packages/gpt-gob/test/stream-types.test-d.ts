import { describe, expectTypeOf, it } from "vitest";
import type { ProviderEventStream } from "@errata/retry-policy";
import { createClient, readStream, type GptGobError, type GptGobStreamEvent, type GptGobStreams, type components } from "../src/index.js";

type Chunk = components["schemas"]["ChatCompletionChunk"];

describe("generated stream types", () => {
  it("the event type is the spec's ChatCompletionChunk", () => {
    expectTypeOf<GptGobStreamEvent<"/chat/completions">>().toEqualTypeOf<Chunk>();
    expectTypeOf<keyof GptGobStreams>().toEqualTypeOf<"/chat/completions">();
    expectTypeOf<Chunk["object"]>().toEqualTypeOf<"chat.completion.chunk">();
  });

  it("client.stream yields chunks and fails with GptGobError", async () => {
    const gob = createClient({ apiKey: "gob-test-x" });
    const result = await gob.stream("/chat/completions", { body: { model: "gob-5.5", messages: [{ role: "user", content: "hi" }] } });
    if (result.error) {
      expectTypeOf(result.error).toEqualTypeOf<GptGobError>();
      expectTypeOf(result.response).toEqualTypeOf<Response | undefined>();
    } else {
      expectTypeOf(result.stream).toEqualTypeOf<ProviderEventStream<Chunk, GptGobError>>();
      for await (const c of result.stream) {
        expectTypeOf(c).toEqualTypeOf<Chunk>();
        expectTypeOf(c.choices[0]!.delta.content).toEqualTypeOf<string | undefined>();
      }
      expectTypeOf(result.stream.error).toEqualTypeOf<GptGobError | undefined>();
      expectTypeOf(result.stream.events).toEqualTypeOf<readonly Chunk[]>();
    }
    // @ts-expect-error messages is required by the spec
    void gob.stream("/chat/completions", { body: { model: "gob-5.5" } });
    // @ts-expect-error /keys/rotate is not a streaming operation
    void gob.stream("/keys/rotate", { body: {} });
  });

  it("readStream is typed by path", () => {
    expectTypeOf(readStream<"/chat/completions">).returns.toEqualTypeOf<ProviderEventStream<Chunk, GptGobError>>();
  });
});
