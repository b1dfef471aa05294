import { parse } from "yaml";

// A changeset is markdown whose YAML front matter maps package names to bump types:
//   ---
//   "@errata/gpt-gob": patch
//   ---
// An empty front matter (`pnpm changeset --empty`) releases nothing, on purpose.

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)^---[ \t]*$/m;
const BUMPS = new Set(["major", "minor", "patch", "none"]);

/** The package names a changeset's front matter releases; [] for an empty changeset. */
export function packagesNamed(text: string, file: string): string[] {
  const match = FRONT_MATTER.exec(text);
  if (!match || match.index !== 0) throw new Error(`${file}: not a changeset (it must start with a --- front matter block)`);
  const data: unknown = parse(match[1]!);
  if (data === null || data === undefined) return [];
  if (typeof data !== "object" || Array.isArray(data)) throw new Error(`${file}: the front matter must map package names to bump types`);
  for (const [name, bump] of Object.entries(data)) {
    if (!BUMPS.has(bump as string)) throw new Error(`${file}: "${name}" has bump ${JSON.stringify(bump)}; use major, minor, patch or none`);
  }
  return Object.keys(data);
}
