import type { ErrorRules } from "../catalog.js";
import { ProviderError } from "../provider-error.js";
import { transportError } from "../transport-errors.js";
import type { StreamFormat } from "./format.js";
import type { createEngine, StreamEngine } from "./stream-engine.js";

export interface ReadEventStreamOptions {
  /** The provider's generated catalog: in-stream error frames are classified with it. */
  catalog: ErrorRules;
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
 *
 * The reader itself (SSE parsing, frames, state: stream-engine.ts) is loaded on the first read, so
 * that an app which never streams does not ship it; `client.stream()` hands it in already loaded.
 */
export class ProviderEventStream<T, E extends ProviderError = ProviderError> implements AsyncIterable<T> {
  /** The response being read. Its body belongs to this stream. */
  readonly response: Response;
  readonly #options: ReadEventStreamOptions;
  readonly #idleTimeoutMs: number;
  #engine: StreamEngine<T, E> | undefined;
  #loading: Promise<StreamEngine<T, E>> | undefined;
  #locked = false;
  #cancelled = false;

  /** `engine` is internal: the streaming client passes the reader it has already loaded. */
  constructor(response: Response, options: ReadEventStreamOptions, engine?: typeof createEngine) {
    this.response = response;
    this.#options = options;
    this.#idleTimeoutMs = validIdleTimeout(options.idleTimeoutMs);
    if (engine) this.#engine = engine<T, E>(response, options, this.#idleTimeoutMs);
  }

  /** The events yielded so far. */
  get events(): readonly T[] {
    return this.#engine?.events ?? [];
  }

  /** The failure that ended the stream, as soon as it is known (it is thrown after the events before it). */
  get error(): E | undefined {
    return this.#engine?.error;
  }

  /** The stream reached its documented end. */
  get completed(): boolean {
    return this.#engine?.completed ?? false;
  }

  /**
   * Waits until the first event has arrived (or the stream has ended). Resolves with the error when
   * the stream failed before any event: nothing was delivered, so the request may safely be retried.
   */
  ready(): Promise<E | undefined> {
    return this.#use((engine) => engine.ready());
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#locked) throw new TypeError("this stream is already being read: iterate a stream once");
    this.#locked = true;
    return {
      next: () => this.#use((engine) => engine.next()),
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
    return { events: this.events, error: this.error, completed: this.completed };
  }

  /** Stops reading and releases the connection. Not an error: `error` stays undefined. */
  cancel(): void {
    if (this.#engine) return this.#engine.cancel();
    this.#cancelled = true;
    this.response.body?.cancel().catch(() => {});
  }

  #use<R>(step: (engine: StreamEngine<T, E>) => Promise<R>): Promise<R> {
    if (this.#engine) return step(this.#engine);
    this.#loading ??= import("./lazy.js").then(
      (chunk) => {
        const engine = (this.#engine = chunk.createEngine<T, E>(this.response, this.#options, this.#idleTimeoutMs));
        if (this.#cancelled) engine.cancel();
        return engine;
      },
      (cause) => {
        // The reader could not be loaded (an offline browser): a network failure, as a ProviderError.
        this.#loading = undefined;
        const { catalog, secrets } = this.#options;
        throw transportError(catalog.provider, "network", cause, secrets);
      },
    );
    return this.#loading.then(step);
  }
}

/** Wraps a response you fetched yourself (no retries): its SSE body as typed events, its failures classified. */
export function readEventStream<T, E extends ProviderError = ProviderError>(
  response: Response,
  options: ReadEventStreamOptions,
): ProviderEventStream<T, E> {
  return new ProviderEventStream<T, E>(response, options);
}
