import { describe, expect, it, vi } from "vitest";
import { jsonReply, startSseServer } from "@errata/scripts/testing";
import { RetryBudget } from "../src/index.js";
import { acmeClient } from "./stream-fixtures.js";

/** RetryBudget as a second copy of the package defines it (an app that loads both the ESM and the CJS build). */
async function otherCopy(): Promise<typeof RetryBudget> {
  vi.resetModules();
  const { RetryBudget: Other } = await import("../src/retry-budget.js");
  expect(Other).not.toBe(RetryBudget);
  return Other;
}

describe("one budget shared by clients from different copies of the package", () => {
  it("is a RetryBudget to either copy", async () => {
    const Other = await otherCopy();
    expect(new Other() instanceof RetryBudget).toBe(true);
    expect(new RetryBudget() instanceof Other).toBe(true);
    expect({ canRetry: () => true } instanceof RetryBudget).toBe(false);
  });

  it("a subclass keeps the ordinary instanceof", async () => {
    class Strict extends RetryBudget {}
    expect(new Strict() instanceof RetryBudget).toBe(true);
    expect(new RetryBudget() instanceof Strict).toBe(false);
  });

  it.each([
    ["a client's retry options", { given: "client" }],
    ["one call's retry options", { given: "call" }],
  ] as const)("is taken, and spent, in %s", async (_name, { given }) => {
    const server = await startSseServer(() => jsonReply(503, { error: { type: "server_error", message: "busy" } }));
    try {
      const Other = await otherCopy();
      const budget = new Other({ maxTokens: 4 });
      const client = acmeClient(server.url, given === "client" ? { retry: { maxRetries: 5, budget } } : { retry: { maxRetries: 5 } });
      await client.POST("/chat/completions", { body: { model: "m" }, ...(given === "call" ? { retry: { budget } } : {}) });
      // 4 tokens, no retry at half or below: two failures spend it, so the call is sent twice, not six times.
      expect(server.requests).toHaveLength(2);
      expect(budget.canRetry()).toBe(false);
    } finally {
      await server.close();
    }
  });
});
