import { describe, expectTypeOf, it } from "vitest";
import { OWN_CLIENT_KEYS } from "../src/openapi-fetch/create-provider-client.js";
import type { StreamingClientOptions } from "../src/openapi-fetch/index.js";
import { BUDGET_KEYS, type RetryBudgetOptions } from "../src/retry-budget.js";
import { RETRY_KEYS, type RetryOptions } from "../src/retry-options.js";
import { FETCH_KEYS, type RetryingFetchOptions } from "../src/retrying-fetch.js";

// checkKeys reads these lists at run time; `satisfies` keeps out a key the interface lacks, and these
// keep in every key it has, so that an option added to an interface cannot be refused as unknown.
describe("the key lists checkKeys reads hold every key of their interface", () => {
  it("RetryOptions, RetryBudgetOptions, RetryingFetchOptions and createClient's (StreamingClientOptions)", () => {
    expectTypeOf<(typeof RETRY_KEYS)[number]>().toEqualTypeOf<keyof RetryOptions>();
    expectTypeOf<(typeof BUDGET_KEYS)[number]>().toEqualTypeOf<keyof RetryBudgetOptions>();
    expectTypeOf<(typeof FETCH_KEYS)[number]>().toEqualTypeOf<keyof RetryingFetchOptions>();
    expectTypeOf<(typeof OWN_CLIENT_KEYS)[number]>().toEqualTypeOf<keyof StreamingClientOptions>();
  });
});
