/**
 * Scaled time. Both retrying policies run with their real settings (500 ms backoff, 8 s cap, the
 * server's stated waits in seconds), but every wait they ask for is slept `scale` times shorter: with
 * scale 100, a 1 s wait takes 10 ms. The fault server divides its stated waits by the same factor
 * when it judges whether a retry came too early, so "premature" means the same thing in both clocks.
 */
export interface ScaledSleep {
  /** A RetryRuntime-compatible sleep: resolves after ms / scale real milliseconds, or rejects on abort. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Waits asked for so far, in policy milliseconds (unscaled). */
  readonly requestedMs: number[];
}

export function scaledSleep(scale: number): ScaledSleep {
  const requestedMs: number[] = [];
  const sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    // Like setTimeout, a NaN or negative wait is no wait (the Stainless loop can ask for either).
    const policyMs = Number.isFinite(ms) && ms > 0 ? ms : 0;
    requestedMs.push(policyMs);
    return sleepAtLeast(policyMs / scale, signal);
  };
  return { sleep, requestedMs };
}

/**
 * Resolves no earlier than `ms` real milliseconds from now, by the monotonic clock. setTimeout alone
 * can fire up to a few ms early (libuv measures from the start of the loop iteration), which would
 * turn an honest wait into a "premature" retry.
 */
export function sleepAtLeast(ms: number, signal?: AbortSignal): Promise<void> {
  const until = performance.now() + ms;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let timer: ReturnType<typeof setTimeout>;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const check = () => {
      const left = until - performance.now();
      if (left <= 0) {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      } else {
        timer = setTimeout(check, Math.ceil(left));
      }
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    check();
  });
}
