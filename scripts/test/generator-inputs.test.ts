import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GENERATOR_FILES } from "../src/changesets/affected-packages.js";
import { repoRoot } from "../src/spec.js";

/**
 * The repository files a module imports, itself included, following relative imports only. An import
 * of a file that does not exist is skipped: it sits in a template of the code the generator writes.
 */
async function importClosure(entry: string): Promise<string[]> {
  const seen = new Set<string>();
  const visit = async (file: string) => {
    if (seen.has(file)) return;
    const text = await readFile(path.join(repoRoot, file), "utf8").catch(() => undefined);
    if (text === undefined) return;
    seen.add(file);
    for (const [, spec] of text.matchAll(/from "(\.{1,2}\/[^"]+)"/g)) {
      await visit(path.posix.join(path.posix.dirname(file), spec!.replace(/\.js$/, ".ts")));
    }
  };
  await visit(entry);
  return [...seen].sort();
}

/** turbo's `$TURBO_ROOT$/...` globs as a test: `**` any depth, a plain path itself. */
const coveredBy = (globs: string[]) => (file: string) =>
  globs.some((glob) => {
    const pattern = glob.replace("$TURBO_ROOT$/", "");
    return pattern.endsWith("/**") ? file.startsWith(pattern.slice(0, -2)) : file === pattern;
  });

const closure = await importClosure("scripts/src/cli/generate.ts");
const providers = (await readdir(path.join(repoRoot, "specs"), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);

describe("every file the generator runs is an input of what it generates", () => {
  it("finds the generator's modules (the walk itself works)", () => {
    expect(closure).toEqual(expect.arrayContaining(["scripts/src/catalog.ts", "scripts/src/generate/index.ts", "scripts/src/spec.ts"]));
  });

  it.each(providers)("packages/%s/turbo.json lists each as an input of generate, so that a change to it is not served from cache", async (provider) => {
    const turbo = JSON.parse(await readFile(path.join(repoRoot, "packages", provider, "turbo.json"), "utf8"));
    expect(closure.filter((file) => !coveredBy(turbo.tasks.generate.inputs)(file))).toEqual([]);
  });

  it("the changeset check counts each as a change to every generated package", () => {
    expect(closure.filter((file) => !GENERATOR_FILES.some((re) => re.test(file)))).toEqual([]);
  });
});

const docs = await importClosure("scripts/src/cli/docs.ts");

describe("every file the docs builder runs is an input of the docs task", () => {
  it("finds the docs builder's modules", () => {
    expect(docs).toEqual(expect.arrayContaining(["scripts/src/docs/build.ts", "scripts/src/catalog.ts"]));
  });

  it.each(providers)("packages/%s/turbo.json lists each as an input of docs, so that a change to it is not served from cache", async (provider) => {
    const turbo = JSON.parse(await readFile(path.join(repoRoot, "packages", provider, "turbo.json"), "utf8"));
    expect(docs.filter((file) => !coveredBy(turbo.tasks.docs.inputs)(file))).toEqual([]);
  });
});
