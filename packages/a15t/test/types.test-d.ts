import { describe, expectTypeOf, it } from "vitest";
import type { ErrorCategory, ProviderError } from "@errata/retry-policy";
import { createClient, parseError, type A15tError, type A15tErrorCode, type components } from "../src/index.js";

describe("generated types", () => {
  it("codes are the spec's literal union", () => {
    expectTypeOf<"internal_error">().toMatchTypeOf<A15tErrorCode>();
    expectTypeOf<"model_overloaded">().toMatchTypeOf<A15tErrorCode>();
    expectTypeOf<"stream_terminated">().toMatchTypeOf<A15tErrorCode>();
    expectTypeOf<"not_a_code">().not.toMatchTypeOf<A15tErrorCode>();
  });

  it("types are open: the spec documents only bad_request and declares no enum", () => {
    // No type is catalogued, yet the field holds whatever string the gateway sends.
    expectTypeOf<"bad_request">().toMatchTypeOf<NonNullable<A15tError["type"]>>();
    expectTypeOf<A15tError["type"]>().toMatchTypeOf<string | undefined>();
  });

  it("errors are ProviderErrors with the provider literal", () => {
    expectTypeOf<A15tError>().toMatchTypeOf<ProviderError>();
    expectTypeOf<A15tError["provider"]>().toEqualTypeOf<"a15t">();
    expectTypeOf<A15tError["category"]>().toEqualTypeOf<ErrorCategory>();
    expectTypeOf(parseError).returns.toEqualTypeOf<A15tError | undefined>();
  });

  it("calls are typed by the spec", async () => {
    const a15t = createClient({ apiKey: "sk-gapk-x" });
    const chat = await a15t.POST("/chat/completions", {
      body: {
        model: "openai/gpt-4o-mini-2024-07-18",
        messages: [{ role: "user", content: [{ type: "text", text: "hi" }, { type: "image_url", image_url: { url: "https://example.com/a.png" } }] }],
        response_format: { type: "json_schema", json_schema: { name: "answer", schema: { type: "object" } } },
      },
    });
    if (chat.error) {
      expectTypeOf(chat.error).toEqualTypeOf<A15tError>();
      expectTypeOf(chat.response).toEqualTypeOf<Response | undefined>();
    } else {
      expectTypeOf(chat.data).toEqualTypeOf<components["schemas"]["ChatCompletion"]>();
    }
    const emb = await a15t.POST("/embeddings", { body: { model: "openai/text-embedding-3-large", input: ["a", "b"] } });
    if (!emb.error) expectTypeOf(emb.data).toEqualTypeOf<components["schemas"]["EmbeddingResponse"]>();

    // @ts-expect-error messages is required by the spec
    void a15t.POST("/chat/completions", { body: { model: "openai/gpt-4o-mini-2024-07-18" } });
    // @ts-expect-error temperature is a number
    void a15t.POST("/chat/completions", { body: { ...chatBody, temperature: "hot" } });
    // @ts-expect-error role is system, user or assistant
    void a15t.POST("/chat/completions", { body: { model: "m", messages: [{ role: "tool", content: "x" }] } });
    // @ts-expect-error response_format.type is an enum
    void a15t.POST("/chat/completions", { body: { ...chatBody, response_format: { type: "yaml" } } });
    // @ts-expect-error embeddings need input
    void a15t.POST("/embeddings", { body: { model: "openai/text-embedding-3-large" } });
    // @ts-expect-error encoding_format is float or base64
    void a15t.POST("/embeddings", { body: { model: "m", input: "x", encoding_format: "int8" } });
    // @ts-expect-error not a path of the spec (GET /models is not evidenced)
    void a15t.GET("/models");
    // @ts-expect-error GET is not documented for this path
    void a15t.GET("/chat/completions");
  });
});

describe("parseError's input", () => {
  it("takes the body as text, bytes or parsed JSON, and a body of a type parameter", async () => {
    const check = async (response: Response) => {
      expectTypeOf(parseError({ status: response.status, headers: response.headers, body: await response.text() })).toEqualTypeOf<A15tError | undefined>();
      parseError({ status: response.status, headers: response.headers, body: (await response.json()) as unknown });
      parseError({ status: 500, body: { error: { code: "internal_error" } } });
    };
    // A helper generic in its body type compiles (a stream body throws a TypeError at run time).
    function classify<T>(status: number, body: T) {
      return parseError({ status, body });
    }
    expectTypeOf(check).toBeFunction();
    expectTypeOf(classify<unknown>).returns.toEqualTypeOf<A15tError | undefined>();
  });
});

const chatBody = { model: "openai/gpt-4o-mini-2024-07-18", messages: [{ role: "user" as const, content: "hi" }] };
