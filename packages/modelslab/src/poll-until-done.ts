// Hand-written: a spec can say that `processing` is not an error and that `eta` is in seconds, but not
// how long a client should keep asking. This is the one loop ModelsLab's asynchronous jobs need.
import { ProviderError, sleep as defaultSleep, transportError } from "@errata/retry-policy";
import { checkKeys, checkOption, eitherSignal, startTimer } from "@errata/retry-policy/openapi-fetch";
import { provider, type ModelslabError } from "./generated/catalog.js";
import type { ModelslabClient } from "./generated/client.js";
import type { components } from "./generated/openapi.js";

export type ImageGenerationSuccess = components["schemas"]["ImageGenerationSuccess"];
export type ImageGenerationProcessing = components["schemas"]["ImageGenerationProcessing"];
type JobId = components["schemas"]["JobId"];


export interface PollOptions {
  /** Stop at once (category `aborted`): cancels the wait and the fetch in flight. */
  signal?: AbortSignal | undefined;
  /**
   * Give up after this long (category `timeout`). No wait runs past it, and a fetch still out when it
   * passes is cut; the last poll is sent at the deadline itself and gets `minIntervalMs` to answer.
   * Default 600000 (10 min).
   */
  deadlineMs?: number | undefined;
  /** Give up after this many fetches (category `timeout`). Default 60. */
  maxPolls?: number | undefined;
  /** The shortest wait between polls, whatever `eta` says (also used when `eta` is missing). Default 1000. */
  minIntervalMs?: number | undefined;
  /** The longest wait between polls, whatever `eta` says. Default 30000. */
  maxIntervalMs?: number | undefined;
  /** Called with every `processing` body a poll returns, for progress reports (not with the `job` you pass in). */
  onProcessing?: ((body: ImageGenerationProcessing) => void) | undefined;
  /** Injectable for tests. Default: a real timer that rejects when `signal` aborts. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Injectable for tests. Default: Date.now. */
  now?: (() => number) | undefined;
}

/**
 * Every key of PollOptions (`satisfies` refuses one it lacks; test/poll-keys.test-d.ts, one it misses):
 * a misspelt one (`deadlineMS`) throws rather than leave the default in force.
 */
export const POLL_KEYS = ["signal", "deadlineMs", "maxPolls", "minIntervalMs", "maxIntervalMs", "onProcessing", "sleep", "now"] as const satisfies readonly (keyof PollOptions)[];

export type PollResult =
  | { data: ImageGenerationSuccess; error?: never; polls: number }
  | { data?: never; error: ModelslabError; polls: number };

/** The defaults, in one place. */
export const POLL_DEFAULTS = { deadlineMs: 600_000, maxPolls: 60, minIntervalMs: 1000, maxIntervalMs: 30_000 } as const;

function positive(name: string, value: number | undefined, fallback: number, integer = false): number {
  if (value === undefined) return fallback;
  const ok = typeof value === "number" && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
  checkOption(ok, `pollUntilDone: ${name}`, `a positive ${integer ? "integer" : "number"}`, value);
  return value;
}

function resolveOptions(options: PollOptions) {
  const minIntervalMs = positive("minIntervalMs", options.minIntervalMs, POLL_DEFAULTS.minIntervalMs);
  const maxIntervalMs = positive("maxIntervalMs", options.maxIntervalMs, Math.max(minIntervalMs, POLL_DEFAULTS.maxIntervalMs));
  if (maxIntervalMs < minIntervalMs) throw new RangeError("pollUntilDone: maxIntervalMs must be >= minIntervalMs");
  return {
    deadlineMs: positive("deadlineMs", options.deadlineMs, POLL_DEFAULTS.deadlineMs),
    maxPolls: positive("maxPolls", options.maxPolls, POLL_DEFAULTS.maxPolls, true),
    minIntervalMs,
    maxIntervalMs,
    sleep: options.sleep ?? defaultSleep,
    now: options.now ?? Date.now,
  };
}

/** `eta` seconds as a wait in ms, clamped to [min, max]; a missing or unusable eta gives the minimum. */
export function pollDelayMs(eta: unknown, minIntervalMs: number, maxIntervalMs: number): number {
  const ms = typeof eta === "number" && Number.isFinite(eta) ? eta * 1000 : 0;
  return Math.min(maxIntervalMs, Math.max(minIntervalMs, Math.ceil(ms)));
}

/**
 * `last` is the latest processing body: fetched (status 200), or the one the caller passed in (status
 * 0: no fetch answered). `cause`: the client's error for a fetch the deadline cut (no answer yet, or
 * retries of a failure still under way: its `attempts` say which).
 */
