import { checkKeys } from "./option-keys.js";
import { startTimer } from "./timers.js";
import { check } from "./validate.js";

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

const RUNTIME_KEYS = ["now", "sleep", "random"] as const satisfies readonly (keyof RetryRuntime)[];

/**
 * The `runtime` option over the defaults, checked: a misspelt key (`sleeep`) or a value that is not a
 * function would otherwise be ignored, and a test meant to run instantly would sleep for real.
 */
export function checkedRuntime(runtime: Partial<RetryRuntime> | undefined): RetryRuntime {
  if (runtime === undefined) return defaultRuntime;
  check(typeof runtime === "object" && runtime !== null && !Array.isArray(runtime), "runtime", "an object of now, sleep and random functions", runtime);
  checkKeys(runtime, "runtime", RUNTIME_KEYS, true);
  for (const key of RUNTIME_KEYS) check(runtime[key] === undefined || typeof runtime[key] === "function", `runtime.${key}`, "a function", runtime[key]);
  return { ...defaultRuntime, ...runtime };
}
