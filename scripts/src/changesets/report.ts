import type { ChangesetCheck } from "./check.js";

/** At most this many files are listed per package; a generator change touches every spec package. */
const FILES_SHOWN = 3;

function files(list: readonly string[]): string {
  const shown = list.slice(0, FILES_SHOWN).join(", ");
  return list.length > FILES_SHOWN ? `${shown} and ${list.length - FILES_SHOWN} more` : shown;
}

/** The verdict, and what to print: on failure, the packages to name and how. */
export function report(check: ChangesetCheck, since: string): { ok: boolean; text: string } {
  if (check.affected.size === 0) return { ok: true, text: `No published package changes since ${since}.` };
  const names = [...check.affected.keys()].join(", ");
  if (check.missing.size === 0) return { ok: true, text: `Changesets name every package this branch changes: ${names}.` };
  const empty = check.changesets.find((c) => c.packages.length === 0);
  if (empty) {
    // `pnpm changeset --empty` is changesets' own way to say "nothing a user gets changes": explicit, and reviewed.
    return { ok: true, text: `${empty.file} is an empty changeset: this branch releases nothing, though it changes ${[...check.missing.keys()].join(", ")}.` };
  }
  const width = Math.max(...[...check.missing.keys()].map((name) => name.length));
  const lines = [...check.missing].map(([name, changed]) => `  ${name.padEnd(width)}  ${files(changed)}`);
  return {
    ok: false,
    text: [
      `This branch changes ${check.missing.size === 1 ? "a package" : `${check.missing.size} packages`} that no changeset it adds names:`,
      ...lines,
      "",
      "Run `pnpm changeset`, select the package(s) above, pick the bump and describe the change for users, and",
      "commit the .changeset/*.md file. If nothing a user gets changes, commit `pnpm changeset --empty` instead.",
      "How files map to packages: .changeset/README.md.",
    ].join("\n"),
  };
}
