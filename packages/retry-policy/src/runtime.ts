import { startTimer } from "./timers.js";

/** The side effects of retrying, injectable so that tests need no fake timers. */
export interface RetryRuntime {
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1). */
  random: () => number;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      cancel();
      reject(signal!.reason);
    };
    const cancel = startTimer(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}

// Looked up at each call, not at import: a test's fake clock (vi.useFakeTimers, sinon) or a spy on
// Math.random installed after this module loaded still applies.
export const defaultRuntime: RetryRuntime = { now: () => Date.now(), sleep, random: () => Math.random() };
