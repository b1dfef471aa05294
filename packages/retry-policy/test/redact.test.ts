import { describe, expect, it } from "vitest";
import { redact } from "../src/redact.js";

describe("redact", () => {
  it.each([
    ["a key in a string", { given: { value: "bad key sk-live-123456", secrets: ["sk-live-123456"] }, want: "bad key [REDACTED]" }],
    // fetch strips a header value's surrounding whitespace, so a server echoes the key without it.
    ["a key read with a trailing newline, echoed trimmed", { given: { value: "bad key sk-live-123456.", secrets: ["sk-live-123456\n"] }, want: "bad key [REDACTED]." }],
    ["a key with surrounding spaces, echoed trimmed", { given: { value: "Bearer sk-live-123456", secrets: ["  sk-live-123456 "] }, want: "Bearer [REDACTED]" }],
    ["a key with its newline, echoed whole", { given: { value: "[sk-live-123456\n]", secrets: ["sk-live-123456\n"] }, want: "[[REDACTED]]" }],
    ["inside arrays and plain objects, keys included", { given: { value: { "sk-live-123456": ["x sk-live-123456"] }, secrets: ["sk-live-123456\r\n"] }, want: { "[REDACTED]": ["x [REDACTED]"] } }],
    ["a secret shorter than 4 characters once trimmed is ignored", { given: { value: "abc def", secrets: [" abc \n"] }, want: "abc def" }],
    ["no secrets: the value as it is", { given: { value: "sk-live-123456", secrets: [] }, want: "sk-live-123456" }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(redact(given.value, given.secrets)).toEqual(want);
  });
});
