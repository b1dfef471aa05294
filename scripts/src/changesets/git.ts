import { execFileSync } from "node:child_process";

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

const paths = (output: string) => output.split("\0").filter((p) => p !== "");

export function repoRoot(cwd: string): string {
  return git(cwd, ["rev-parse", "--show-toplevel"]).trim();
}

/** Where the branch left `since`; fails with what to do when `since` is not there (a shallow clone). */
export function mergeBase(root: string, since: string): string {
  try {
    return git(root, ["merge-base", since, "HEAD"]).trim();
  } catch (cause) {
    throw new Error(`cannot find where this branch left ${since}: fetch it (in CI, actions/checkout with fetch-depth: 0) or pass --since=<ref>`, { cause });
  }
}

/**
 * Files changed since `base`: committed, staged or not, and untracked ones (a changeset just written
 * counts before `git add`), like `changeset status --since`. Renames list both paths.
 */
export function changedFilesSince(root: string, base: string): string[] {
  const tracked = paths(git(root, ["diff", "--name-only", "--no-renames", "-z", base]));
  const untracked = paths(git(root, ["ls-files", "--others", "--exclude-standard", "-z"]));
  return [...new Set([...tracked, ...untracked])].sort();
}
