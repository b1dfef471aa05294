import type { ErrorRules } from "../catalog.js";
import { ProviderError } from "../provider-error.js";
import { transportError } from "../transport-errors.js";
import type { StreamFormat } from "./format.js";
import { validIdleTimeout } from "../validate.js";
import { READER_KIT, STREAM_BRAND } from "./kit.js";
import type { EventStream } from "./reader.js";

export interface ReadEventStreamOptions {
  /** The provider's generated catalog: in-stream error frames are classified with it. */
  catalog: ErrorRules;
  /** The operation's x-errata-stream: terminator and error frames. */
  format: StreamFormat;
  /** Strings that must never appear in an error (the API key). */
  secrets?: readonly string[] | undefined;
  /** The caller's abort: ends the stream with category `aborted`. */
  signal?: AbortSignal | undefined;
  /** Longest silence between two chunks of the body. Default 60000 ms. */
  idleTimeoutMs?: number | undefined;
  /** Clock for HTTP-date `Retry-After` values. */
  now?: (() => number) | undefined;
  /** Attempts made to open the stream, recorded on its errors. Default 1. */
  attempts?: number | undefined;
}

export interface CollectedStream<T, E> {
  /** Every event, in order, including those yielded before a failure. */
  events: readonly T[];
  /** Why the stream did not complete, if it did not. */
  error: E | undefined;
  /** The documented terminator arrived (or, without one, the body ended). */
  completed: boolean;
}

/**
 * A provider's server-sent events as a typed async iterable. Iterate it once with `for await`.
 *
 * A failure after the 200 (an error frame, an end without the terminator, an idle timeout, the
 * caller's abort) is thrown from the iterator as a ProviderError, after every event that arrived
 * before it has been yielded. `events` keeps what was yielded and `error` keeps the failure, so
 * nothing is lost; `collect()` reads to the end without throwing.
 *
 * The reader behind it (SSE parsing, frames, state: reader.ts) is loaded by the first read or
 * `ready()`, so that an app which never streams does not ship it; if it cannot be loaded (an offline
 * browser), that is a `network` failure like any other. `client.stream()` returns the reader's
 * streams directly: they are `instanceof ProviderEventStream` too.
 */
export class ProviderEventStream<T, E extends ProviderError = ProviderError> implements AsyncIterable<T> {
  /** The response being read. Its body belongs to this stream. */
  readonly response: Response;
  readonly #options: ReadEventStreamOptions;
  readonly #idleTimeoutMs: number;
  #reader: EventStream<T, E> | undefined;
  #loading: Promise<EventStream<T, E> | E> | undefined;
  #iterator: AsyncIterator<T> | undefined;
  #failed: E | undefined;
  #locked = false;
  #cancelled = false;

  constructor(response: Response, options: ReadEventStreamOptions) {
    this.response = response;
    this.#options = options;
    this.#idleTimeoutMs = validIdleTimeout(options.idleTimeoutMs);
    Object.defineProperty(this, STREAM_BRAND, { value: true });
  }

  /** True for this class's streams and for those `client.stream()` returns. */
  static [Symbol.hasInstance](value: unknown): boolean {
    return this === ProviderEventStream ? (value as Record<symbol, unknown> | null)?.[STREAM_BRAND] === true : Function.prototype[Symbol.hasInstance].call(this, value);
  }

  /** The events yielded so far. */
  get events(): readonly T[] {
    return this.#reader?.events ?? [];
  }

  /** The failure that ended the stream, as soon as it is known (it is thrown after the events before it). */
  get error(): E | undefined {
    return this.#reader?.error ?? this.#failed;
  }

  /** The stream reached its documented end. */
  get completed(): boolean {
    return this.#reader?.completed ?? false;
  }

  /**
   * Waits until the first event has arrived (or the stream has ended). Resolves with the error when
   * the stream failed before any event: nothing was delivered to the caller (though, after a cut or a
   * silence, the provider may have acted on the request).
   */
  async ready(): Promise<E | undefined> {
    const reader = await this.#load();
    return reader instanceof Error ? reader : reader.ready();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#locked) throw new TypeError("this stream is already being read: iterate a stream once");
    this.#locked = true;
    return {
      next: async () => {
        const reader = await this.#load();
        if (reader instanceof Error) throw reader;
        return (this.#iterator ??= reader[Symbol.asyncIterator]()).next();
      },
      return: async () => {
        this.cancel();
        return { done: true, value: undefined };
      },
    };
  }

  /** Reads to the end without throwing: the events, and the error that ended the stream, if any. */
  async collect(): Promise<CollectedStream<T, E>> {
    const reader = await this.#load();
    return reader instanceof Error ? { events: [], error: reader, completed: false } : reader.collect();
  }

  /** Stops reading and releases the connection. Not an error: `error` stays undefined. */
  cancel(): void {
    this.#cancelled = true;
    if (this.#reader) this.#reader.cancel();
    else this.response.body?.cancel().catch(() => {});
  }

  /** The reader, loaded once; or, when it cannot be loaded, the network failure that ends the stream. */
  #load(): Promise<EventStream<T, E> | E> {
    const { catalog, secrets } = this.#options;
    return (this.#loading ??= import("./lazy.js").then(
      ({ EventStream }) => {
        const reader = (this.#reader = new EventStream<T, E>(this.response, this.#options, this.#idleTimeoutMs, READER_KIT));
        if (this.#cancelled) reader.cancel();
        return reader;
      },
      (cause) => {
        this.cancel();
        return (this.#failed = transportError(catalog.provider, "network", cause, secrets) as ProviderError as E);
      },
    ));
  }
}

/** Wraps a response you fetched yourself (no retries): its SSE body as typed events, its failures classified. */
export function readEventStream<T, E extends ProviderError = ProviderError>(
  response: Response,
  options: ReadEventStreamOptions,
): ProviderEventStream<T, E> {
  return new ProviderEventStream<T, E>(response, options);
}
