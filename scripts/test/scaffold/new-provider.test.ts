import { cp, mkdtemp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scaffoldProvider } from "../../src/scaffold/new-provider.js";
import { repoRoot } from "../../src/spec.js";

/** A scratch repository: LICENSE, the installed-packages manifest, and LLM Gateway's spec as specs/acme. */
let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "errata-new-provider-"));
  await cp(path.join(repoRoot, "LICENSE"), path.join(root, "LICENSE"));
  await mkdir(path.join(root, "tests", "installed"), { recursive: true });
  await cp(path.join(repoRoot, "tests", "installed", "package.json"), path.join(root, "tests", "installed", "package.json"));
  await mkdir(path.join(root, "specs", "acme"), { recursive: true });
  const spec = await readFile(path.join(repoRoot, "specs", "llm-gateway", "openapi.yaml"), "utf8");
  await writeFile(path.join(root, "specs", "acme", "openapi.yaml"), spec.replace(/^  title: .*$/m, "  title: Acme Cloud API"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const text = (file: string) => readFile(path.join(root, file), "utf8");

describe("scaffoldProvider: packages/<id> for a spec that exists", () => {
  it("writes the package, and adds it to the installed-packages test", async () => {
    const written = await scaffoldProvider("acme", root);
    expect(written.sort()).toEqual(
      [
        "packages/acme/LICENSE",
        "packages/acme/README.md",
        "packages/acme/package.json",
        "packages/acme/src/index.ts",
        "packages/acme/test/contract.test.ts",
        "packages/acme/tsconfig.json",
        "packages/acme/tsup.config.ts",
        "packages/acme/turbo.json",
        "packages/acme/vitest.config.ts",
        "tests/installed/package.json",
      ].sort(),
    );
    const manifest = JSON.parse(await text("packages/acme/package.json"));
    expect(manifest).toMatchObject({ name: "@errata/acme", description: "Typed Acme Cloud client whose errors and retries follow Acme Cloud's documented error catalog." });
    expect(manifest.scripts).toMatchObject({ generate: "errata-generate acme", docs: "errata-docs acme" });
    expect(JSON.parse(await text("packages/acme/turbo.json")).tasks.docs.outputs).toEqual(["$TURBO_ROOT$/docs/acme.html"]);
    const contract = await text("packages/acme/test/contract.test.ts");
    expect(contract).toContain('describeSpecContract("acme", { parseError, errorCatalog, ProviderError })');
    // LLM Gateway's catalog has 7 entries: the count is pinned as the spec has it now.
    expect(contract).toContain('expectPinnedCount("acme", "catalog entries", names, 7)');
    expect(await text("packages/acme/LICENSE")).toBe(await readFile(path.join(repoRoot, "LICENSE"), "utf8"));
    const installed = JSON.parse(await text("tests/installed/package.json"));
    const deps = Object.keys(installed.devDependencies);
    expect(installed.devDependencies["@errata/acme"]).toBe("workspace:*");
    expect(deps).toEqual([...deps].sort((a, b) => a.localeCompare(b)));
  });

  it("escapes a name with quotes in package.json", async () => {
    const spec = await text("specs/acme/openapi.yaml");
    await writeFile(path.join(root, "specs", "acme", "openapi.yaml"), spec.replace(/^  title: .*$/m, '  title: Acme "Turbo" API'));
    await scaffoldProvider("acme", root);
    expect(JSON.parse(await text("packages/acme/package.json")).description).toBe('Typed Acme "Turbo" client whose errors and retries follow Acme "Turbo"\'s documented error catalog.');
  });

  it("drafts a README with the catalog's errors from the spec", async () => {
    await scaffoldProvider("acme", root);
    const readme = await text("packages/acme/README.md");
    expect(readme).toContain("npm install @errata/acme");
    expect(readme).toContain("createClient({ apiKey: process.env.ACME_API_KEY })");
    // LLM Gateway's first operation, with its request example (tests/installed runs these drafts).
    expect(readme).toContain('const { data, error } = await client.POST("/api/v1/chat", {');
    // LLM Gateway's catalog: a 429 that is retryable, a 401 that is not.
    expect(readme).toMatch(/^\| 429 \| .* \| rate_limited \| yes \|$/m);
    expect(readme).toMatch(/^\| 401 \| .* \| authentication \| no \|$/m);
  });

  it.each<[string, { given: (root: string) => Promise<unknown>; want: RegExp }]>([
    ["a package that exists", { given: (r) => mkdir(path.join(r, "packages", "acme"), { recursive: true }), want: /packages\/acme exists already; nothing written/ }],
    ["a spec whose catalog the generator would refuse", { given: (r) => writeFile(path.join(r, "specs", "acme", "openapi.yaml"), "openapi: 3.1.0\ninfo: { title: Acme API, version: '1' }\npaths: {}\n"), want: /x-errata/ }],
  ])("refuses %s and writes nothing", async (_name, { given, want }) => {
    await given(root);
    const before = await text("tests/installed/package.json");
    await expect(scaffoldProvider("acme", root)).rejects.toThrow(want);
    expect(await text("tests/installed/package.json")).toBe(before);
    expect(await readdir(path.join(root, "packages", "acme")).catch(() => [])).toEqual([]);
  });

  it.each<[string, { given: string; want: string }]>([
    ["no spec", { given: "other", want: 'no spec at specs/other/openapi.yaml: write it first (README, "Adding a provider")' }],
    ["an id that is no package name", { given: "Acme Cloud", want: 'not a provider id: "Acme Cloud" (lower case letters, digits and -, as in gpt-gob)' }],
    ["a path for an id", { given: "../acme", want: 'not a provider id: "../acme" (lower case letters, digits and -, as in gpt-gob)' }],
  ])("names what is wrong: %s", async (_name, { given, want }) => {
    await expect(scaffoldProvider(given, root)).rejects.toThrow(want);
  });
});
