import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// A throwaway git repository on disk shaped like this one: main, an origin/main as CI fetches it,
// and a pull-request branch checked out. No network, no global git config needed.

const IDENTITY = { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.invalid", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.invalid" };

export type Files = Record<string, string | null>;

export interface TempRepo {
  dir: string;
  /** Writes files (null deletes one) without committing them. */
  write(files: Files): void;
  /** Writes files and commits everything. */
  commit(files: Files): void;
  remove(): void;
}

const manifest = (name: string, extra: object = {}) => JSON.stringify({ name, version: "0.1.0", ...extra });

/** What main holds: two spec packages, the runtime, a private package, the generator, a pending changeset. */
export const MAIN: Files = {
  "packages/gpt-gob/package.json": manifest("@errata/gpt-gob"),
  "packages/gpt-gob/src/index.ts": "export {};\n",
  "packages/a15t/package.json": manifest("@errata/a15t"),
  "packages/retry-policy/package.json": manifest("@errata/retry-policy"),
  "packages/retry-policy/src/index.ts": "export {};\n",
  "packages/internal/package.json": manifest("@errata/internal", { private: true }),
  "specs/gpt-gob/openapi.yaml": "openapi: 3.1.0\n",
  "specs/a15t/openapi.yaml": "openapi: 3.1.0\n",
  "scripts/src/generate/index.ts": "export {};\n",
  ".changeset/README.md": "# Changesets\n",
  ".changeset/config.json": "{}\n",
  // Pending on main: it must not excuse a later change to the same package.
  ".changeset/earlier-work.md": '---\n"@errata/gpt-gob": minor\n---\n\nEarlier work.\n',
};

export function tempRepo(): TempRepo {
  const dir = mkdtempSync(path.join(tmpdir(), "errata-changesets-"));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", ...args], { cwd: dir, env: { ...process.env, ...IDENTITY }, stdio: "pipe" });
  const write = (files: Files) => {
    for (const [file, text] of Object.entries(files)) {
      const full = path.join(dir, file);
      if (text === null) rmSync(full);
      else {
        mkdirSync(path.dirname(full), { recursive: true });
        writeFileSync(full, text);
      }
    }
  };
  const commit = (files: Files) => {
    write(files);
    git("add", "-A");
    git("commit", "-q", "--allow-empty", "-m", "change");
  };
  git("init", "-q", "-b", "main");
  commit(MAIN);
  git("update-ref", "refs/remotes/origin/main", "HEAD");
  git("checkout", "-q", "-b", "pull-request");
  return { dir, write, commit, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
