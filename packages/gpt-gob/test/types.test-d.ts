import { describe, expectTypeOf, it } from "vitest";
import type { ErrorCategory, OpenUnion } from "@errata/retry-policy";
import {
  createClient,
  parseError,
  ProviderError,
  type GptGobError,
  type GptGobErrorCode,
  type GptGobErrorType,
  type ProviderErrorJSON,
  type RetryInfo,
  type RetryRuntime,
  type components,
} from "../src/index.js";

describe("generated types", () => {
  it("codes and types are the spec's literal unions", () => {
    expectTypeOf<"gremlin_in_the_pipes">().toMatchTypeOf<GptGobErrorCode>();
    expectTypeOf<"no_treasure_in_hoard">().toMatchTypeOf<GptGobErrorCode>();
    expectTypeOf<"not_a_code">().not.toMatchTypeOf<GptGobErrorCode>();
    expectTypeOf<"quota_exceeded">().toMatchTypeOf<GptGobErrorType>();
    expectTypeOf<"not_a_type">().not.toMatchTypeOf<GptGobErrorType>();
  });

  it("errors are ProviderErrors with the provider literal", () => {
    expectTypeOf<GptGobError>().toMatchTypeOf<ProviderError>();
    expectTypeOf<GptGobError["provider"]>().toEqualTypeOf<"gpt-gob">();
    expectTypeOf<GptGobError["category"]>().toEqualTypeOf<ErrorCategory>();
    // Open unions: the spec's codes autocomplete, and a code the spec does not know yet is still a string.
    expectTypeOf<GptGobError["code"]>().toEqualTypeOf<OpenUnion<GptGobErrorCode> | undefined>();
    expectTypeOf<GptGobError["type"]>().toEqualTypeOf<OpenUnion<GptGobErrorType> | undefined>();
    expectTypeOf<"brand_new_code">().toMatchTypeOf<NonNullable<GptGobError["code"]>>();
    expectTypeOf<GptGobErrorCode>().toMatchTypeOf<NonNullable<GptGobError["code"]>>();
    expectTypeOf(parseError).returns.toEqualTypeOf<GptGobError | undefined>();
    // The README's recipe passes the key straight from the environment.
    expectTypeOf(parseError).toBeCallableWith({ status: 401, body: "" }, { secrets: [process.env.GOB_API_KEY] });
  });

  it("an error built by hand, as a test of the caller's code builds one, is a GptGobError", () => {
    // Built first, then passed on (to a mock, a helper): its generics are <"gpt-gob", string, string>,
    // as nothing gives it a type or code, and it is still a GptGobError.
    const built = new ProviderError({ provider: "gpt-gob", status: 0, category: "network", message: "m", retryable: true });
    expectTypeOf(built).toEqualTypeOf<ProviderError<"gpt-gob", string, string>>();
    const network: GptGobError = built;
    const asArgument = (error: GptGobError) => error;
    asArgument(built);
    void network;
    // @ts-expect-error another provider's error is not a GptGobError
    const other: GptGobError = new ProviderError({ provider: "a15t", status: 0, category: "network", message: "m", retryable: true });
    void other;
  });

  it("toJSON is plain data: the fields, no methods", () => {
    expectTypeOf<ReturnType<GptGobError["toJSON"]>>().toEqualTypeOf<ProviderErrorJSON<"gpt-gob", GptGobErrorType, GptGobErrorCode>>();
    expectTypeOf<ProviderErrorJSON<"gpt-gob", GptGobErrorType, GptGobErrorCode>["code"]>().toEqualTypeOf<GptGobError["code"]>();
    expectTypeOf<ProviderErrorJSON>().not.toHaveProperty("with");
    expectTypeOf<ProviderErrorJSON>().not.toHaveProperty("toJSON");
    expectTypeOf<ProviderErrorJSON["cause"]>().toEqualTypeOf<{ name: string; message: string } | undefined>();
  });

  it("the types an app names for onRetry and an injected runtime come from the provider package", () => {
    expectTypeOf(createClient).toBeCallableWith({ retry: { onRetry: (info: RetryInfo) => void info.delayMs } });
    const runtime: RetryRuntime = { now: () => 0, sleep: async () => {}, random: () => 0.5 };
    expectTypeOf(createClient).toBeCallableWith({ runtime });
  });

  it("the client takes the stream options its README documents", () => {
    expectTypeOf(createClient).toBeCallableWith({ apiKey: "k", idleTimeoutMs: 5000, timeoutMs: 30_000 });
    expectTypeOf(createClient).toBeCallableWith({ idleTimeoutMs: undefined });
    // @ts-expect-error a number of milliseconds
    createClient({ idleTimeoutMs: "5000" });
  });

  it("calls are typed by the spec", async () => {
    const gob = createClient({ apiKey: "gob-test-x" });
    const result = await gob.POST("/chat/completions", { body: { model: "gob-5.5", messages: [{ role: "user", content: "hi" }] } });
    if (result.error) {
      expectTypeOf(result.error).toEqualTypeOf<GptGobError>();
      expectTypeOf(result.response).toEqualTypeOf<Response | undefined>();
    } else {
      expectTypeOf(result.data).toEqualTypeOf<components["schemas"]["ChatCompletion"]>();
    }
    // One call's own limits are typed like the client's.
    void gob.POST("/chat/completions", { body: { model: "gob-5.5", messages: [] }, retry: { maxRetries: 5 }, timeoutMs: 10_000, deadlineMs: 30_000 });
    void gob.stream("/chat/completions", { body: { model: "gob-5.5", messages: [] }, retry: false, idleTimeoutMs: 5000 });
    // @ts-expect-error maxRetries is a number
    void gob.POST("/chat/completions", { body: { model: "gob-5.5", messages: [] }, retry: { maxRetries: "5" } });
    // @ts-expect-error timeoutMs is a number
    void gob.stream("/chat/completions", { body: { model: "gob-5.5", messages: [] }, timeoutMs: "10" });
    // @ts-expect-error messages is required by the spec
    void gob.POST("/chat/completions", { body: { model: "gob-5.5" } });
    // @ts-expect-error mining_depth is an integer
    void gob.POST("/chat/completions", { body: { model: "gob-5.5", messages: [], mining_depth: "deep" } });
    // @ts-expect-error not a path of the spec
    void gob.POST("/completions", { body: {} });
    // @ts-expect-error GET is not documented for this path
    void gob.GET("/chat/completions");
  });
});
