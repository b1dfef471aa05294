import { createParser, type EventSourceMessage, type EventSourceParser } from "eventsource-parser";

/** Why reading the body stopped early. */
export type SourceFailureKind = "idle" | "aborted" | "read" | "overflow";

export class SourceFailure extends Error {
  constructor(
    readonly kind: SourceFailureKind,
    override readonly cause?: unknown,
  ) {
    super(kind);
  }
}

export interface SseSourceOptions {
  /** Longest wait for the next bytes; a heartbeat comment counts as activity. */
  idleTimeoutMs: number;
  signal?: AbortSignal | undefined;
  /** timers.ts's startTimer (handed in: see kit.ts), so that Infinity and very long waits hold. */
  startTimer: (ms: number, fire: () => void) => () => void;
  /** Characters one unfinished event may buffer before the stream is given up. */
  maxBufferSize?: number;
}

export interface SseBatch {
  messages: EventSourceMessage[];
  /** The body ended; `incomplete` holds a last event that had no closing blank line. */
  done: boolean;
  incomplete: EventSourceMessage[];
}

/** Default limit for one event: far above any chat chunk, low enough to bound a broken stream. */
const MAX_BUFFER = 8 * 1024 * 1024;

/**
 * Bytes → SSE messages, with eventsource-parser doing the parsing. UTF-8 is decoded in streaming mode,
 * so a character split across two chunks is reassembled. Each read races an idle timer and the signal.
 */
export class SseSource {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  readonly #decoder = new TextDecoder("utf-8");
  readonly #parser: EventSourceParser;
  readonly #options: SseSourceOptions;
  #messages: EventSourceMessage[] = [];
  #overflow = false;
  #closed = false;

  constructor(body: ReadableStream<Uint8Array> | null, options: SseSourceOptions) {
    this.#reader = body?.getReader();
    this.#options = options;
    this.#parser = createParser({
      onEvent: (message) => this.#messages.push(message),
      onError: (error) => {
        if (error.type === "max-buffer-size-exceeded") this.#overflow = true;
      },
      maxBufferSize: options.maxBufferSize ?? MAX_BUFFER,
    });
  }

  /** The next chunk's messages. Throws a SourceFailure on idle timeout, abort, or a broken body. */
  async read(): Promise<SseBatch> {
    if (this.#overflow) throw new SourceFailure("overflow");
    const chunk = this.#reader && !this.#closed ? await this.#readChunk(this.#reader) : { done: true as const, value: undefined };
    if (chunk.done) {
      this.#closed = true;
      const tail = this.#decoder.decode();
      if (tail) this.#parser.feed(tail);
      const messages = this.#take();
      // A last event without its closing blank line: finish it, and let the caller judge it.
      if (!this.#overflow) this.#parser.feed("\n\n");
      return { messages, done: true, incomplete: this.#take() };
    }
    this.#parser.feed(this.#decoder.decode(chunk.value, { stream: true }));
    if (this.#overflow) {
      this.cancel();
      // The events that came before the oversized one in this chunk are delivered first.
      const messages = this.#take();
      if (messages.length === 0) throw new SourceFailure("overflow");
      return { messages, done: false, incomplete: [] };
    }
    return { messages: this.#take(), done: false, incomplete: [] };
  }

  /** Stops reading and releases the connection. Safe to call more than once. */
  cancel(reason?: unknown): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#reader?.cancel(reason).catch(() => {});
  }

  #take(): EventSourceMessage[] {
    const out = this.#messages;
    this.#messages = [];
    return out;
  }

  async #readChunk(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<ReadableStreamReadResult<Uint8Array>> {
    const { idleTimeoutMs, signal, startTimer } = this.#options;
    const read = reader.read();
    let stopTimer: (() => void) | undefined;
    let onAbort: (() => void) | undefined;
    const guard = new Promise<never>((_, reject) => {
      if (signal?.aborted) return reject(new SourceFailure("aborted", signal.reason));
      stopTimer = startTimer(idleTimeoutMs, () => reject(new SourceFailure("idle")));
      onAbort = () => reject(new SourceFailure("aborted", signal!.reason));
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    try {
      return await Promise.race([read, guard]);
    } catch (cause) {
      read.catch(() => {});
      const failure = cause instanceof SourceFailure ? cause : new SourceFailure(signal?.aborted ? "aborted" : "read", cause);
      this.cancel(failure.kind === "aborted" ? failure.cause : failure);
      throw failure;
    } finally {
      stopTimer?.();
      if (onAbort) signal?.removeEventListener("abort", onAbort);
    }
  }
}
