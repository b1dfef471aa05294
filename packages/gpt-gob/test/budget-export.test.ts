import { describe, expect, it } from "vitest";
import * as retryPolicy from "@errata/retry-policy";
import { createClient, RetryBudget } from "../src/index.js";
import { startTestServer } from "@errata/scripts/testing";

describe("RetryBudget, exported by the provider package", () => {
  it("is retry-policy's class, so one budget is shared by clients of any provider", () => {
    expect(RetryBudget).toBe(retryPolicy.RetryBudget);
  });

  it("shared by two clients: the failures of one stop the retries of the other", async () => {
    const server = await startTestServer(() => ({ status: 503, body: { error: { type: "service_unavailable", code: null, message: "down" } } }));
    try {
      const budget = new RetryBudget({ maxTokens: 4 });
      const noWait = { runtime: { sleep: async () => {}, random: () => 0 } };
      const first = createClient({ apiKey: "sk-gob-budget-test", baseUrl: server.url, retry: { budget, maxRetries: 5 }, ...noWait });
      const second = createClient({ apiKey: "sk-gob-budget-test", baseUrl: server.url, retry: { budget, maxRetries: 5 }, ...noWait });
      const body = { model: "gob-5.5", messages: [{ role: "user" as const, content: "hi" }] };
      await first.POST("/chat/completions", { body });
      const before = server.requests.length;
      const { error } = await second.POST("/chat/completions", { body });
      expect(error).toMatchObject({ status: 503, notRetried: "budget_exhausted", attempts: 1 });
      expect(server.requests.length - before).toBe(1);
    } finally {
      await server.close();
    }
  });
});
