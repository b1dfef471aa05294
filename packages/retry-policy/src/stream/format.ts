/**
 * The runtime form of a spec's `x-errata-stream` (specs/README.md, "Streams"): how one streaming
 * operation's server-sent events are read. Generated per provider into `streamFormats`.
 */

/** Which SSE messages a rule applies to. Every field given must hold. */
export interface StreamMatch {
  /** The SSE `event:` name equals this. */
  readonly event?: string;
  /** The raw `data:` text equals this (for sentinels such as `[DONE]`). */
  readonly data?: string;
  /** The `data:` is a JSON object holding this dotted path (for example `error`). */
  readonly has?: string;
}

/** The documented end of a stream. */
export interface StreamTerminator extends StreamMatch {
  /** The terminating message is itself an event (Anthropic's `message_stop`) and is yielded. Default false. */
  readonly deliver?: boolean;
}

/** An in-stream error frame. Its data is classified with the provider's catalog, as an error body. */
export interface StreamErrorFrame extends StreamMatch {
  /** Classify `{[wrap]: data}` when the data has no `wrap` member (llama-server's raw `event: error`). */
  readonly wrap?: string;
}

export interface StreamFormat {
  /** Fields merged into the JSON request body to ask for the stream (`{stream: true}`). */
  readonly requestBody?: Readonly<Record<string, unknown>>;
  /** Without one, the end of the body is the normal end; with one, an end before it is an interruption. */
  readonly terminator?: StreamTerminator;
  readonly errors?: readonly StreamErrorFrame[];
}

export type StreamHttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch";

/** One streaming operation of a spec. */
export interface StreamOperation extends StreamFormat {
  readonly method: StreamHttpMethod;
}

/** A provider's streaming operations by path, as generated from its spec. */
export type StreamFormats = Readonly<Record<string, StreamOperation>>;
