import { describe, expect, it } from "vitest";
import { edit, inBand, valid } from "./fixtures.js";
import { found, lintYaml, type Found } from "./lint.js";

const rule = "errata/catalog-present";
const withoutErrata = valid.slice(0, valid.indexOf("x-errata:"));

describe(rule, () => {
  it.each<[string, { given: string; want: Found[] }]>([
    ["a catalog with errorFormat and errors passes", { given: valid, want: [] }],
    ["an in-band catalog passes", { given: inBand, want: [] }],
    ["no x-errata at all", { given: withoutErrata, want: [[rule, "#/"]] }],
    ["x-errata is a list", { given: `${withoutErrata}x-errata: [a, b]\n`, want: [[rule, "#/x-errata"]] }],
    ["no errorFormat", { given: edit(valid, [/  errorFormat:\n(    .*\n|      .*\n)*/, ""]), want: [[rule, "#/x-errata (key)"]] }],
    ["errorFormat is a string", { given: edit(valid, [/  errorFormat:\n(    .*\n|      .*\n)*/, "  errorFormat: error.type\n"]), want: [[rule, "#/x-errata/errorFormat"]] }],
    ["no errors list", { given: edit(valid, [/  errors:\n[\s\S]*$/, ""]), want: [[rule, "#/x-errata (key)"]] }],
    ["an empty errors list", { given: edit(valid, [/  errors:\n[\s\S]*$/, "  errors: []\n"]), want: [[rule, "#/x-errata/errors"]] }],
    ["errors is a mapping", { given: edit(valid, [/  errors:\n[\s\S]*$/, "  errors: { rate_limit_error: 429 }\n"]), want: [[rule, "#/x-errata/errors"]] }],
    ["an unknown field next to errors", { given: edit(valid, ["x-errata:\n", "x-errata:\n  version: 2\n"]), want: [[rule, "#/x-errata/version (key)"]] }],
    ["an unknown errorFormat field", { given: edit(valid, ["    message: [error.message]\n", "    message: [error.message]\n    retryable: [error.retryable]\n"]), want: [[rule, "#/x-errata/errorFormat/retryable (key)"]] }],
    ["errorFormat.code is a string, not a list", { given: edit(valid, ["    code: [error.code]", "    code: error.code"]), want: [[rule, "#/x-errata/errorFormat/code"]] }],
    ["an empty path in errorFormat.type", { given: edit(valid, ["    type: [error.type]", '    type: [error.type, ""]']), want: [[rule, "#/x-errata/errorFormat/type/1"]] }],
    ["inBand without errorValues", { given: edit(inBand, ["      errorValues: [error, failed]\n", ""]), want: [[rule, "#/x-errata/errorFormat/inBand/errorValues"]] }],
    ["inBand with no values", { given: edit(inBand, ["errorValues: [error, failed]", "errorValues: []"]), want: [[rule, "#/x-errata/errorFormat/inBand/errorValues"]] }],
    ["inBand without a path", { given: edit(inBand, ["      path: status\n", ""]), want: [[rule, "#/x-errata/errorFormat/inBand/path"]] }],
  ])("%s", async (_name, { given, want }) => {
    expect(await found(given, ["catalog-present"])).toEqual(want);
  });

  it("says what is missing and where the convention is documented", async () => {
    const [problem] = await lintYaml(withoutErrata, ["catalog-present"]);
    expect(problem?.message).toMatch(/no x-errata error catalog.*specs\/README\.md/);
  });
});
