import { describe, expectTypeOf, it } from "vitest";
import type { ErrorCategory, ProviderError } from "@errata/retry-policy";
import {
  createClient,
  parseError,
  type ClientOptions,
  type GgufCloudError,
  type GgufCloudErrorCode,
  type GgufCloudErrorType,
  type components,
} from "../src/index.js";

describe("generated types", () => {
  it("types are the spec's literal union; there are no string codes", () => {
    expectTypeOf<"exceed_context_size_error">().toMatchTypeOf<GgufCloudErrorType>();
    expectTypeOf<"overloaded_error">().toMatchTypeOf<GgufCloudErrorType>();
    expectTypeOf<"unavailable_error">().toMatchTypeOf<GgufCloudErrorType>();
    expectTypeOf<"rate_limit_error">().not.toMatchTypeOf<GgufCloudErrorType>();
    expectTypeOf<GgufCloudErrorCode>().toEqualTypeOf<never>();
  });

  it("errors are ProviderErrors with the provider literal", () => {
    expectTypeOf<GgufCloudError>().toMatchTypeOf<ProviderError>();
    expectTypeOf<GgufCloudError["provider"]>().toEqualTypeOf<"gguf-cloud">();
    expectTypeOf<GgufCloudError["category"]>().toEqualTypeOf<ErrorCategory>();
    expectTypeOf(parseError).returns.toEqualTypeOf<GgufCloudError | undefined>();
  });

  it("the server variable and the three auth schemes are typed options", () => {
    expectTypeOf<ClientOptions["deploymentId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ClientOptions["authScheme"]>().toEqualTypeOf<"bearerAuth" | "xApiKey" | "keyHeader" | undefined>();
    // @ts-expect-error not one of the spec's security schemes
    createClient({ deploymentId: "d", authScheme: "query" });
    // @ts-expect-error the option is camelCase
    createClient({ deployment_id: "d" });
  });

  it("calls are typed by the spec", async () => {
    const gguf = createClient({ apiKey: "ml-test-x", deploymentId: "d" });

    const chat = await gguf.POST("/v1/chat/completions", { body: { messages: [{ role: "user", content: "hi" }] } });
    if (chat.error) {
      expectTypeOf(chat.error).toEqualTypeOf<GgufCloudError>();
      expectTypeOf(chat.response).toEqualTypeOf<Response | undefined>();
    } else {
      expectTypeOf(chat.data).toEqualTypeOf<components["schemas"]["ChatCompletion"]>();
    }

    const msg = await gguf.POST("/v1/messages", { body: { max_tokens: 16, messages: [{ role: "user", content: "hi" }] } });
    if (!msg.error) expectTypeOf(msg.data).toEqualTypeOf<components["schemas"]["Message"]>();

    const models = await gguf.GET("/v1/models");
    if (!models.error) expectTypeOf(models.data).toEqualTypeOf<components["schemas"]["ModelList"]>();

    // @ts-expect-error messages is required by the spec
    void gguf.POST("/v1/chat/completions", { body: { model: "local" } });
    // @ts-expect-error role must be system, user or assistant
    void gguf.POST("/v1/chat/completions", { body: { messages: [{ role: "tool", content: "x" }] } });
    // @ts-expect-error max_tokens is required on /v1/messages
    void gguf.POST("/v1/messages", { body: { messages: [{ role: "user", content: "hi" }] } });
    // @ts-expect-error max_tokens is an integer
    void gguf.POST("/v1/messages", { body: { max_tokens: "16", messages: [{ role: "user", content: "hi" }] } });
    // @ts-expect-error not a path of the spec (paths are relative to the deployment root)
    void gguf.POST("/chat/completions", { body: {} });
    // @ts-expect-error POST is not documented for /v1/models
    void gguf.POST("/v1/models");
  });
});
