import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { createStainlessLikeFetch, stainlessRetryDelayMs, stainlessShouldRetry } from "../src/stainless-like.js";

const STATUSES = [400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 501, 502, 503, 504, 529];

function reply(status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { type: "x", code: "y", message: "z" } }), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** Attempts the real openai SDK makes for a response, with `retry-after-ms: 1` so that its own sleep is short. */
async function openaiAttempts(status: number, extra: Record<string, string> = {}): Promise<number> {
  let attempts = 0;
  const client = new OpenAI({
    apiKey: "k",
    baseURL: "http://127.0.0.1:9/v1",
    maxRetries: 2,
    fetch: async () => {
      attempts++;
      return reply(status, { "retry-after-ms": "1", ...extra });
    },
  });
  await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] }).catch(() => undefined);
  return attempts;
}

async function ourAttempts(status: number, extra: Record<string, string> = {}): Promise<number> {
  let attempts = 0;
  const fetch = createStainlessLikeFetch({
    sleep: async () => {},
    fetch: async () => {
      attempts++;
      return reply(status, { "retry-after-ms": "1", ...extra });
    },
  });
  await fetch("http://127.0.0.1:9/v1/chat/completions", { method: "POST", body: "{}" });
  return attempts;
}

describe("the Stainless-like policy retries exactly what openai 6.49.0 retries", () => {
  it.each(STATUSES)("status %i", async (status) => {
    expect(await ourAttempts(status)).toBe(await openaiAttempts(status));
  });

  it.each([
    ["x-should-retry: false on a 503", 503, { "x-should-retry": "false" }],
    ["x-should-retry: true on a 400", 400, { "x-should-retry": "true" }],
  ] as const)("%s", async (_name, status, headers) => {
    expect(await ourAttempts(status, headers)).toBe(await openaiAttempts(status, headers));
  });

  it("retries 408, 409, 429 and every 5xx, nothing else", () => {
    const retried = STATUSES.filter((status) => stainlessShouldRetry(reply(status)));
    expect(retried).toEqual([408, 409, 429, 500, 501, 502, 503, 504, 529]);
  });
});

describe("the Stainless-like wait", () => {
  const now = () => Date.UTC(2026, 0, 1, 12, 0, 0);
  const h = (headers: Record<string, string>) => new Headers(headers);
  it.each([
    ["first retry, no jitter", { headers: undefined, remaining: 2, random: 0, want: 500 }],
    ["first retry, most jitter", { headers: undefined, remaining: 2, random: 1, want: 375 }],
    ["second retry", { headers: undefined, remaining: 1, random: 0, want: 1000 }],
    ["retry-after-ms", { headers: h({ "retry-after-ms": "250" }), remaining: 2, random: 0, want: 250 }],
    ["Retry-After seconds", { headers: h({ "retry-after": "3" }), remaining: 2, random: 0, want: 3000 }],
    ["Retry-After beyond a minute is still honoured", { headers: h({ "retry-after": "120" }), remaining: 2, random: 0, want: 120_000 }],
    ["Retry-After HTTP-date", { headers: h({ "retry-after": "Thu, 01 Jan 2026 12:00:30 GMT" }), remaining: 2, random: 0, want: 30_000 }],
    ["a body field is not read: backoff", { headers: h({ "x-ratelimit-reset-requests": "20s" }), remaining: 2, random: 0, want: 500 }],
  ] as const)("%s", (_name, { headers, remaining, random, want }) => {
    expect(stainlessRetryDelayMs(headers, remaining, 2, () => random, now)).toBe(want);
  });

  it("caps the backoff at 8 s", () => {
    expect(stainlessRetryDelayMs(undefined, 0, 10, () => 0)).toBe(8000);
  });
});
