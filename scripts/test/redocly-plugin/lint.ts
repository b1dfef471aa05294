// Lints inline YAML with the errata plugin through @redocly/openapi-core, as `redocly lint` does.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createConfig, lintFromString, type Config } from "@redocly/openapi-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const scriptsDir = path.resolve(here, "../..");
export const repoRoot = path.resolve(scriptsDir, "..");
export const pluginPath = path.join(scriptsDir, "redocly-plugin/index.js");

export const RULES = [
  "catalog-present",
  "catalog-entry-complete",
  "catalog-covers-enums",
  "error-response-examples",
  "catalog-has-examples",
  "stream-extension-valid",
  "catalog-matches-examples",
  "catalog-status-has-response",
  "catalog-delay-sources-exist",
] as const;
export type RuleId = (typeof RULES)[number];

/** A problem as the tests compare it: the rule, and the JSON pointer it points at (with "key" when on the key). */
export type Found = [ruleId: string, pointer: string];

const configs = new Map<string, Promise<Config>>();

/** A config with only the given errata rules on (no built-in rules), so each test sees its own rule. */
function configFor(rules: readonly RuleId[]): Promise<Config> {
  const id = rules.join(",");
  let config = configs.get(id);
  if (!config) {
    config = createConfig(
      { plugins: [pluginPath], rules: Object.fromEntries(rules.map((r) => [`errata/${r}`, "error"])) },
      // plugins are resolved relative to the config's folder; the file itself need not exist
      { configPath: path.join(scriptsDir, "redocly.test.yaml") },
    );
    configs.set(id, config);
  }
  return config;
}

export async function lintYaml(source: string, rules: readonly RuleId[] = RULES) {
  const config = await configFor(rules);
  return lintFromString({ source, absoluteRef: path.join(repoRoot, "virtual/openapi.yaml"), config });
}

/** `[ruleId, pointer]` of each problem, in report order. */
export async function found(source: string, rules: readonly RuleId[] = RULES): Promise<Found[]> {
  const problems = await lintYaml(source, rules);
  return problems.map((p) => {
    const at = p.location[0];
    const pointer = at && "pointer" in at && at.pointer !== undefined ? at.pointer : "?";
    return [p.ruleId, at?.reportOnKey ? `${pointer} (key)` : pointer];
  });
}
