import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startTimer } from "../src/timers.js";
import { sleep } from "../src/runtime.js";

const MAX = 2 ** 31 - 1;

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe("startTimer: delays setTimeout cannot hold", () => {
  it.each([
    ["an ordinary delay", { given: 1_000, want: { before: 999, fired: 1_000 } }],
    ["beyond setTimeout's limit (which would fire at once)", { given: MAX + 5_000, want: { before: MAX + 4_999, fired: MAX + 5_000 } }],
    ["30 days", { given: 30 * 86_400_000, want: { before: 30 * 86_400_000 - 1, fired: 30 * 86_400_000 } }],
  ] as const)("%s fires on time, not before", (_name, { given, want }) => {
    const fire = vi.fn();
    startTimer(given, fire);
    vi.advanceTimersByTime(want.before);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(want.fired - want.before);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it("Infinity never fires and leaves no timer behind", () => {
    const fire = vi.fn();
    startTimer(Infinity, fire);
    expect(vi.getTimerCount()).toBe(0);
    expect(fire).not.toHaveBeenCalled();
  });

  it("cancel stops a long timer between its steps", () => {
    const fire = vi.fn();
    const cancel = startTimer(MAX * 2, fire);
    vi.advanceTimersByTime(MAX + 1);
    cancel();
    vi.advanceTimersByTime(MAX * 2);
    expect(fire).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("sleep waits out a Retry-After longer than setTimeout's limit", async () => {
    let done = false;
    void sleep(MAX + 1_000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(MAX);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(done).toBe(true);
  });
});
