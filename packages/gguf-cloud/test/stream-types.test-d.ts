import { describe, expectTypeOf, it } from "vitest";
import type { ProviderEventStream } from "@errata/retry-policy";
import { createClient, type GgufCloudError, type GgufCloudStreamEvent, type GgufCloudStreams, type components } from "../src/index.js";

type Schemas = components["schemas"];

describe("generated stream types", () => {
  it("each route's events are its spec schema", () => {
    expectTypeOf<keyof GgufCloudStreams>().toEqualTypeOf<"/v1/chat/completions" | "/v1/messages">();
    expectTypeOf<GgufCloudStreamEvent<"/v1/chat/completions">>().toEqualTypeOf<Schemas["ChatCompletionChunk"]>();
    expectTypeOf<GgufCloudStreamEvent<"/v1/messages">>().toEqualTypeOf<Schemas["MessageStreamEvent"]>();
  });

  it("client.stream on /v1/messages yields the discriminated MessageStreamEvent union", async () => {
    const gguf = createClient({ apiKey: "k", deploymentId: "dep_1" });
    const result = await gguf.stream("/v1/messages", { body: { max_tokens: 64, messages: [{ role: "user", content: "hi" }] } });
    if (result.error) {
      expectTypeOf(result.error).toEqualTypeOf<GgufCloudError>();
      return;
    }
    expectTypeOf(result.stream).toEqualTypeOf<ProviderEventStream<Schemas["MessageStreamEvent"], GgufCloudError>>();
    for await (const event of result.stream) {
      if (event.type === "content_block_delta") expectTypeOf(event.delta.text).toEqualTypeOf<string>();
      if (event.type === "message_stop") expectTypeOf(event).toEqualTypeOf<Schemas["MessageStopEvent"]>();
    }
    // @ts-expect-error max_tokens is required by the spec
    void gguf.stream("/v1/messages", { body: { messages: [] } });
    // @ts-expect-error /v1/models is not a streaming operation
    void gguf.stream("/v1/models");
  });
});
