import type { EventSourceMessage } from "eventsource-parser";
import type { StreamFormat, StreamMatch } from "./format.js";

/** What one SSE message means for the caller. */
export type Frame =
  | { kind: "event"; value: unknown }
  | { kind: "end"; value?: unknown }
  /** `text`: the frame's data as sent, when `body` is that data parsed (not wrapped). */
  | { kind: "error"; body: unknown; text?: string }
  | { kind: "skip" }
  | { kind: "invalid"; data: string };

const NOT_JSON = Symbol("not JSON");

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return NOT_JSON;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Whether a parsed JSON value holds something at a dotted path (not imported: see StreamKit). */
function holds(value: unknown, path: string): boolean {
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return false;
    value = (value as Record<string, unknown>)[key];
  }
  // `"error": null` (sent by some OpenAI-compatible servers on every chunk) holds nothing.
  return value !== undefined && value !== null;
}

function matches(rule: StreamMatch, message: EventSourceMessage, json: () => unknown): boolean {
  if (rule.event !== undefined && message.event !== rule.event) return false;
  if (rule.data !== undefined && message.data !== rule.data) return false;
  if (rule.has !== undefined && !holds(json(), rule.has)) return false;
  return true;
}

/** Terminator first, then error frames, then an ordinary event whose data must be JSON. */
export function classifyMessage(format: StreamFormat, message: EventSourceMessage): Frame {
  let parsed: unknown;
  const json = () => (parsed === undefined ? (parsed = parseJson(message.data)) : parsed);
  const { terminator } = format;
  if (terminator && matches(terminator, message, json)) {
    if (!terminator.deliver) return { kind: "end" };
    return json() === NOT_JSON ? { kind: "invalid", data: message.data } : { kind: "end", value: json() };
  }
  for (const rule of format.errors ?? []) {
    if (!matches(rule, message, json)) continue;
    const body = json() === NOT_JSON ? message.data : json();
    const wrapped = rule.wrap !== undefined && !(isObject(body) && rule.wrap in body);
    return wrapped ? { kind: "error", body: { [rule.wrap!]: body } } : { kind: "error", body, text: message.data };
  }
  if (message.data === "") return { kind: "skip" };
  return json() === NOT_JSON ? { kind: "invalid", data: message.data } : { kind: "event", value: json() };
}
