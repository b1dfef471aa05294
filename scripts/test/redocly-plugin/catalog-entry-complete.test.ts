import { describe, expect, it } from "vitest";
import { edit, inBand, streaming, valid } from "./fixtures.js";
import { found, lintYaml, type Found } from "./lint.js";

const rule = "errata/catalog-entry-complete";
const quota = "{ status: 429, type: quota_error, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit. }";
/** The quota entry (errors[2]) replaced by `entry`. */
const withQuota = (entry: string) => edit(valid, [quota, entry]);
const at = (field?: string) => (field ? `#/x-errata/errors/2/${field}` : "#/x-errata/errors/2");

describe(rule, () => {
  it.each<[string, { given: string; want: Found[] }]>([
    ["complete entries pass", { given: valid, want: [] }],
    ["marker entries pass", { given: inBand, want: [] }],
    ["stream entries pass", { given: streaming, want: [] }],
    ["no retryable", { given: withQuota("{ status: 429, code: out_of_credit, category: quota_exceeded, description: Out of credit. }"), want: [[rule, at()]] }],
    ["retryable is not a boolean", { given: withQuota('{ status: 429, code: out_of_credit, retryable: "no", category: quota_exceeded, description: Out of credit. }'), want: [[rule, at("retryable")]] }],
    ["no category", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, description: Out of credit. }"), want: [[rule, at()]] }],
    ["a category that is not an ErrorCategory", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, category: quota, description: Out of credit. }"), want: [[rule, at("category")]] }],
    ["no description", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, category: quota_exceeded }"), want: [[rule, at()]] }],
    ["an empty description", { given: withQuota('{ status: 429, code: out_of_credit, retryable: false, category: quota_exceeded, description: "" }'), want: [[rule, at("description")]] }],
    ["nothing to recognise it by", { given: withQuota("{ retryable: false, category: quota_exceeded, description: Out of credit. }"), want: [[rule, at()]] }],
    ["a marker alone is enough to recognise it", { given: withQuota("{ marker: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit. }"), want: [] }],
    ["a code alone is enough to recognise it", { given: withQuota("{ code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit. }"), want: [] }],
    ["an unknown field (a typo)", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, retriable: false, category: quota_exceeded, description: Out of credit. }"), want: [[rule, `${at("retriable")} (key)`]] }],
    ["a status that is not an HTTP status", { given: withQuota("{ status: 4290, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit. }"), want: [[rule, at("status")]] }],
    ["a status given as a string", { given: withQuota('{ status: "429", code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit. }'), want: [[rule, at("status")]] }],
    ["a code that is not a string", { given: withQuota("{ status: 429, code: 42, retryable: false, category: quota_exceeded, description: Out of credit. }"), want: [[rule, at("code")]] }],
    ["stream is not a boolean", { given: withQuota("{ status: 429, code: out_of_credit, stream: yes, retryable: false, category: quota_exceeded, description: Out of credit. }"), want: [[rule, at("stream")]] }],
    ["resubmit on a retryable entry", { given: withQuota("{ status: 429, code: out_of_credit, retryable: true, resubmit: true, category: quota_exceeded, description: Out of credit. }"), want: [] }],
    ["resubmit is not a boolean", { given: withQuota("{ status: 429, code: out_of_credit, retryable: true, resubmit: yes, category: quota_exceeded, description: Out of credit. }"), want: [[rule, at("resubmit")]] }],
    ["resubmit on an entry that is not retryable", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, resubmit: true, category: quota_exceeded, description: Out of credit. }"), want: [[rule, at("resubmit")]] }],
    ["inferred names a field that does not exist", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit., inferred: [status, retry] }"), want: [[rule, at("inferred/1")]] }],
    ["a duplicate code", { given: withQuota("{ status: 429, code: slow_down, retryable: false, category: quota_exceeded, description: Out of credit. }"), want: [[rule, at("code")]] }],
    ["a delay source in the query", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit., retryAfter: [{ in: query, name: wait }] }"), want: [[rule, at("retryAfter/0/in")]] }],
    ["a body delay source without a path", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit., retryAfter: [{ in: body, unit: s }] }"), want: [[rule, at("retryAfter/0")]] }],
    ["a body delay source in minutes", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit., retryAfter: [{ in: body, path: wait, unit: min }] }"), want: [[rule, at("retryAfter/0/unit")]] }],
    ["a header delay source with an unknown format", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit., retryAfter: [{ in: header, name: X-Wait, format: iso8601 }] }"), want: [[rule, at("retryAfter/0/format")]] }],
    ["a header delay source with a body path", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit., retryAfter: [{ in: header, name: X-Wait, path: wait }] }"), want: [[rule, `${at("retryAfter/0/path")} (key)`]] }],
    ["a header delay source naming Retry-After", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit., retryAfter: [{ in: header, name: Retry-After, format: seconds }] }"), want: [[rule, at("retryAfter/0/name")]] }],
    ["a header delay source naming retry-after-ms, in any case", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit., retryAfter: [{ in: header, name: Retry-After-Ms, format: ms }] }"), want: [[rule, at("retryAfter/0/name")]] }],
    ["retryAfter that is not a list", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit., retryAfter: { in: body, path: wait } }"), want: [[rule, at("retryAfter")]] }],
    ["a malformed provider-wide delay source", { given: edit(valid, ["      - { in: header, name: X-Reset, format: duration }\n  errors:", "      - { in: header, format: duration }\n  errors:"]), want: [[rule, "#/x-errata/errorFormat/retryAfter/0"]] }],
    ["an entry that is not a mapping", { given: withQuota("quota_error"), want: [[rule, at()]] }],
  ])("%s", async (_name, { given, want }) => {
    expect(await found(given, ["catalog-entry-complete"])).toEqual(want);
  });

  it.each<[string, { given: string; want: RegExp }]>([
    ["names the entry and the missing field", { given: withQuota("{ status: 429, code: out_of_credit, category: quota_exceeded, description: Out of credit. }"), want: /errors\[2\] \(429, code "out_of_credit"\) lacks retryable/ }],
    ["lists the categories", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, category: quota, description: Out of credit. }"), want: /"quota" is not one of authentication, .*, unknown/ }],
    ["names the first entry of a duplicate code", { given: withQuota("{ status: 429, code: slow_down, retryable: false, category: quota_exceeded, description: Out of credit. }"), want: /code "slow_down" already has an entry \(errors\[1\]\)/ }],
    ["says why Retry-After is not listed", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit., retryAfter: [{ in: header, name: Retry-After }] }"), want: /retryAfter\[0\]: Retry-After is read before any listed source for every provider .* remove this source/ }],
    ["shows a provider's header as the example delay source", { given: withQuota("{ status: 429, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit., retryAfter: [{ in: query, name: wait }] }"), want: /\{in: header, name: X-RateLimit-Reset-Requests, format: / }],
  ])("message: %s", async (_name, { given, want }) => {
    const [problem] = await lintYaml(given, ["catalog-entry-complete"]);
    expect(problem?.message).toMatch(want);
  });

  it("never suggests listing Retry-After, which is always honoured and never listed", async () => {
    const problems = await lintYaml(withQuota("{ status: 429, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit., retryAfter: [{ in: query, name: wait }, 5] }"), ["catalog-entry-complete"]);
    expect(problems).toHaveLength(2);
    for (const problem of problems) expect(problem.message).not.toMatch(/retry-after/i);
  });
});