function gaveUp(id: JobId, [why, reason]: [string, "deadline" | "attempts_exhausted"], last: unknown, fetched: boolean, cut?: ProviderError): ModelslabError {
  // Cut while the client waited to retry a failure (a 503, say): that failure is what the caller needs.
  const failing = cut && ProviderError.is(cut.cause) ? cut.cause : undefined;
  const state = failing ? `kept failing (${failing.message})` : fetched ? "is still processing" : "has not answered";
  return new ProviderError({
    provider,
    status: fetched ? 200 : 0,
    category: "timeout",
    message: `${provider}: job ${id} ${state} ${why}; fetch it again later`,
    retryable: true,
    // As a retrying client says which limit stopped it: pollUntilDone's own limits.
    notRetried: reason,
    body: last,
    cause: failing ?? cut,
  }) as ModelslabError;
}

function unexpected(id: JobId, body: unknown): ModelslabError {
  const status = (body as { status?: unknown } | null)?.status;
  return new ProviderError({
    provider,
    status: 200,
    category: "unknown",
    message: `${provider}: job ${id} answered with an undocumented status ${JSON.stringify(status)}`,
    retryable: false,
    body,
  }) as ModelslabError;
}

/** The caller's signal, plus an abort when a fetch runs past `ms`: the poll's deadline, not the caller, gave up. */
function boundedFetch(ms: number, signal: AbortSignal | undefined) {
  const deadline = new AbortController();
  const stopTimer = startTimer(ms, () => deadline.abort(new DOMException("poll deadline passed", "TimeoutError")));
  const { signal: either, release } = signal ? eitherSignal(signal, deadline.signal) : { signal: deadline.signal, release: undefined };
  return {
    signal: either,
    cut: () => deadline.signal.aborted && !signal?.aborted,
    done: () => {
      stopTimer();
      release?.();
    },
  };
}

/**
 * Polls `POST /images/fetch/{id}` while the job is `processing`, waiting `eta` seconds between polls
 * (clamped to [minIntervalMs, maxIntervalMs]). Ends with the `success` body as `data`, or an `error`:
 * the job's own failure (HTTP or in-band `error`/`failed`, as the client classifies it), `timeout`
 * when the deadline or maxPolls is reached (`body` is the last `processing` body), or `aborted`.
 * Never throws for a failed job; invalid options throw.
 *
 * `job` is the `processing` body of text2img (its `eta` is waited first) or a job id (fetched at once).
 */
export async function pollUntilDone(
  client: ModelslabClient,
  job: JobId | Pick<ImageGenerationProcessing, "id" | "eta">,
  options: PollOptions = {},
): Promise<PollResult> {
  if (options === null || typeof options !== "object") throw new TypeError("pollUntilDone: options must be an object");
  checkKeys(options, "pollUntilDone", POLL_KEYS, true);
  const { deadlineMs, maxPolls, minIntervalMs, maxIntervalMs, sleep, now } = resolveOptions(options);
  const { signal, onProcessing } = options;
  const id = job !== null && typeof job === "object" ? job.id : job;
  if ((typeof id !== "string" || id === "") && typeof id !== "number") throw new TypeError("pollUntilDone: job must be a job id or a processing body");
  const deadlineAt = now() + deadlineMs;
  // A poll only reads the job: the spec marks fetch x-errata-idempotent, so a lost answer is fetched again.
  const fetchJob = (bounded: AbortSignal) => client.POST("/images/fetch/{id}", { params: { path: { id: String(id) } }, signal: bounded });
  const aborted = (cause: unknown, polls: number): PollResult => ({ error: transportError(provider, "aborted", cause) as ModelslabError, polls });

  const given = typeof job === "object" ? job : undefined;
  let last: unknown = given;
  let fetched = false;
  let waitMs = given ? pollDelayMs(given.eta, minIntervalMs, maxIntervalMs) : 0;
  for (let polls = 0; ; ) {
    if (waitMs > 0) {
      const remaining = deadlineAt - now();
      if (remaining <= 0) return { error: gaveUp(id, [`at its ${deadlineMs} ms deadline`, "deadline"], last, fetched), polls };
      try {
        await sleep(Math.min(waitMs, remaining), signal);
      } catch (cause) {
        return aborted(cause, polls);
      }
    }
    if (signal?.aborted) return aborted(signal.reason, polls);

    const bound = boundedFetch(Math.max(deadlineAt - now(), minIntervalMs), signal);
    let answer: Awaited<ReturnType<typeof fetchJob>>;
    try {
      answer = await fetchJob(bound.signal);
    } finally {
      bound.done();
    }
    const { data, error } = answer;
    polls++;
    if (error) return { error: bound.cut() ? gaveUp(id, [`at its ${deadlineMs} ms deadline`, "deadline"], last, fetched, error) : error, polls };
    if (data.status === "success") return { data, polls };
    if (data.status !== "processing") return { error: unexpected(id, data), polls };

    last = data;
    fetched = true;
    onProcessing?.(data);
    if (polls >= maxPolls) return { error: gaveUp(id, [`after ${polls} polls`, "attempts_exhausted"], last, fetched), polls };
    waitMs = pollDelayMs(data.eta, minIntervalMs, maxIntervalMs);
  }
}
