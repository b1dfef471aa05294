import { describe, expectTypeOf, it } from "vitest";
import { parseErrorWith, type ErrorCategory, type ProviderError } from "../src/index.js";
import { testCatalog } from "./fixtures.js";

describe("ProviderError generics", () => {
  it("keeps literal unions open but autocompletable", () => {
    type E = ProviderError<"acme", "rate_limit" | "quota", "internal_error">;
    expectTypeOf<E["provider"]>().toEqualTypeOf<"acme">();
    expectTypeOf<"quota">().toMatchTypeOf<NonNullable<E["type"]>>();
    expectTypeOf<E["category"]>().toEqualTypeOf<ErrorCategory>();
    expectTypeOf<E["status"]>().toEqualTypeOf<number>();
    expectTypeOf<E["name"]>().toEqualTypeOf<"ProviderError">();
  });

  it("parseErrorWith carries the provider literal", () => {
    const error = parseErrorWith(testCatalog, { status: 500 });
    expectTypeOf(error).toEqualTypeOf<ProviderError<"acme", string, string> | undefined>();
  });
});
