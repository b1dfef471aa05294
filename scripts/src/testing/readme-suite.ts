import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { readCatalog } from "../catalog.js";
import { loadSpec } from "../spec.js";
import { countProblems, errorTables, statedCounts, tableProblems } from "./readme-catalog.js";

/**
 * Registers the tests that hold a package README (shipped in its tarball) to the spec's catalog:
 * its error tables and the counts it states. The rules are in readme-catalog.ts.
 */
export async function describeReadmeCatalog(provider: string, readme: URL): Promise<void> {
  const [markdown, spec] = await Promise.all([readFile(readme, "utf8"), loadSpec(provider)]);
  const catalog = readCatalog(spec);
  const tables = errorTables(markdown);
  const fix = `the README is hand-written: change it to what specs/${provider}/openapi.yaml says, in the same PR as the spec`;

  describe(`the README's errors, against specs/${provider}/openapi.yaml`, () => {
    // Without this, a renamed column or a rewritten sentence would leave nothing checked, silently.
    it("has an error table or a count to check", () => {
      expect(tables.length + statedCounts(markdown).length).toBeGreaterThan(0);
    });

    if (tables.length > 0) {
      it.each(tables.map((table) => [`the table under "${table.heading}" (line ${table.line})`, table] as const))("%s", (_name, table) => {
        expect(tableProblems(table, catalog), fix).toEqual([]);
      });
    }

    it("states the catalog's counts", () => {
      expect(countProblems(markdown, catalog), fix).toEqual([]);
    });
  });
}
