import { afterEach, expect, it, vi } from "vitest";
import { createClient, parseError, ProviderError, type GptGobClient, type GptGobError } from "../src/index.js";

// The code under test: asks GPT Gob, and tells its caller whether trying again later can help.
async function ask(gob: GptGobClient, question: string) {
  const { data, error } = await gob.POST("/chat/completions", {
    body: { model: "gob-5.5", messages: [{ role: "user", content: question }] },
  });
  if (error) return { ok: false as const, tryLater: error.retryable, error };
  return { ok: true as const, answer: data.choices[0]?.message.content };
}
const advice = (error: GptGobError) => (error.category === "network" ? "check your connection" : error.message);

// A fetch that answers from a list, one response per request: no server, no network.
const answers = (...responses: Response[]) => vi.fn(async () => responses.shift() ?? new Response(null, { status: 599 }));
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const completion = (content: string) => ({
  id: "c1", object: "chat.completion", created: 1, model: "gob-5.5",
  choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
});

afterEach(() => void vi.useRealTimers());

it("waits the 2 s GPT Gob states before retrying, then answers", async () => {
  vi.useFakeTimers();
  const fetch = answers(
    json(429, { error: { type: "rate_limit_exceeded", code: "gremlin_in_the_pipes", message: "slow down", retry_after: 2 } }),
    json(200, completion("Under the third stone.")),
  );
  const gob = createClient({ apiKey: "test-key", fetch, retry: { budget: false } });
  const result = ask(gob, "Where is the treasure?");
  await vi.advanceTimersByTimeAsync(1_999);
  expect(fetch).toHaveBeenCalledTimes(1);
  await vi.advanceTimersByTimeAsync(1);
  await expect(result).resolves.toEqual({ ok: true, answer: "Under the third stone." });
});

it("does not retry a used-up monthly quota, and says waiting will not help", async () => {
  const fetch = answers(json(429, { error: { type: "quota_exceeded", code: "no_treasure_in_hoard", message: "the hoard is empty" } }));
  const gob = createClient({ apiKey: "test-key", fetch, retry: { budget: false } });
  expect(await ask(gob, "?")).toMatchObject({ ok: false, tryLater: false, error: { category: "quota_exceeded" } });
  expect(fetch).toHaveBeenCalledTimes(1);
});

it("builds the errors its other branches need, and snapshots them as plain data", () => {
  const offline = new ProviderError({ provider: "gpt-gob", status: 0, category: "network", message: "fetch failed", retryable: true });
  expect(advice(offline)).toBe("check your connection");
  // parseError gives what the client would return for that response; the key never shows.
  const rejected = parseError(
    { status: 401, body: '{"error":{"type":"authentication_error","code":"invalid_api_key","message":"no door for sk-test-1234"}}' },
    { secrets: ["sk-test-1234"] },
  )!;
  expect(rejected.toJSON()).toMatchObject({ category: "authentication", code: "invalid_api_key", retryable: false });
  expect(JSON.stringify(rejected)).not.toContain("sk-test-1234");
});
