import { readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lint, loadConfig } from "@redocly/openapi-core";
import { inBand, streaming, valid } from "./fixtures.js";
import { found, repoRoot, RULES } from "./lint.js";

const specs = readdirSync(path.join(repoRoot, "specs"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(repoRoot, "specs", d.name, "openapi.yaml")))
  .map((d) => d.name);

describe("the repository's redocly.yaml", () => {
  it("enables every errata rule", async () => {
    const config = await loadConfig({ configPath: path.join(repoRoot, "redocly.yaml") });
    const enabled = config.rules.oas3_1 ?? {};
    for (const rule of RULES) expect(enabled[`errata/${rule}`], rule).toBe("error");
  });
});

describe("every spec in specs/ lints without errors", () => {
  it("finds the five providers", () => {
    expect(specs).toEqual(expect.arrayContaining(["a15t", "gguf-cloud", "gpt-gob", "llm-gateway", "modelslab"]));
  });

  it.each(specs)("%s", async (provider) => {
    const config = await loadConfig({ configPath: path.join(repoRoot, "redocly.yaml") });
    const problems = await lint({ ref: path.join(repoRoot, "specs", provider, "openapi.yaml"), config });
    const errors = problems.filter((p) => p.severity === "error").map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(errors).toEqual([]);
  });
});

describe("the test fixtures pass every rule together", () => {
  it.each([
    ["type and code", valid],
    ["in-band", inBand],
    ["streaming", streaming],
  ])("%s", async (_name, source) => {
    expect(await found(source)).toEqual([]);
  });
});
