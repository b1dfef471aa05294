import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { jsonReply, startSseServer, type SseReply, type SseServer } from "@errata/scripts/testing";
import { createRetryingFetch, parseErrorWith, ProviderError, RetryBudget, type NoRetryReason, type RetryingFetchOptions } from "../src/index.js";
import { json, testCatalog } from "./fixtures.js";
import { acmeClient, chunk, data } from "./stream-fixtures.js";

// ProviderError.notRetried: why a retrying client returned a retryable error instead of retrying it.

const status = (code: number, body: unknown = {}) => new Response(json(body), { status: code });
const rateLimited = (seconds: number) => status(429, { error: { type: "rate_limit", retry_after: seconds } });
const expired = () => status(200, { status: "expired", message: "gone" });

/** A budget at half: it refuses every retry. */
function drained(): RetryBudget {
  const budget = new RetryBudget();
  while (budget.canRetry()) budget.recordFailure();
  return budget;
}

/** A fetch answering from a script (its last answer repeats), on a counter clock; waits are not slept. */
function harness(script: Array<() => Response>, options: Partial<RetryingFetchOptions> = {}) {
  let sent = 0;
  let clock = 1_000_000;
  const retryingFetch = createRetryingFetch({
    catalog: testCatalog,
    fetch: async () => script[Math.min(sent++, script.length - 1)]!(),
    runtime: { now: () => clock, sleep: async (ms) => void (clock += ms), random: () => 0.5 },
    ...options,
  });
  return { retryingFetch, sent: () => sent };
}

type Case = [
  string,
  {
    given: { script: Array<() => Response>; options?: Partial<RetryingFetchOptions>; init?: () => RequestInit };
    want: { notRetried: NoRetryReason | undefined; attempts: number };
  },
];

describe("notRetried: the retrying fetch says why a retryable error came back", () => {
  const cases: Case[] = [
    ["retries used up", { given: { script: [() => status(503)] }, want: { notRetried: "attempts_exhausted", attempts: 3 } }],
    ["retry: false leaves none to use", { given: { script: [() => status(503)], options: { retry: false } }, want: { notRetried: "attempts_exhausted", attempts: 1 } }],
    ["the budget refused", { given: { script: [() => status(503)], options: { retry: { budget: drained() } } }, want: { notRetried: "budget_exhausted", attempts: 1 } }],
    ["the wait would end past the deadline", { given: { script: [() => rateLimited(5)], options: { deadlineMs: 4000 } }, want: { notRetried: "deadline", attempts: 1 } }],
    ["the server's wait is above maxRetryAfterMs", { given: { script: [() => rateLimited(120)] }, want: { notRetried: "retry_after_too_long", attempts: 1 } }],
    ["a hint that is too long after a retry", { given: { script: [() => status(503), () => rateLimited(120)] }, want: { notRetried: "retry_after_too_long", attempts: 2 } }],
    [
      "a streamed request body cannot be replayed",
      {
        given: {
          script: [() => status(503), () => status(200)],
          init: () => ({ method: "POST", body: new ReadableStream({ start: (c) => (c.enqueue(new Uint8Array([1])), c.close()) }), duplex: "half" }) as RequestInit,
        },
        want: { notRetried: "body_not_replayable", attempts: 1 },
      },
    ],
    ["a job only a resubmit can fix", { given: { script: [expired, () => status(200)] }, want: { notRetried: "resubmit_required", attempts: 1 } }],
    ["not retryable: nothing to explain", { given: { script: [() => status(500, { error: { code: "internal_error" } })] }, want: { notRetried: undefined, attempts: 1 } }],
    [
      "the caller aborted the wait: aborted is not retryable",
      { given: { script: [() => status(503)], options: { runtime: { sleep: () => Promise.reject(new DOMException("stop", "AbortError")) } } }, want: { notRetried: undefined, attempts: 1 } },
    ],
  ];
  it.each(cases)("%s", async (_name, { given, want }) => {
    const { retryingFetch, sent } = harness(given.script, given.options);
    const { error } = await retryingFetch("http://127.0.0.1/x", given.init?.());
    expect({ notRetried: error?.notRetried, attempts: error?.attempts, sent: sent() }).toEqual({ ...want, sent: want.attempts });
    // Like `resubmit`: an own property only when there is something to say.
    expect(Object.hasOwn(error!, "notRetried")).toBe(want.notRetried !== undefined);
  });

  it("is not on the errors onRetry sees, and a call that then succeeds returns no error", async () => {
    const seen: ProviderError[] = [];
    const { retryingFetch, sent } = harness([() => status(503), () => rateLimited(1), () => status(200)], { retry: { onRetry: ({ error }) => seen.push(error) } });
    const { error } = await retryingFetch("http://127.0.0.1/x");
    expect(error).toBeUndefined();
    expect(sent()).toBe(3);
    expect(seen.map((e) => [e.status, Object.hasOwn(e, "notRetried")])).toEqual([[503, false], [429, false]]);
  });

  it("keeps the provider's message, and the resubmit flag next to it", async () => {
    const { error } = await harness([expired]).retryingFetch("http://127.0.0.1/x");
    expect(error).toMatchObject({ message: "gone", retryable: true, resubmit: true, notRetried: "resubmit_required" });
  });
});

