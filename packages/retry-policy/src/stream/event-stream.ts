import type { EventSourceMessage } from "eventsource-parser";
import type { ErrorCatalog } from "../catalog.js";
import { parseErrorWith } from "../parse-error.js";
import { ProviderError } from "../provider-error.js";
import type { StreamFormat } from "./format.js";
import { classifyMessage } from "./frames.js";
import { SourceFailure, SseSource } from "./sse-source.js";
import { streamError, type StreamErrorContext, type StreamFailure } from "./stream-errors.js";

export interface ReadEventStreamOptions {
  /** The provider's generated catalog: in-stream error frames are classified with it. */
  catalog: ErrorCatalog;
  /** The operation's x-errata-stream: terminator and error frames. */
  format: StreamFormat;
  /** Strings that must never appear in an error (the API key). */
  secrets?: readonly string[];
  /** The caller's abort: ends the stream with category `aborted`. */
  signal?: AbortSignal | undefined;
  /** Longest silence between two chunks of the body. Default 60000 ms. */
  idleTimeoutMs?: number;
  /** Clock for HTTP-date `Retry-After` values. */
  now?: () => number;
  /** Attempts made to open the stream, recorded on its errors. Default 1. */
  attempts?: number;
}

export interface CollectedStream<T, E> {
  /** Every event, in order, including those yielded before a failure. */
  events: readonly T[];
  /** Why the stream did not complete, if it did not. */
  error: E | undefined;
  /** The documented terminator arrived (or, without one, the body ended). */
  completed: boolean;
}

type State = "open" | "completed" | "failed" | "cancelled";

export function validIdleTimeout(value: number | undefined): number {
  if (value === undefined) return 60_000;
  if (typeof value !== "number" || !(value > 0)) {
    throw new RangeError(`idleTimeoutMs must be a positive number of milliseconds, got ${String(value)}`);
  }
  return value;
}

/**
 * A provider's server-sent events as a typed async iterable. Iterate it once with `for await`.
 *
 * A failure after the 200 (an error frame, an end without the terminator, an idle timeout, the
 * caller's abort) is thrown from the iterator as a ProviderError, after every event that arrived
 * before it has been yielded. `events` keeps what was yielded and `error` keeps the failure, so
 * nothing is lost; `collect()` reads to the end without throwing.
 */
