// The error frames inside a spec's text/event-stream examples, found with the grammar the spec gives
// in `x-errata-stream` (specs/README.md): the runtime's stream reader is not reused, so that the
// contract suite checks it rather than repeats it.

import { readPath } from "./catalog-reference.js";
import type { SpecExample } from "./spec-examples.js";

/** An `x-errata-stream` matcher; all the fields given must hold. */
interface StreamMatch {
  event?: string;
  data?: string;
  has?: string;
  wrap?: string;
}

interface SseMessage {
  event: string | undefined;
  data: string;
}

/** One error frame, as parseError receives it after the 200. */
export interface StreamErrorFrame {
  /** "POST /chat/completions 200 stream_error (text/event-stream, message 2)" */
  id: string;
  status: number;
  mediaType: string;
  /** What is classified: the frame's data, or `{<wrap>: data}` for a `wrap` rule. */
  body: string;
  value: unknown;
  /** The stream response's documented headers (SpecExample.headers). */
  headers: Record<string, string>;
}

/** The messages of an SSE text: each `event:` name and its `data:` lines joined; comments dropped. */
function sseMessages(text: string): SseMessage[] {
  return text.split(/\r?\n\r?\n/).flatMap((block) => {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/).filter((l) => l !== "" && !l.startsWith(":"))) {
      const [field = "", ...rest] = line.split(":");
      const value = rest.join(":").replace(/^ /, "");
      if (field === "event") event = value;
      if (field === "data") data.push(value);
    }
    return data.length > 0 ? [{ event, data: data.join("\n") }] : [];
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function matches(rule: StreamMatch, message: SseMessage, json: unknown): boolean {
  // `"error": null`, which some servers put on every chunk, is not an error.
  const holds = (path: string) => readPath(json, path) != null;
  return (rule.event === undefined || rule.event === message.event) && (rule.data === undefined || rule.data === message.data) && (rule.has === undefined || holds(rule.has));
}

/** The error frames of one example: the messages before the terminator that an `errors` rule matches. */
function framesOf(example: SpecExample): StreamErrorFrame[] {
  const { terminator, errors = [] } = example.stream as { terminator?: StreamMatch; errors?: StreamMatch[] };
  const frames: StreamErrorFrame[] = [];
  for (const [index, message] of sseMessages(example.body).entries()) {
    const json = parseJson(message.data);
    if (terminator && matches(terminator, message, json)) break;
    const rule = errors.find((r) => matches(r, message, json));
    if (!rule) continue;
    const wrap = rule.wrap !== undefined && !(json !== null && typeof json === "object" && rule.wrap in json);
    const value = wrap ? { [rule.wrap!]: json } : (json ?? message.data);
    const body = wrap ? JSON.stringify(value) : message.data;
    frames.push({ id: `${example.id} (${example.mediaType}, message ${index + 1})`, status: example.status, mediaType: example.mediaType, body, value, headers: example.headers });
  }
  return frames;
}

/** Every error frame of the examples that carry an `x-errata-stream`. */
export function streamErrorFrames(examples: readonly SpecExample[]): StreamErrorFrame[] {
  return examples.filter((ex) => ex.stream !== undefined && typeof ex.value === "string").flatMap(framesOf);
}
