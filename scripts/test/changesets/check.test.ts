import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { checkChangesets } from "../../src/changesets/check.js";
import { report } from "../../src/changesets/report.js";
import { tempRepo, type Files, type TempRepo } from "./temp-repo.js";

const changeset = (...names: string[]) => `---\n${names.map((n) => `"${n}": patch\n`).join("")}---\n\nWhat changed.\n`;
const flipRetryable = { "specs/gpt-gob/openapi.yaml": "openapi: 3.1.0\n# retryable: false\n" };

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

describe("checkChangesets on a pull-request branch", () => {
  it.each<[string, { commit: Files; uncommitted?: Files; ok: boolean; missing: string[] }]>([
    ["a spec-only change without a changeset fails, naming the package", { commit: flipRetryable, ok: false, missing: ["@errata/gpt-gob"] }],
    ["a spec change with a changeset naming its package passes", { commit: { ...flipRetryable, ".changeset/flip.md": changeset("@errata/gpt-gob") }, ok: true, missing: [] }],
    ["a changeset naming another package does not cover it", { commit: { ...flipRetryable, ".changeset/flip.md": changeset("@errata/a15t") }, ok: false, missing: ["@errata/gpt-gob"] }],
    ["editing a pending changeset to name the package covers it", { commit: { ...flipRetryable, ".changeset/earlier-work.md": changeset("@errata/gpt-gob", "@errata/a15t") }, ok: true, missing: [] }],
    ["a generator change needs every spec package named", { commit: { "scripts/src/generate/index.ts": "export const x = 1;\n", ".changeset/gen.md": changeset("@errata/a15t") }, ok: false, missing: ["@errata/gpt-gob"] }],
    ["a runtime change needs only the runtime named", { commit: { "packages/retry-policy/src/index.ts": "export const x = 1;\n", ".changeset/rt.md": changeset("@errata/retry-policy") }, ok: true, missing: [] }],
    ["a test-only change needs no changeset", { commit: { "packages/gpt-gob/test/contract.test.ts": "// more\n" }, ok: true, missing: [] }],
    ["a private package is never released", { commit: { "packages/internal/src/index.ts": "export {};\n" }, ok: true, missing: [] }],
    ["a changeset written but not yet committed counts", { commit: flipRetryable, uncommitted: { ".changeset/new.md": changeset("@errata/gpt-gob") }, ok: true, missing: [] }],
    ["an uncommitted spec change counts too", { commit: {}, uncommitted: flipRetryable, ok: false, missing: ["@errata/gpt-gob"] }],
    ["an empty changeset passes on purpose, still listing what it leaves out", { commit: { ...flipRetryable, ".changeset/docs-only.md": "---\n---\n\nWording.\n" }, ok: true, missing: ["@errata/gpt-gob"] }],
    [
      "a release branch (changesets consumed, CHANGELOGs written) passes",
      { commit: { ".changeset/earlier-work.md": null, "packages/gpt-gob/package.json": '{"name":"@errata/gpt-gob","version":"0.2.0"}', "packages/gpt-gob/CHANGELOG.md": "## 0.2.0\n" }, ok: true, missing: [] },
    ],
  ])("%s", (_name, { commit, uncommitted, ok, missing }) => {
    repo = tempRepo();
    repo.commit(commit);
    if (uncommitted) repo.write(uncommitted);
    const check = checkChangesets(repo.dir, "origin/main");
    expect([...check.missing.keys()].sort()).toEqual(missing);
    expect(report(check, "origin/main").ok).toBe(ok);
  });

  it("runs from a subdirectory of the repository", () => {
    repo = tempRepo();
    repo.commit(flipRetryable);
    expect([...checkChangesets(`${repo.dir}/packages/a15t`, "origin/main").missing.keys()]).toEqual(["@errata/gpt-gob"]);
  });

  it("names the changeset file that is not a changeset", () => {
    repo = tempRepo();
    repo.commit({ ...flipRetryable, ".changeset/oops.md": "Forgot the front matter.\n" });
    expect(() => checkChangesets(repo!.dir, "origin/main")).toThrow(/\.changeset\/oops\.md: not a changeset/);
  });
});

describe("errata-check-changesets, the command CI runs", () => {
  const bin = fileURLToPath(new URL("../../bin/errata-check-changesets.js", import.meta.url));
  const run = async (cwd: string, ...args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, output: stdout + stderr };
    }
  };

  it("exits 1 and names the package and the file when a spec changes without a changeset", async () => {
    repo = tempRepo();
    repo.commit(flipRetryable);
    const { code, output } = await run(repo.dir);
    expect(code).toBe(1);
    expect(output).toMatch(/no changeset it adds names:\n {2}@errata\/gpt-gob {2}specs\/gpt-gob\/openapi\.yaml\n/);
    expect(output).toContain("pnpm changeset");
  });

  it("exits 0 once a changeset names it", async () => {
    repo = tempRepo();
    repo.commit({ ...flipRetryable, ".changeset/flip.md": changeset("@errata/gpt-gob") });
    expect(await run(repo.dir, "--since=origin/main")).toEqual({ code: 0, output: "Changesets name every package this branch changes: @errata/gpt-gob.\n" });
  });

  it("exits 2 and says what to fetch when the base is missing (a shallow clone)", async () => {
    repo = tempRepo();
    const { code, output } = await run(repo.dir, "--since=upstream/main");
    expect(code).toBe(2);
    expect(output).toContain("cannot find where this branch left upstream/main: fetch it (in CI, actions/checkout with fetch-depth: 0)");
  });
});