export class ProviderEventStream<T, E extends ProviderError = ProviderError> implements AsyncIterable<T> {
  /** The response being read. Its body belongs to this stream. */
  readonly response: Response;
  readonly #ctx: StreamErrorContext;
  readonly #source: SseSource;
  readonly #idleTimeoutMs: number;
  readonly #attempts: number;
  readonly #signal: AbortSignal | undefined;
  readonly #delivered: T[] = [];
  readonly #pending: T[] = [];
  #state: State = "open";
  #error: E | undefined;
  #locked = false;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(response: Response, options: ReadEventStreamOptions) {
    this.response = response;
    this.#idleTimeoutMs = validIdleTimeout(options.idleTimeoutMs);
    this.#attempts = options.attempts ?? 1;
    this.#signal = options.signal;
    this.#ctx = {
      catalog: options.catalog,
      format: options.format,
      response,
      secrets: options.secrets ?? [],
      now: options.now ?? Date.now,
    };
    this.#source = new SseSource(response.ok ? response.body : null, { idleTimeoutMs: this.#idleTimeoutMs, signal: options.signal });
  }

  /** The events yielded so far. */
  get events(): readonly T[] {
    return this.#delivered;
  }

  /** The failure that ended the stream, as soon as it is known (it is thrown after the events before it). */
  get error(): E | undefined {
    return this.#error;
  }

  /** The stream reached its documented end. */
  get completed(): boolean {
    return this.#state === "completed";
  }

  /**
   * Waits until the first event has arrived (or the stream has ended). Resolves with the error when
   * the stream failed before any event: nothing was delivered, so the request may safely be retried.
   */
  ready(): Promise<E | undefined> {
    return this.#serial(async () => {
      await this.#fill();
      return this.#pending.length === 0 && this.#state === "failed" ? this.#error : undefined;
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#locked) throw new TypeError("this stream is already being read: iterate a stream once");
    this.#locked = true;
    return {
      next: () => this.#serial(() => this.#next()),
      return: async () => {
        this.cancel();
        return { done: true, value: undefined };
      },
    };
  }

  /** Reads to the end without throwing: the events, and the error that ended the stream, if any. */
  async collect(): Promise<CollectedStream<T, E>> {
    try {
      for await (const _ of this);
    } catch (error) {
      if (!ProviderError.is(error)) throw error;
    }
    return { events: this.#delivered, error: this.#error, completed: this.completed };
  }

  /** Stops reading and releases the connection. Not an error: `error` stays undefined. */
  cancel(): void {
    if (this.#state === "open") this.#state = "cancelled";
    this.#pending.length = 0;
    this.#source.cancel();
  }

  #serial<R>(step: () => Promise<R>): Promise<R> {
    const run = this.#queue.then(step);
    this.#queue = run.catch(() => {});
    return run;
  }

  async #next(): Promise<IteratorResult<T>> {
    // An abort ends the stream at once, even when events are already buffered.
    if (this.#state === "open" && this.#signal?.aborted) this.#fail({ kind: "aborted", cause: this.#signal.reason });
    if (this.#pending.length === 0) await this.#fill();
    if (this.#pending.length > 0) {
      const value = this.#pending.shift() as T;
      this.#delivered.push(value);
      return { done: false, value };
    }
    if (this.#state === "failed") throw this.#error;
    return { done: true, value: undefined };
  }

  /** Reads until an event is pending or the stream has ended. */
  async #fill(): Promise<void> {
    if (this.#state === "open" && !this.response.ok) return this.#failHttp();
    while (this.#pending.length === 0 && this.#state === "open") {
      let batch;
      try {
        batch = await this.#source.read();
      } catch (failure) {
        this.#fail(toStreamFailure(failure, this.#idleTimeoutMs));
        return;
      }
      for (const message of batch.messages) this.#accept(message, false);
      for (const message of batch.incomplete) this.#accept(message, true);
      if (batch.done && this.#state === "open") {
        if (this.#ctx.format.terminator) this.#fail({ kind: "truncated" });
        else this.#state = "completed";
      }
    }
  }

  #accept(message: EventSourceMessage, incomplete: boolean): void {
    if (this.#state !== "open") return;
    const frame = classifyMessage(this.#ctx.format, message);
    switch (frame.kind) {
      case "event":
        this.#pending.push(frame.value as T);
        return;
      case "end":
        if ("value" in frame) this.#pending.push(frame.value as T);
        this.#state = "completed";
        this.#source.cancel();
        return;
      case "error":
        return this.#fail({ kind: "frame", body: frame.body });
      case "invalid":
        // A last event cut off by the end of the body is an interruption, reported as `truncated`.
        if (!incomplete) this.#fail({ kind: "invalid", data: frame.data });
        return;
      case "skip":
        return;
    }
  }

  #fail(failure: StreamFailure): void {
    this.#state = "failed";
    if (failure.kind === "aborted") this.#pending.length = 0;
    this.#error = streamError(this.#ctx, failure).with({ attempts: this.#attempts }) as E;
    this.#source.cancel();
  }

  /** A response that is not a 2xx is an ordinary HTTP error (when a caller hands one in). */
  async #failHttp(): Promise<void> {
    const { catalog, secrets, now, response } = this.#ctx;
    const body = await response.text().catch(() => "");
    const error = parseErrorWith(catalog, { status: response.status, headers: response.headers, body }, { secrets, now });
    this.#state = "failed";
    this.#error = (error ?? streamError(this.#ctx, { kind: "truncated" })).with({ attempts: this.#attempts }) as E;
  }
}

function toStreamFailure(failure: unknown, idleTimeoutMs: number): StreamFailure {
  if (!(failure instanceof SourceFailure)) return { kind: "read", cause: failure };
  switch (failure.kind) {
    case "idle":
      return { kind: "idle", idleTimeoutMs };
    case "aborted":
      return { kind: "aborted", cause: failure.cause };
    case "overflow":
      return { kind: "overflow" };
    case "read":
      return { kind: "read", cause: failure.cause };
  }
}

/** Wraps a response you fetched yourself (no retries): its SSE body as typed events, its failures classified. */
export function readEventStream<T, E extends ProviderError = ProviderError>(
  response: Response,
  options: ReadEventStreamOptions,
): ProviderEventStream<T, E> {
  return new ProviderEventStream<T, E>(response, options);
}
