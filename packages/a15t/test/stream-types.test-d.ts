import { describe, expectTypeOf, it } from "vitest";
import type { ProviderEventStream } from "@errata/retry-policy";
import { createClient, type A15tError, type A15tStreamEvent, type A15tStreams, type components } from "../src/index.js";

type Chunk = components["schemas"]["ChatCompletionChunk"];

describe("generated stream types", () => {
  it("the event type is the spec's ChatCompletionChunk", () => {
    expectTypeOf<A15tStreamEvent<"/chat/completions">>().toEqualTypeOf<Chunk>();
    expectTypeOf<keyof A15tStreams>().toEqualTypeOf<"/chat/completions">();
  });

  it("client.stream yields chunks and fails with A15tError", async () => {
    const a15t = createClient({ apiKey: "sk-gapk-x" });
    const result = await a15t.stream("/chat/completions", { body: { model: "skt/a.x-3-lg", messages: [{ role: "user", content: "hi" }] } });
    if (result.error) {
      expectTypeOf(result.error).toEqualTypeOf<A15tError>();
    } else {
      expectTypeOf(result.stream).toEqualTypeOf<ProviderEventStream<Chunk, A15tError>>();
      for await (const c of result.stream) expectTypeOf(c.choices[0]!.delta.content).toEqualTypeOf<string | null | undefined>();
    }
    // @ts-expect-error /embeddings is not a streaming operation
    void a15t.stream("/embeddings", { body: { model: "m", input: "x" } });
  });
});
