import { describe, expect, it } from "vitest";
import { edit, inBand, streaming, valid } from "./fixtures.js";
import { found, lintYaml, type Found } from "./lint.js";

const rule = "errata/catalog-delay-sources-exist";
const slowDownSources = "        - { in: body, path: error.retry_after, unit: s }\n        - { in: header, name: X-Reset, format: duration }\n";
/** The slow_down entry (errors[1]) with `sources` as its retryAfter list. */
const slowDownReads = (...sources: string[]) => edit(valid, [slowDownSources, sources.map((s) => `        - ${s}\n`).join("")]);
const source = (i: number, field?: string) => `#/x-errata/errors/1/retryAfter/${i}${field ? `/${field}` : ""}`;
const resetSchema = '          schema:\n            type: string\n            pattern: "^([0-9]+(ms|s|m))+$"\n            examples: [1m30s]\n';
/** The X-Reset header of the 429 response with another schema (and header-level fields). */
const resetDeclaredAs = (schema: string) => edit(valid, [resetSchema, schema]);
const providerWide = "      - { in: header, name: X-Reset, format: duration }\n  errors:";

describe(rule, () => {
  it.each<[string, { given: string; want: Found[] }]>([
    ["sources that read what the responses document", { given: valid, want: [] }],
    ["a body source of an in-band provider", { given: edit(inBand, ["{ status: 401, retryable: false,", "{ status: 401, retryAfter: [{ in: body, path: message }], retryable: false,"]), want: [] }],
    ["streams without sources", { given: streaming, want: [] }],
    // body paths
    ["a misspelt body path", { given: slowDownReads("{ in: body, path: error.retry_afer, unit: s }"), want: [[rule, source(0, "path")]] }],
    ["a body path at the wrong depth", { given: slowDownReads("{ in: body, path: retry_after }"), want: [[rule, source(0, "path")]] }],
    ["a body path behind a $ref and an allOf", { given: edit(slowDownReads("{ in: body, path: error.wait }"), ["            retry_after:\n              type: integer\n", "            retry_after:\n              type: integer\n          allOf:\n            - $ref: \"#/components/schemas/Wait\"\n"], ["  responses:\n    TooManyRequests:", "    Wait:\n      type: object\n      properties:\n        wait: { type: integer }\n  responses:\n    TooManyRequests:"]), want: [] }],
    ["a body path of a stream entry is not looked up in the stream's text", { given: edit(streaming, ["{ status: 200, code: stream_cut, stream: true,", "{ status: 200, code: stream_cut, stream: true, retryAfter: [{ in: body, path: error.wait }],"]), want: [] }],
    // header names
    ["a misspelt header name", { given: slowDownReads("{ in: header, name: X-Rest, format: duration }"), want: [[rule, source(0, "name")]] }],
    ["a header name in another case", { given: slowDownReads("{ in: header, name: x-reset, format: duration }"), want: [] }],
    ["a header declared only on a response without the entry's examples", { given: edit(valid, ["{ status: 500, type: server_error, retryable: true,", "{ status: 500, type: server_error, retryAfter: [{ in: header, name: X-Reset, format: duration }], retryable: true,"]), want: [[rule, "#/x-errata/errors/3/retryAfter/0/name"]] }],
    ["Retry-After is left to catalog-entry-complete", { given: slowDownReads("{ in: header, name: Retry-After }"), want: [] }],
    ["the header of a stream entry, on the stream's 200", { given: edit(streaming, ['          description: A completion, or its stream.\n', '          description: A completion, or its stream.\n          headers:\n            X-Wait:\n              schema: { type: integer }\n'], ["{ status: 200, code: stream_cut, stream: true,", "{ status: 200, code: stream_cut, stream: true, retryAfter: [{ in: header, name: X-Wait, format: seconds }],"]), want: [] }],
    // header formats
    ["an HTTP-date read from an integer header", { given: resetDeclaredAs("          schema: { type: integer }\n"), want: [[rule, source(1, "format")], [rule, "#/x-errata/errorFormat/retryAfter/0/format"]] }],
    ["seconds read from a header whose pattern takes durations", { given: edit(valid, ["            examples: [1m30s]\n", ""], [slowDownSources, "        - { in: header, name: X-Reset, format: seconds }\n"]), want: [[rule, source(0, "format")]] }],
    ["ms read from a header whose examples are durations", { given: slowDownReads("{ in: header, name: X-Reset, format: ms }"), want: [[rule, source(0, "format")]] }],
    ["a duration read from a header whose header-level example is a date", { given: resetDeclaredAs("          example: Wed, 21 Oct 2015 07:28:00 GMT\n          schema: { type: string }\n"), want: [[rule, source(1, "format")], [rule, "#/x-errata/errorFormat/retryAfter/0/format"]] }],
    ["an HTTP-date header read as one", { given: edit(resetDeclaredAs("          schema: { type: string, examples: [\"Wed, 21 Oct 2015 07:28:00 GMT\"] }\n"), [slowDownSources, "        - { in: header, name: X-Reset, format: http-date }\n"], [providerWide, "      - { in: header, name: X-Reset, format: http-date }\n  errors:"]), want: [] }],
    ["milliseconds from a number header", { given: edit(resetDeclaredAs("          schema: { type: number, examples: [1500] }\n"), [slowDownSources, "        - { in: header, name: X-Reset, format: ms }\n"], [providerWide, "      - { in: header, name: X-Reset, format: ms }\n  errors:"]), want: [] }],
    ["no format reads seconds or a date, not a duration", { given: slowDownReads("{ in: header, name: X-Reset }"), want: [[rule, source(0)]] }],
    ["a duration header whose pattern takes only hours, with its own example", { given: resetDeclaredAs('          schema:\n            type: string\n            pattern: "^[0-9]+h$"\n            examples: [2h]\n'), want: [] }],
    ["a duration header whose pattern takes fractional seconds, with its own example", { given: resetDeclaredAs('          schema:\n            type: string\n            pattern: "^[0-9]+\\\\.[0-9]+s$"\n            examples: [1.500s]\n'), want: [] }],
    ["a header without a schema or examples fits every format", { given: resetDeclaredAs(""), want: [] }],
    // the provider-wide list
    ["a provider-wide header that no response of the entries using it declares", { given: edit(valid, [providerWide, "      - { in: header, name: X-Later, format: duration }\n  errors:"]), want: [[rule, "#/x-errata/errorFormat/retryAfter/0/name"]] }],
    ["a provider-wide body path that no schema has", { given: edit(valid, [providerWide, "      - { in: body, path: error.later }\n  errors:"]), want: [[rule, "#/x-errata/errorFormat/retryAfter/0/path"]] }],
  ])("%s", async (_name, { given, want }) => {
    expect(await found(given, ["catalog-delay-sources-exist"])).toEqual(want);
  });

  it.each<[string, { given: string; want: string }]>([
    [
      "a body path: the entry, the path, the schemas looked in and the fix",
      {
        given: slowDownReads("{ in: body, path: error.retry_afer, unit: s }"),
        want: 'Catalog entry errors[1] (429, type "rate_limit_error", code "slow_down").retryAfter[0] reads the body path error.retry_afer, but no body schema of the responses carrying its examples (#/components/schemas/Error) has that property: correct the path, or declare the property in the error schema.',
      },
    ],
    [
      "a header name: the name, the responses and what they declare",
      {
        given: slowDownReads("{ in: header, name: X-Rest, format: duration }"),
        want: 'Catalog entry errors[1] (429, type "rate_limit_error", code "slow_down").retryAfter[0] reads the header X-Rest, which none of the responses carrying its examples declares (#/components/responses/TooManyRequests; they declare X-Reset): correct the name, or declare the header on those responses.',
      },
    ],
    [
      "a format: the header, why it does not fit, and the formats that do",
      {
        given: slowDownReads("{ in: header, name: X-Reset, format: ms }"),
        want: 'Catalog entry errors[1] (429, type "rate_limit_error", code "slow_down").retryAfter[0] reads the header X-Reset as ms, but X-Reset (#/components/responses/TooManyRequests/headers/X-Reset) has the example "1m30s", which is not a number of milliseconds: use format: duration, or correct the header\'s schema.',
      },
    ],
  ])("message: %s", async (_name, { given, want }) => {
    const [problem] = await lintYaml(given, ["catalog-delay-sources-exist"]);
    expect(problem?.message).toBe(want);
  });
});
