import { parseArgs } from "node:util";
import { checkChangesets } from "../changesets/check.js";
import { report } from "../changesets/report.js";

// Usage (from anywhere in the repository): errata-check-changesets [--since=origin/main]
// Fails when the branch changes a published package (its spec included) without a changeset naming it.
try {
  const { values } = parseArgs({ options: { since: { type: "string", default: "origin/main" } } });
  const { ok, text } = report(checkChangesets(process.cwd(), values.since), values.since);
  (ok ? console.log : console.error)(text);
  process.exitCode = ok ? 0 : 1;
} catch (error) {
  console.error(`errata-check-changesets: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
