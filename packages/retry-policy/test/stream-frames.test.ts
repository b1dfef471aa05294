import { describe, expect, it } from "vitest";
import type { EventSourceMessage } from "eventsource-parser";
import { classifyMessage, type Frame } from "../src/stream/frames.js";
import { formats } from "./stream-fixtures.js";

const openai = formats["/chat/completions"];
const anthropic = formats["/v1/messages"];

const cases: [string, { format: typeof openai | typeof anthropic; given: EventSourceMessage; want: Frame }][] = [
  ["an OpenAI chunk", { format: openai, given: { data: '{"id":"c1"}' }, want: { kind: "event", value: { id: "c1" } } }],
  ["the [DONE] sentinel ends the stream and is not an event", { format: openai, given: { data: "[DONE]" }, want: { kind: "end" } }],
  [
    "an OpenAI error frame is the body as sent",
    { format: openai, given: { data: '{"error":{"code":"goblin_distracted"}}' }, want: { kind: "error", body: { error: { code: "goblin_distracted" } }, text: '{"error":{"code":"goblin_distracted"}}' } },
  ],
  ["data that is not JSON", { format: openai, given: { data: "{oops" }, want: { kind: "invalid", data: "{oops" } }],
  ["an empty data line is skipped", { format: openai, given: { data: "" }, want: { kind: "skip" } }],
  [
    "message_stop ends the stream and is delivered",
    { format: anthropic, given: { event: "message_stop", data: '{"type":"message_stop"}' }, want: { kind: "end", value: { type: "message_stop" } } },
  ],
  [
    "a raw event: error is wrapped under `error`",
    {
      format: anthropic,
      given: { event: "error", data: '{"code":500,"message":"context shift is disabled","type":"server_error"}' },
      want: { kind: "error", body: { error: { code: 500, message: "context shift is disabled", type: "server_error" } } },
    },
  ],
  [
    "an Anthropic-enveloped event: error is not wrapped twice",
    {
      format: anthropic,
      given: { event: "error", data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' },
      want: {
        kind: "error",
        body: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
        text: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      },
    },
  ],
  [
    "an event: error whose data is text keeps the text",
    { format: anthropic, given: { event: "error", data: "upstream died" }, want: { kind: "error", body: { error: "upstream died" } } },
  ],
  [
    "an ordinary Anthropic event",
    { format: anthropic, given: { event: "message_start", data: '{"type":"message_start"}' }, want: { kind: "event", value: { type: "message_start" } } },
  ],
  [
    "an error-shaped object on the Anthropic route without event: error is an event",
    { format: anthropic, given: { event: "ping", data: '{"error":1}' }, want: { kind: "event", value: { error: 1 } } },
  ],
];

describe("classifyMessage", () => {
  it.each(cases)("%s", (_name, { format, given, want }) => {
    expect(classifyMessage(format, given)).toEqual(want);
  });

  it("without a terminator, [DONE] is invalid data (the format decides, not a convention)", () => {
    expect(classifyMessage({ errors: [] }, { data: "[DONE]" })).toEqual({ kind: "invalid", data: "[DONE]" });
  });
});