describe("notRetried on ProviderError", () => {
  const stopped = () =>
    new ProviderError({ provider: "acme", status: 503, category: "unavailable", message: "busy", retryable: true }).with({ attempts: 3, notRetried: "budget_exhausted" });

  it("is an own enumerable field when set, kept by with(), in toJSON and inspect; the message stays", () => {
    const error = stopped();
    expect(Object.keys(error)).toContain("notRetried");
    expect(error.with({ attempts: 4 })).toMatchObject({ notRetried: "budget_exhausted", attempts: 4 });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ notRetried: "budget_exhausted", message: "busy" });
    expect(inspect(error)).toContain("notRetried: 'budget_exhausted'");
    expect(error.message).toBe("busy");
  });

  it("is never set by parseErrorWith, even on a retryable error", () => {
    const error = parseErrorWith(testCatalog, { status: 503, body: json({ error: { code: "overloaded" } }) })!;
    expect(error.retryable).toBe(true);
    expect(Object.hasOwn(error, "notRetried")).toBe(false);
  });
});

describe("notRetried on the streaming path (the same retry loop)", () => {
  let server: SseServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const frame: SseReply = { steps: [data({ error: { type: "server_error", code: "goblin_distracted", message: "again" } })] };
  const cases: Array<[string, { given: { replies: SseReply[]; retry?: object }; want: { notRetried: NoRetryReason | undefined; requests: number } }]> = [
    ["an error frame before the first event, retries used up", { given: { replies: [frame, frame], retry: { maxRetries: 1 } }, want: { notRetried: "attempts_exhausted", requests: 2 } }],
    ["a 503 with a wait above maxRetryAfterMs", { given: { replies: [jsonReply(503, { error: { type: "overloaded_error" } }, { "retry-after": "120" })] }, want: { notRetried: "retry_after_too_long", requests: 1 } }],
    ["the budget refused", { given: { replies: [frame], retry: { budget: drained() } }, want: { notRetried: "budget_exhausted", requests: 1 } }],
    ["a 401 is not retryable", { given: { replies: [jsonReply(401, { error: { type: "authentication_error" } })] }, want: { notRetried: undefined, requests: 1 } }],
  ];
  it.each(cases)("%s", async (_name, { given, want }) => {
    // One retry more than expected would open this stream instead.
    server = await startSseServer([...given.replies, { steps: [data(chunk("late")), "data: [DONE]\n\n"] }]);
    const { error, stream } = await acmeClient(server.url, { retry: given.retry }).stream("/chat/completions", { body: { model: "m" } });
    expect(stream).toBeUndefined();
    expect({ notRetried: error?.notRetried, requests: server.requests.length }).toEqual(want);
    expect(Object.hasOwn(error!, "notRetried")).toBe(want.notRetried !== undefined);
  });
});
