/**
 * The stream reader: SSE parsing, frame classification and the stream's state, behind the API of
 * ProviderEventStream. Loaded on first use (lazy.ts), so that only apps that stream ship it; it
 * imports no value from the rest of the package (see kit.ts).
 */
import type { EventSourceMessage } from "eventsource-parser";
import type { ProviderError } from "../provider-error.js";
import type { CollectedStream, ReadEventStreamOptions } from "./event-stream.js";
import { classifyMessage } from "./frames.js";
import type { ReaderKit } from "./kit.js";
import { SourceFailure, SseSource } from "./sse-source.js";
import { isTransportFailure, streamError, type StreamErrorContext, type StreamFailure } from "./stream-errors.js";

type State = "open" | "completed" | "failed" | "cancelled";

/** Symbol.for("errata.ProviderEventStream"), as kit.ts's STREAM_BRAND (not imported: see kit.ts). */
const BRAND = Symbol.for("errata.ProviderEventStream");

/**
 * Errors of streams that were cut off or fell silent, where no provider error was read: opening a
 * stream, the retry loop sends the request again only when it is idempotent (see decideRetry).
 */
export const lostAnswers = new WeakSet<object>();

/**
 * What `client.stream()` returns and ProviderEventStream delegates to; `instanceof ProviderEventStream`
 * holds for it (see ProviderEventStream's Symbol.hasInstance).
 */
export class EventStream<T, E extends ProviderError = ProviderError> implements AsyncIterable<T> {
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

  /** `idleTimeoutMs` has been validated by the caller. */
  constructor(response: Response, options: ReadEventStreamOptions, idleTimeoutMs: number, kit: ReaderKit) {
    this.response = response;
    this.#idleTimeoutMs = idleTimeoutMs;
    this.#attempts = options.attempts ?? 1;
    this.#signal = options.signal;
    this.#ctx = {
      catalog: options.catalog,
      format: options.format,
      response,
      secrets: options.secrets ?? [],
      now: options.now ?? Date.now,
      kit,
    };
    this.#source = new SseSource(response.ok ? response.body : null, { idleTimeoutMs, signal: options.signal, startTimer: kit.startTimer });
    Object.defineProperty(this, BRAND, { value: true });
  }

  get events(): readonly T[] {
    return this.#delivered;
  }

  get error(): E | undefined {
    return this.#error;
  }

  get completed(): boolean {
    return this.#state === "completed";
  }

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

  /** Reads what is left, also after (or instead of) an iteration: it takes no lock. */
  async collect(): Promise<CollectedStream<T, E>> {
    try {
      while (!(await this.#serial(() => this.#next())).done);
    } catch (error) {
      if (!this.#ctx.kit.ProviderError.is(error)) throw error;
    }
    return { events: this.#delivered, error: this.#error, completed: this.completed };
  }

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
        // The text, not the parsed value: classification parses it again, and keeps it whole if it cannot walk it.
        return this.#fail({ kind: "frame", body: frame.text ?? frame.body });
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
    this.#source.cancel();
    try {
      this.#error = streamError(this.#ctx, failure).with({ attempts: this.#attempts }) as E;
      if (isTransportFailure(failure)) lostAnswers.add(this.#error);
    } catch (cause) {
      // Classifying must not be what breaks the stream (a pathological frame): report that instead.
      const { catalog, response, secrets, kit } = this.#ctx;
      this.#error = new kit.ProviderError({
        provider: catalog.provider,
        status: response.status,
        category: "stream_interrupted",
        message: `${catalog.provider}: unreadable stream error (${cause instanceof Error ? cause.message : String(cause)})`,
        retryable: false,
        attempts: this.#attempts,
        cause,
        secrets,
      }) as E;
    }
  }

  /** A response that is not a 2xx is an ordinary HTTP error (when a caller hands one in). */
  async #failHttp(): Promise<void> {
    const { catalog, secrets, now, response, kit } = this.#ctx;
    const body = await response.text().catch(() => "");
    const error = kit.parseErrorWith(catalog, { status: response.status, headers: response.headers, body }, { secrets, now });
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
