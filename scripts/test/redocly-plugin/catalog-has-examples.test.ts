import { describe, expect, it } from "vitest";
import { edit, inBand, streaming, valid } from "./fixtures.js";
import { found, lintYaml, type Found } from "./lint.js";

const rule = "errata/catalog-has-examples";
const entry = (i: number): Found => [rule, `#/x-errata/errors/${i}`];
const noCodeRateLimit = "            rate_limit_error:\n              summary: A rate limit without a code\n              value: { error: { type: rate_limit_error, code: null, message: Slow down } }\n";
const quotaEntry = "    - { status: 429, type: quota_error, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit. }\n";
const plainExample = "          example: Internal Server Error\n";
const cutFrame = `                    data: {"error":{"type":"server_error","code":"stream_cut","message":"cut"}}`;
const bareFrame = `                    event: error\n                    data: {"code":503,"type":"overloaded","message":"busy"}`;

describe(rule, () => {
  it.each<[string, { given: string; want: Found[] }]>([
    ["every entry has an example that classifies to it", { given: valid, want: [] }],
    ["in-band markers and statuses", { given: inBand, want: [] }],
    ["stream errors in data: frames and in event: error frames", { given: streaming, want: [] }],
    ["a code entry without an example", { given: edit(valid, [/            out_of_credit:\n.*\n/, ""]), want: [entry(2)] }],
    ["a type entry whose examples all carry known codes", { given: edit(valid, [noCodeRateLimit, ""]), want: [entry(0)] }],
    ["a type entry is exercised by an example with an unknown code", { given: edit(valid, ["type: rate_limit_error, code: null, message", "type: rate_limit_error, code: brand_new, message"]), want: [] }],
    ["a code decides whatever the status", { given: edit(valid, ["value: { error: { type: server_error, code: null, message: Oops } }", "value: { error: { type: server_error, code: out_of_credit, message: Oops } }"], [/            out_of_credit:\n.*\n/, ""]), want: [entry(3)] }],
    ["a type entry prefers the entry with the example's status", { given: edit(valid, ["{ status: 500, type: server_error, retryable: true,", "{ status: 500, type: server_error, retryable: true, category: server_error, description: a. }\n    - { status: 502, type: server_error, retryable: true,"]), want: [entry(4)] }],
    ["a status-only entry is exercised by a text/plain example", { given: valid, want: [] }],
    ["a status-only entry without an example", { given: edit(valid, [plainExample, ""]), want: [entry(4)] }],
    ["a 2xx example is not an error without inBand", { given: edit(valid, ["example: { answer: 42 }", "example: { error: { type: quota_error, code: out_of_credit } }"], [/            out_of_credit:\n.*\n/, ""]), want: [entry(2)] }],
    ["an in-band marker entry without a 2xx example", { given: edit(inBand, [/                failed:\n.*\n/, ""]), want: [entry(2)] }],
    ["processing is not an in-band error", { given: edit(inBand, [/                failed:\n.*\n/, ""], ["value: { status: processing, eta: 3 }", "value: { status: processing, eta: 3, message: failed }"]), want: [entry(2)] }],
    ["a marker entry needs the 2xx status it names", { given: edit(inBand, ["{ status: 200, marker: failed,", "{ status: 202, marker: failed,"]), want: [entry(2)] }],
    ["a stream entry without an error frame", { given: edit(streaming, [cutFrame, `                    data: {"choices":[]}`]), want: [entry(1)] }],
    ["an event: error frame with the bare error object counts", { given: streaming, want: [] }],
    ["a bare object is an error only in an event: error frame", { given: edit(streaming, [bareFrame, `                    data: {"code":503,"type":"overloaded","message":"busy"}`]), want: [entry(2)] }],
    ["a repeated code is left to catalog-entry-complete", { given: edit(valid, [quotaEntry, `${quotaEntry}    - { status: 429, type: quota_error, code: slow_down, retryable: false, category: quota_exceeded, description: Repeats a code. }\n`]), want: [] }],
    ["a repeated code at another status is left to catalog-entry-complete too", { given: edit(valid, [quotaEntry, `${quotaEntry}    - { status: 500, type: server_error, code: slow_down, retryable: true, category: server_error, description: Repeats a code. }\n`]), want: [] }],
    ["[DONE] and ordinary chunks are not errors", { given: edit(streaming, [cutFrame, "                    data: [DONE]"], [bareFrame, `                    event: message_stop\n                    data: {"type":"message_stop"}`]), want: [entry(1), entry(2)] }],
  ])("%s", async (_name, { given, want }) => {
    expect(await found(given, ["catalog-has-examples"])).toEqual(want);
  });

  it("reports a repeated code once, as a repeat, not also as an entry without an example", async () => {
    const given = edit(valid, [quotaEntry, `${quotaEntry}    - { status: 429, type: quota_error, code: slow_down, retryable: false, category: quota_exceeded, description: Repeats a code. }\n`]);
    expect(await found(given, ["catalog-entry-complete", "catalog-has-examples"])).toEqual([["errata/catalog-entry-complete", "#/x-errata/errors/3/code"]]);
  });

  it.each<[string, { given: string; want: RegExp }]>([
    ["says what example to add", { given: edit(valid, [/            out_of_credit:\n.*\n/, ""]), want: /errors\[2\] \(429, type "quota_error", code "out_of_credit"\) has no example .*: add an example whose error\.code is "out_of_credit"/ }],
    ["explains a type entry shadowed by code entries", { given: edit(valid, [noCodeRateLimit, ""]), want: /whose code is absent or has no entry of its own\. Examples with the same type classify to errors\[1\] \(429, type "rate_limit_error", code "slow_down"\) instead/ }],
  ])("message: %s", async (_name, { given, want }) => {
    const [problem] = await lintYaml(given, ["catalog-has-examples"]);
    expect(problem?.message).toMatch(want);
  });
});
