import { describe, expect, it } from "vitest";
import { edit, inBand, streaming, valid } from "./fixtures.js";
import { found, lintYaml, type Found } from "./lint.js";

const rule = "errata/catalog-status-has-response";
const quota = "{ status: 429, type: quota_error, code: out_of_credit,";
const quotaAt = (status: string) => edit(valid, [quota, `{ ${status}type: quota_error, code: out_of_credit,`]);
/** /keys with one more response under `key`. */
const keysAlso = (source: string, key: string) => edit(source, ['        "200":\n          description: A key.\n', `        "200":\n          description: A key.\n        "${key}":\n          description: Anything else.\n`]);

describe(rule, () => {
  it.each<[string, { given: string; want: Found[] }]>([
    ["every status has a response", { given: valid, want: [] }],
    ["in-band entries at the 200", { given: inBand, want: [] }],
    ["stream entries at the 200", { given: streaming, want: [] }],
    ["a status no operation returns", { given: quotaAt("status: 420, "), want: [[rule, "#/x-errata/errors/2/status"]] }],
    ["a range response covers its hundred", { given: keysAlso(quotaAt("status: 420, "), "4XX"), want: [] }],
    ["a range response covers only its hundred", { given: keysAlso(quotaAt("status: 520, "), "4XX"), want: [[rule, "#/x-errata/errors/2/status"]] }],
    ["default covers every status", { given: keysAlso(quotaAt("status: 420, "), "default"), want: [] }],
    ["an entry without a status is not checked", { given: quotaAt(""), want: [] }],
  ])("%s", async (_name, { given, want }) => {
    expect(await found(given, ["catalog-status-has-response"])).toEqual(want);
  });

  it("names the entry, its status, the statuses there are and the fix", async () => {
    const [problem] = await lintYaml(quotaAt("status: 420, "), ["catalog-status-has-response"]);
    expect(problem?.message).toBe(
      'Catalog entry errors[2] (420, type "quota_error", code "out_of_credit") has status 420, but no operation in paths has a 420 response (the responses are 200, 429, 500): correct the status, or add a 420 response with an example of this error to the operations that return it.',
    );
  });
});
