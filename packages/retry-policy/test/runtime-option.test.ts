import { describe, expect, it } from "vitest";
import { createRetryingFetch, type RetryRuntime } from "../src/index.js";
import { testCatalog } from "./fixtures.js";

/** 503 first, then 200: one retry, so the runtime's sleep and random are used once. */
const flaky = () => {
  let calls = 0;
  return async () => (calls++ === 0 ? new Response("{}", { status: 503 }) : new Response('{"ok":true}', { status: 200 }));
};
const call = (runtime: Partial<RetryRuntime>) =>
  createRetryingFetch({ catalog: testCatalog, fetch: flaky(), deadlineMs: 60_000, runtime, retry: { budget: false, initialDelayMs: 1 } })("http://127.0.0.1/x");

describe("the runtime option: what it gives is used, what it leaves out keeps its default", () => {
  it("undefined entries keep the defaults (a call still succeeds after its retry)", async () => {
    const { response, error } = await call({ now: undefined, sleep: undefined, random: () => 0 });
    expect(error).toBeUndefined();
    expect(response?.status).toBe(200);
  });

  it("a class instance's methods are used, called on the instance, its other fields allowed", async () => {
    class ManualClock {
      elapsed = 0;
      slept: number[] = [];
      now() {
        return 1_000 + this.elapsed;
      }
      async sleep(ms: number) {
        this.slept.push(ms);
        this.elapsed += ms;
      }
      random() {
        return 1;
      }
    }
    const clock = new ManualClock();
    const { error } = await call(clock);
    expect(error).toBeUndefined();
    // Full jitter with random() = 1 waits the whole first step, 1 ms.
    expect(clock.slept).toEqual([1]);
  });
});
