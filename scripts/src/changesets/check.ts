import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { affectedPackages, type WorkspacePackage } from "./affected-packages.js";
import { packagesNamed } from "./front-matter.js";
import { changedFilesSince, mergeBase, repoRoot } from "./git.js";

export interface ChangesetCheck {
  /** Package name → the changed files that affect it. */
  affected: Map<string, string[]>;
  /** The changesets this branch adds or edits, with the packages each names. */
  changesets: { file: string; packages: string[] }[];
  /** Affected packages that no changeset names and this branch does not release. */
  missing: Map<string, string[]>;
}

/** packages/*, less the private ones, which changesets never releases. */
export function workspacePackages(root: string): WorkspacePackage[] {
  const dir = path.join(root, "packages");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const manifest = path.join(dir, entry.name, "package.json");
    if (!entry.isDirectory() || !existsSync(manifest)) return [];
    const { name, private: isPrivate } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; private?: boolean };
    if (!name || isPrivate) return [];
    return [{ dir: entry.name, name, fromSpec: existsSync(path.join(root, "specs", entry.name, "openapi.yaml")) }];
  });
}

const isChangeset = (file: string) => /^\.changeset\/[^/]+\.md$/.test(file) && file !== ".changeset/README.md";

/** Compares what the branch changes since it left `since` with the changesets it adds or edits. */
export function checkChangesets(cwd: string, since: string): ChangesetCheck {
  const root = repoRoot(cwd);
  const changed = changedFilesSince(root, mergeBase(root, since));
  const packages = workspacePackages(root);
  const affected = affectedPackages(changed, packages);
  // A deleted changeset was consumed by `changeset version`; only the ones still there announce something.
  const changesets = changed
    .filter((file) => isChangeset(file) && existsSync(path.join(root, file)))
    .map((file) => ({ file, packages: packagesNamed(readFileSync(path.join(root, file), "utf8"), file) }));
  const named = new Set(changesets.flatMap((c) => c.packages));
  // `changeset version` writes the CHANGELOG of every package it releases: such a branch is the release.
  const released = new Set(packages.filter((p) => changed.includes(`packages/${p.dir}/CHANGELOG.md`)).map((p) => p.name));
  const missing = new Map([...affected].filter(([name]) => !named.has(name) && !released.has(name)));
  return { affected, changesets, missing };
}
