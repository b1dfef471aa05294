import { describe, expect, it } from "vitest";
import { edit, inBand, streaming, valid } from "./fixtures.js";
import { found, lintYaml, type Found } from "./lint.js";

const rule = "errata/catalog-covers-enums";
const quota = "    - { status: 429, type: quota_error, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit. }\n";
const codeEnum = "enum: [slow_down, out_of_credit, null]";

/** An a15t-like 409 whose schema leaves type and code open. */
const openConflict = edit(
  valid,
  ['        "500":\n          $ref: "#/components/responses/ServerError"\n', '        "500":\n          $ref: "#/components/responses/ServerError"\n        "409":\n          description: Conflict.\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  error:\n                    type: object\n                    properties:\n                      type: { type: string }\n                      code: { type: string }\n              example: { error: { type: conflict, code: already_exists } }\n'],
);

describe(rule, () => {
  it.each<[string, { given: string; want: Found[] }]>([
    ["catalog and enums agree", { given: valid, want: [] }],
    ["an in-band catalog whose errorValues match the enum", { given: inBand, want: [] }],
    ["a streaming provider", { given: streaming, want: [] }],
    ["a code and a type in the enums without an entry", { given: edit(valid, [quota, ""]), want: [[rule, "#/components/schemas/Error/properties/error/properties/code/enum/1"], [rule, "#/components/schemas/ErrorType/enum/1"]] }],
    ["a code in the enum without an entry", { given: edit(valid, [quota, quota.replace("code: out_of_credit, ", "")]), want: [[rule, "#/components/schemas/Error/properties/error/properties/code/enum/1"]] }],
    ["a type in the enum (behind a $ref) without an entry", { given: edit(valid, [quota, quota.replace("type: quota_error, ", "")]), want: [[rule, "#/components/schemas/ErrorType/enum/1"]] }],
    ["an entry whose code no schema lists", { given: edit(valid, [codeEnum, "enum: [slow_down, null]"]), want: [[rule, "#/x-errata/errors/2/code"]] }],
    ["an entry whose type no schema lists", { given: edit(valid, ["enum: [rate_limit_error, quota_error, server_error]", "enum: [rate_limit_error, server_error]"]), want: [[rule, "#/x-errata/errors/2/type"]] }],
    ["null in an enum needs no entry", { given: edit(valid, [codeEnum, "enum: [null, slow_down, out_of_credit]"]), want: [] }],
    ["an open type (no enum) is not checked", { given: edit(valid, ["      enum: [rate_limit_error, quota_error, server_error]\n", ""], ["type: rate_limit_error\n      retryable: true\n      category: rate_limited\n      description: Too many requests.", "type: anything_goes\n      retryable: true\n      category: rate_limited\n      description: Too many requests."]), want: [] }],
    ["an open code in one schema does not hide the enum of another", { given: edit(openConflict, [quota, quota.replace("code: out_of_credit, ", "")]), want: [[rule, "#/components/schemas/Error/properties/error/properties/code/enum/1"]] }],
    ["codes listed in a oneOf branch of an error schema count", { given: edit(valid, ["        error:\n          type: object\n          properties:", "        error:\n          oneOf:\n            - type: object\n              properties:\n                code: { type: string, enum: [teapot] }\n            - type: object\n          properties:"]), want: [[rule, "#/components/schemas/Error/properties/error/oneOf/0/properties/code/enum/0"]] }],
    ["a schema used only by a success response is not an error schema", { given: edit(valid, ["              schema:\n                type: object\n              example: { answer: 42 }", "              schema:\n                type: object\n                properties:\n                  error:\n                    type: object\n                    properties:\n                      code: { type: string, enum: [not_an_error] }\n              example: { answer: 42 }"]), want: [] }],
    ["an error value missing from inBand.errorValues", { given: edit(inBand, ["errorValues: [error, failed]", "errorValues: [error]"], ["    - { status: 200, marker: failed, retryable: true, category: server_error, description: The job failed. }\n", ""]), want: [[rule, "#/components/schemas/Error/properties/status/enum/1"]] }],
    ["an inBand.errorValues value that no 2xx schema lists", { given: edit(inBand, ["errorValues: [error, failed]", "errorValues: [error, failed, cancelled]"]), want: [[rule, "#/x-errata/errorFormat/inBand/errorValues/2"]] }],
    ["a marker that is not an error value", { given: edit(inBand, ["marker: failed", "marker: crashed"]), want: [[rule, "#/x-errata/errors/2/marker"]] }],
    ["a marker without inBand", { given: edit(valid, ["{ status: 500, retryable: true,", "{ status: 500, marker: oops, retryable: true,"]), want: [[rule, "#/x-errata/errors/4/marker"]] }],
  ])("%s", async (_name, { given, want }) => {
    expect(await found(given, ["catalog-covers-enums"])).toEqual(want);
  });

  it.each<[string, { given: string; want: RegExp }]>([
    ["a code without an entry says which and where", { given: edit(valid, [quota, ""]), want: /Error code "out_of_credit" is listed in the enum of error\.code but has no x-errata catalog entry/ }],
    ["an entry nobody lists says which entry", { given: edit(valid, [codeEnum, "enum: [slow_down, null]"]), want: /Catalog entry errors\[2\] \(429, type "quota_error", code "out_of_credit"\) names code "out_of_credit", which no error schema lists/ }],
  ])("message: %s", async (_name, { given, want }) => {
    const [problem] = await lintYaml(given, ["catalog-covers-enums"]);
    expect(problem?.message).toMatch(want);
  });
});
