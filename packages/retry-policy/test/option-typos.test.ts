import { afterEach, describe, expect, it } from "vitest";
import { jsonReply, startSseServer, type SseServer } from "@errata/scripts/testing";
import { createRetryingFetch } from "../src/index.js";
import { acmeClient, catalog } from "./stream-fixtures.js";

let server: SseServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const answer = { id: "1", choices: [] };
async function serve() {
  server = await startSseServer(() => jsonReply(200, answer));
  return server;
}
const body = { model: "m" };

describe("a misspelt option of one call rejects the call, naming the key it probably meant, and sends nothing", () => {
  it.each([
    ["retry: { maxRetry }", { given: { retry: { maxRetry: 0 } }, want: 'unknown retry option "maxRetry" (did you mean "maxRetries"?)' }],
    ["retry: { maxRetry: undefined } (a key is checked whatever its value)", { given: { retry: { maxRetry: undefined } }, want: 'unknown retry option "maxRetry" (did you mean "maxRetries"?)' }],
    ["retry: { attempts }: like no key, so all are listed", { given: { retry: { attempts: 1 } }, want: 'unknown retry option "attempts"; known: maxRetries, initialDelayMs, maxDelayMs, maxRetryAfterMs, jitter, budget, onRetry' }],
  ] as const)("%s", async (_name, { given, want }) => {
    const srv = await serve();
    await expect(acmeClient(srv.url).POST("/chat/completions", { body, ...(given as object) })).rejects.toThrow(new TypeError(want));
    expect(srv.requests).toHaveLength(0);
  });

  it.each([
    ["retry: { maxRetry }", { given: { retry: { maxRetry: 0 } }, want: 'unknown retry option "maxRetry" (did you mean "maxRetries"?)' }],
  ] as const)("stream() too: %s", async (_name, { given, want }) => {
    const srv = await serve();
    await expect(acmeClient(srv.url).stream("/chat/completions", { body, ...(given as object) })).rejects.toThrow(new TypeError(want));
    expect(srv.requests).toHaveLength(0);
  });
});

describe("a misspelt createClient option throws", () => {
  it.each([
    ["retry: { maxRetry }", { given: { retry: { maxRetry: 0 } }, want: 'unknown retry option "maxRetry" (did you mean "maxRetries"?)' }],
    ["retry: { budget: { maxToken } }", { given: { retry: { budget: { maxToken: 4 } } }, want: 'unknown RetryBudget option "maxToken" (did you mean "maxTokens"?)' }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(() => acmeClient("http://127.0.0.1:9", given as never)).toThrow(new TypeError(want));
  });

  it("createRetryingFetch checks its retry options the same way", () => {
    expect(() => createRetryingFetch({ catalog, retry: { maxRetry: 0 } as never })).toThrow(new TypeError('unknown retry option "maxRetry" (did you mean "maxRetries"?)'));
  });
});
