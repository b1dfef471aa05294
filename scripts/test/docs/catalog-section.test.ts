import { describe, expect, it } from "vitest";
import type { Catalog } from "../../src/catalog.js";
import { readCatalog } from "../../src/catalog.js";
import { CATALOG_TAG, externalRefs, withCatalogSection } from "../../src/docs/catalog-section.js";
import { loadSpec } from "../../src/spec.js";

const catalog: Catalog = {
  errorFormat: { code: ["error.code"] },
  errors: [{ status: 429, code: "slow_down", retryable: true, category: "rate_limited", description: "Slow down." }],
};

describe("withCatalogSection", () => {
  it.each<[string, { given: Record<string, any>; want: { tags: string[]; groups?: string[][] } }]>([
    ["appends the catalog after the spec's tags", { given: { tags: [{ name: "Chat" }, { name: "Keys" }] }, want: { tags: ["Chat", "Keys", CATALOG_TAG] } }],
    ["adds a tags list when the spec has none", { given: {}, want: { tags: [CATALOG_TAG] } }],
    ["replaces an existing catalog tag instead of doubling it", { given: { tags: [{ name: CATALOG_TAG }, { name: "Chat" }] }, want: { tags: ["Chat", CATALOG_TAG] } }],
    [
      "gives the catalog its own group when the spec uses x-tagGroups",
      { given: { tags: [{ name: "Chat" }], "x-tagGroups": [{ name: "API", tags: ["Chat"] }] }, want: { tags: ["Chat", CATALOG_TAG], groups: [["Chat"], [CATALOG_TAG]] } },
    ],
  ])("%s", (_name, { given, want }) => {
    const out = withCatalogSection(given, catalog);
    expect(out.tags.map((t: { name: string }) => t.name)).toEqual(want.tags);
    if (want.groups) expect(out["x-tagGroups"].map((g: { tags: string[] }) => g.tags)).toEqual(want.groups);
  });

  it("makes the section a trait tag whose description holds the table", () => {
    const tag = withCatalogSection({}, catalog).tags.at(-1);
    expect(tag["x-traitTag"]).toBe(true);
    expect(tag.description).toContain("| 429 | — | slow_down | **yes** | rate_limited | backoff | Slow down. |");
  });

  it("does not modify the spec it is given", () => {
    const spec = { tags: [{ name: "Chat" }] };
    withCatalogSection(spec, catalog);
    expect(spec).toEqual({ tags: [{ name: "Chat" }] });
  });

  it("renders every entry of a real spec", async () => {
    const spec = await loadSpec("gpt-gob");
    const real = readCatalog(spec);
    const description: string = withCatalogSection(spec, real).tags.at(-1).description;
    const rows = description.split("\n").filter((line) => /^\| \d{3}/.test(line));
    expect(rows).toHaveLength(real.errors.length);
  });
});

describe("externalRefs", () => {
  it.each<[string, { given: unknown; want: string[] }]>([
    ["internal refs are fine", { given: { a: { $ref: "#/components/schemas/Error" }, b: [{ $ref: "#/x" }] }, want: [] }],
    ["file refs are reported", { given: { a: { $ref: "./schemas.yaml#/Error" }, b: [{ c: { $ref: "https://example.com/x.yaml" } }] }, want: ["./schemas.yaml#/Error", "https://example.com/x.yaml"] }],
  ])("%s", (_name, { given, want }) => {
    expect(externalRefs(given)).toEqual(want);
  });
});
