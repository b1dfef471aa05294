import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRetryingFetch } from "../src/index.js";
import { eitherSignal } from "../src/timers.js";
import { testCatalog } from "./fixtures.js";

// Safari before 17.4, Chrome before 116 and Firefox before 124 have no AbortSignal.any: every call
// must still work there, with the caller's abort and the attempt's timeout both honoured.
const any = AbortSignal.any;
beforeEach(() => void Reflect.deleteProperty(AbortSignal, "any"));
afterEach(() => void Object.assign(AbortSignal, { any }));

/** A fetch that answers only when aborted, with the abort's reason, as fetch does. */
const hangingFetch = vi.fn((_url: string | URL | Request, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason))),
);

describe("eitherSignal without AbortSignal.any", () => {
  it.each([
    ["the first aborts", { given: 0, want: "first" }],
    ["the second aborts", { given: 1, want: "second" }],
  ] as const)("%s: the combined signal aborts with its reason", (_name, { given, want }) => {
    const controllers = [new AbortController(), new AbortController()] as const;
    const { signal } = eitherSignal(controllers[0].signal, controllers[1].signal);
    expect(signal.aborted).toBe(false);
    controllers[given].abort(want);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(want);
  });

  it("is aborted at once when a signal already is", () => {
    const { signal } = eitherSignal(AbortSignal.abort("before"), new AbortController().signal);
    expect(signal.reason).toBe("before");
  });

  it("release leaves nothing listening on a long-lived signal", () => {
    const caller = new AbortController();
    const add = vi.spyOn(caller.signal, "addEventListener");
    const remove = vi.spyOn(caller.signal, "removeEventListener");
    const { signal, release } = eitherSignal(caller.signal, new AbortController().signal);
    release();
    expect(remove.mock.calls.map(([, listener]) => listener)).toEqual(add.mock.calls.map(([, listener]) => listener));
    caller.abort("late");
    expect(signal.aborted).toBe(false);
  });
});

describe("a call without AbortSignal.any", () => {
  it.each([
    ["a success", { given: async () => new Response("{}", { status: 200 }), want: { ok: true } }],
    ["a 400", { given: async () => new Response("{}", { status: 400 }), want: { ok: false } }],
  ] as const)("%s comes back, not a TypeError", async (_name, { given, want }) => {
    const retryingFetch = createRetryingFetch({ catalog: testCatalog, fetch: given, retry: { maxRetries: 0 } });
    const outcome = await retryingFetch("http://127.0.0.1/x", { signal: new AbortController().signal });
    expect(outcome.response?.ok ?? false).toBe(want.ok);
    expect(outcome.error === undefined).toBe(want.ok);
  });

  it("the caller's abort ends the attempt: aborted", async () => {
    const caller = new AbortController();
    const retryingFetch = createRetryingFetch({ catalog: testCatalog, fetch: hangingFetch, timeoutMs: 60_000, retry: { budget: false } });
    const call = retryingFetch("http://127.0.0.1/x", { signal: caller.signal });
    setTimeout(() => caller.abort(), 5);
    const { error } = await call;
    expect(error).toMatchObject({ category: "aborted", retryable: false, attempts: 1 });
  });

  it("the attempt's timeout still ends it: timeout, retried", async () => {
    hangingFetch.mockClear();
    const retryingFetch = createRetryingFetch({ catalog: testCatalog, fetch: hangingFetch, timeoutMs: 5, retry: { maxRetries: 1, budget: false, jitter: "none", initialDelayMs: 1 } });
    const { error } = await retryingFetch("http://127.0.0.1/x", { signal: new AbortController().signal });
    expect(error).toMatchObject({ category: "timeout", attempts: 2 });
    expect(hangingFetch).toHaveBeenCalledTimes(2);
  });
});

describe("a body returned unread, without AbortSignal.any", () => {
  it("the caller's abort still ends its reading", async () => {
    // As fetch does: the body errors with the abort's reason when the request's signal aborts.
    const streamingFetch = async (_url: string | URL | Request, init?: RequestInit) => {
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("{\"partial\":"));
          init?.signal?.addEventListener("abort", () => controller.error(init.signal!.reason));
        },
      });
      return new Response(body, { status: 200 });
    };
    const caller = new AbortController();
    const retryingFetch = createRetryingFetch({ catalog: { ...testCatalog, errorFormat: { ...testCatalog.errorFormat, inBand: undefined } }, fetch: streamingFetch });
    const { response } = await retryingFetch("http://127.0.0.1/x", { signal: caller.signal });
    const reading = response!.text();
    caller.abort(new Error("user gave up"));
    await expect(reading).rejects.toThrow("user gave up");
  });
});
