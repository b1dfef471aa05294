import { describe, expectTypeOf, it } from "vitest";
import type { NoRetryReason, ProviderError, ProviderErrorInit } from "../src/index.js";

describe("ProviderError.notRetried", () => {
  it("is an optional, readonly NoRetryReason other than not_retryable (retryable says that), settable through the init (with())", () => {
    type Reason = Exclude<NoRetryReason, "not_retryable">;
    expectTypeOf<ProviderError["notRetried"]>().toEqualTypeOf<Reason | undefined>();
    expectTypeOf<ProviderErrorInit["notRetried"]>().toEqualTypeOf<Reason | undefined>();
    expectTypeOf<"budget_exhausted">().toMatchTypeOf<ProviderError["notRetried"]>();
    expectTypeOf<"not_retryable">().not.toMatchTypeOf<ProviderError["notRetried"]>();
    const error = {} as ProviderError;
    // @ts-expect-error readonly: set by the retry loop, not by the caller
    error.notRetried = "deadline";
  });

  it("NoRetryReason is the closed set the README documents", () => {
    expectTypeOf<NoRetryReason>().toEqualTypeOf<
      "not_retryable" | "resubmit_required" | "attempts_exhausted" | "body_not_replayable" | "not_idempotent" | "retry_after_too_long" | "deadline" | "budget_exhausted"
    >();
  });
});
