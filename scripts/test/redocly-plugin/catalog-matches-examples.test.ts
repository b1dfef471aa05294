import { describe, expect, it } from "vitest";
import { edit, inBand, streaming, valid } from "./fixtures.js";
import { found, lintYaml, type Found } from "./lint.js";

const rule = "errata/catalog-matches-examples";
const example = (response: string, name: string, media = "application~1json") => `#/components/responses/${response}/content/${media}/examples/${name}/value`;
const slowDown = "            slow_down:\n              value: { error: { type: rate_limit_error, code: slow_down, message: Slow down, retry_after: 2 } }\n";
const serverErrorExamples = "          examples:\n            server_error:\n";
/** The slow_down example filed under the 500 response instead of the 429 its entry states. */
const slowDownUnder500 = edit(valid, [slowDown, ""], [serverErrorExamples, `          examples:\n${slowDown}            server_error:\n`]);
const streamFrame = (name: string) => `#/paths/~1chat/post/responses/200/content/text~1event-stream/examples/${name}/value`;

describe(rule, () => {
  it.each<[string, { given: string; want: Found[] }]>([
    ["examples agree with their entries", { given: valid, want: [] }],
    ["in-band markers agree", { given: inBand, want: [] }],
    ["stream frames under the 200 agree", { given: streaming, want: [] }],
    ["a code example under another status than its entry's", { given: slowDownUnder500, want: [[rule, example("ServerError", "slow_down")]] }],
    ["an entry whose status contradicts its examples", { given: edit(valid, ["    - status: 429\n      type: rate_limit_error\n      code: slow_down", "    - status: 503\n      type: rate_limit_error\n      code: slow_down"]), want: [[rule, example("TooManyRequests", "slow_down")]] }],
    ["an example found by type under another status", { given: edit(valid, [slowDown, `${slowDown}            stray:\n              value: { error: { type: server_error, code: null, message: Oops } }\n`]), want: [[rule, example("TooManyRequests", "stray")]] }],
    ["an example whose type contradicts its entry's", { given: edit(valid, ["{ error: { type: rate_limit_error, code: slow_down,", "{ error: { type: quota_error, code: slow_down,"]), want: [[rule, `${example("TooManyRequests", "slow_down")}/error/type`]] }],
    ["an entry without a status is not compared by status", { given: edit(slowDownUnder500, ["    - status: 429\n      type: rate_limit_error\n      code: slow_down", "    - type: rate_limit_error\n      code: slow_down"]), want: [] }],
    ["an entry without a type is not compared by type", { given: edit(valid, ["type: quota_error, code: out_of_credit, retryable", "code: out_of_credit, retryable"], ["{ error: { type: quota_error, code: out_of_credit,", "{ error: { type: rate_limit_error, code: out_of_credit,"]), want: [] }],
    ["a stream frame under the 200 may carry a code documented at 500", { given: edit(streaming, ["{ status: 200, code: stream_cut, stream: true,", "{ status: 500, code: stream_cut, stream: true,"]), want: [] }],
    ["a stream frame under the 200 may be found by the type of a 500 entry", { given: edit(streaming, [`data: {"code":503,"type":"overloaded","message":"busy"}`, `data: {"code":503,"type":"server_error","message":"busy"}`]), want: [] }],
    ["a stream frame whose type contradicts its entry's", { given: edit(streaming, ["{ status: 200, code: stream_cut, stream: true,", "{ status: 200, type: overloaded, code: stream_cut, stream: true,"]), want: [[rule, streamFrame("stream_cut")]] }],
  ])("%s", async (_name, { given, want }) => {
    expect(await found(given, ["catalog-matches-examples"])).toEqual(want);
  });

  it.each<[string, { given: string; want: RegExp }]>([
    ["a status: the example, its entry, both statuses and the fix", { given: slowDownUnder500, want: /^Example "slow_down" \(500 application\/json\) sits under a 500 response, but its code "slow_down" classifies it as errors\[1\] \(429, type "rate_limit_error", code "slow_down"\), whose status is 429: move the example under the operation's 429 response, or correct the entry's status\.$/ }],
    ["a type: both types and the fix", { given: edit(valid, ["{ error: { type: rate_limit_error, code: slow_down,", "{ error: { type: quota_error, code: slow_down,"]), want: /^Example "slow_down" \(429 application\/json\) has error\.type "quota_error", but its code "slow_down" classifies it as errors\[1\] .*, whose type is "rate_limit_error": correct the example's type, or the entry's\.$/ }],
  ])("message: %s", async (_name, { given, want }) => {
    const [problem] = await lintYaml(given, ["catalog-matches-examples"]);
    expect(problem?.message).toMatch(want);
  });
});
