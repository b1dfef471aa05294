import { describe, expectTypeOf, it } from "vitest";
import { createClient, RetryBudget, type CallRetryOptions } from "../src/index.js";

const gob = createClient({ apiKey: "k" });
const body = { model: "gob-5.5", messages: [{ role: "user" as const, content: "hi" }] };

describe("a call's retry options are checked as createClient's are", () => {
  it("accepts RetryOptions' keys, false, and no retry at all", () => {
    expectTypeOf(gob.POST("/chat/completions", { body, retry: { maxRetries: 1, jitter: "none", idempotent: true } })).resolves.toHaveProperty("response");
    expectTypeOf(gob.POST("/chat/completions", { body, retry: false, timeoutMs: 5 })).resolves.toHaveProperty("response");
    expectTypeOf(gob.POST("/chat/completions", { body })).resolves.toHaveProperty("response");
    const quick = Math.random() > 0.5;
    expectTypeOf(gob.POST("/chat/completions", { body, retry: quick ? { maxRetries: 0 } : false })).resolves.toHaveProperty("response");
    const shared: CallRetryOptions = { maxRetries: 1, budget: new RetryBudget() };
    expectTypeOf(gob.POST("/chat/completions", { body, retry: shared })).resolves.toHaveProperty("response");
    expectTypeOf(gob.stream("/chat/completions", { body, retry: { maxRetries: 0 } })).resolves.toHaveProperty("stream");
  });

  it("refuses a misspelt key on a call and on a stream, alone or beside a right one", () => {
    // @ts-expect-error maxRetrys is not a retry option
    void gob.POST("/chat/completions", { body, retry: { maxRetrys: 2 } });
    // @ts-expect-error maxRetrys is not a retry option
    void gob.POST("/chat/completions", { body, retry: { maxRetrys: 2, jitter: "none" } });
    // @ts-expect-error maxRetrys is not a retry option
    void gob.stream("/chat/completions", { body, retry: { maxRetrys: 1 } });
    const quick = Math.random() > 0.5;
    // @ts-expect-error maxRetrys is not a retry option, also where retry may be false
    void gob.POST("/chat/completions", { body, retry: quick ? { maxRetrys: 1 } : false });
    // @ts-expect-error a wrong type for a right key
    void gob.POST("/chat/completions", { body, retry: { maxRetries: "2" } });
  });
});
