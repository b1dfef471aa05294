import { describe, expectTypeOf, it } from "vitest";
import type { ErrorCategory, ProviderError } from "@errata/retry-policy";
import {
  createClient,
  parseError,
  type components,
  type LlmGatewayError,
  type LlmGatewayErrorCode,
  type LlmGatewayErrorType,
} from "../src/index.js";

describe("generated types", () => {
  it("has no type or code: the literal unions are empty and the fields are always undefined", () => {
    expectTypeOf<LlmGatewayErrorType>().toBeNever();
    expectTypeOf<LlmGatewayErrorCode>().toBeNever();
    expectTypeOf<LlmGatewayError["type"]>().toEqualTypeOf<undefined>();
    expectTypeOf<LlmGatewayError["code"]>().toEqualTypeOf<undefined>();
    const error = parseError({ status: 429, body: '{"detail":"slow down"}' })!;
    // There is nothing to branch on but the status: not even an open string to compare with.
    expectTypeOf(error.code).toEqualTypeOf<undefined>();
    expectTypeOf(error.type).toEqualTypeOf<undefined>();
    // @ts-expect-error a code is not a string here
    const code: string = error.code;
    void code;
  });

  it("errors are ProviderErrors with the provider literal", () => {
    expectTypeOf<LlmGatewayError>().toMatchTypeOf<ProviderError>();
    expectTypeOf<LlmGatewayError["provider"]>().toEqualTypeOf<"llm-gateway">();
    expectTypeOf<LlmGatewayError["category"]>().toEqualTypeOf<ErrorCategory>();
    expectTypeOf<LlmGatewayError["status"]>().toEqualTypeOf<number>();
    expectTypeOf<LlmGatewayError["body"]>().toEqualTypeOf<unknown>();
    expectTypeOf(parseError).returns.toEqualTypeOf<LlmGatewayError | undefined>();
  });

  it("the chat call is typed by the spec", async () => {
    const gateway = createClient({ apiKey: "gw-test-x" });
    const result = await gateway.POST("/api/v1/chat", {
      body: { messages: [{ role: "user", content: "hi" }], model_hint: "local", max_tokens: 64, temperature: 0.2, stream: false },
    });
    if (result.error) {
      expectTypeOf(result.error).toEqualTypeOf<LlmGatewayError>();
      expectTypeOf(result.response).toEqualTypeOf<Response | undefined>();
    } else {
      expectTypeOf(result.data).toEqualTypeOf<components["schemas"]["ChatResponse"]>();
      expectTypeOf(result.data.usage.total_tokens).toEqualTypeOf<number>();
    }
    expectTypeOf<components["schemas"]["ChatRequest"]["model_hint"]>().toEqualTypeOf<"online" | "fast" | "local" | "secure" | undefined>();

    // @ts-expect-error messages is required by the spec
    void gateway.POST("/api/v1/chat", { body: { model_hint: "fast" } });
    // @ts-expect-error model_hint is one of online, fast, local, secure
    void gateway.POST("/api/v1/chat", { body: { messages: [], model_hint: "cheap" } });
    // @ts-expect-error max_tokens is an integer
    void gateway.POST("/api/v1/chat", { body: { messages: [], max_tokens: "512" } });
    // @ts-expect-error a message has role and content
    void gateway.POST("/api/v1/chat", { body: { messages: [{ text: "hi" }] } });
    // @ts-expect-error the body is required
    void gateway.POST("/api/v1/chat");
    // @ts-expect-error the seed's sample path /v1/chat is not in the spec
    void gateway.POST("/v1/chat", { body: { messages: [] } });
    // @ts-expect-error GET is not documented for the chat path
    void gateway.GET("/api/v1/chat");
  });

  it("metrics are a string, with or without parseAs", async () => {
    const gateway = createClient();
    const plain = await gateway.GET("/api/v1/metrics");
    if (!plain.error) expectTypeOf(plain.data).toEqualTypeOf<string>();
    else expectTypeOf(plain.error).toEqualTypeOf<LlmGatewayError>();
    const text = await gateway.GET("/api/v1/metrics", { parseAs: "text" });
    if (!text.error) expectTypeOf(text.data).toEqualTypeOf<string>();
    // @ts-expect-error metrics take no body and no POST
    void gateway.POST("/api/v1/metrics", { body: {} });
  });
});
