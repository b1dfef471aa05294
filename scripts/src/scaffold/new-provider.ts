import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { readCatalog } from "../catalog.js";
import { repoRoot } from "../spec.js";
import { usageExample } from "./usage-example.js";
import { contractTest, indexTs, packageJson, readme, tsconfigJson, tsupConfig, turboJson, vitestConfig, type PackageNames } from "./templates.js";

const exists = (file: string) => stat(file).then(() => true, () => false);

/** The provider's name as people write it: the spec's title without a trailing "API". */
export function displayName(id: string, title: unknown): string {
  const name = typeof title === "string" ? title.replace(/(^|\s+)API\s*$/i, "").trim() : "";
  return name || id;
}

/**
 * Writes packages/<id> for a spec that exists (package.json, build, test and turbo settings, the
 * entry, a contract test and a README draft) and adds the package to the installed-packages test.
 * Everything else (types, client, catalog) the generator makes from the spec at build time.
 * Returns the files it wrote, relative to `root`. Refuses to touch a package that exists.
 */
export async function scaffoldProvider(id: string, root = repoRoot): Promise<string[]> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new Error(`not a provider id: ${JSON.stringify(id)} (lower case letters, digits and -, as in gpt-gob)`);
  const specFile = path.join(root, "specs", id, "openapi.yaml");
  if (!(await exists(specFile))) throw new Error(`no spec at specs/${id}/openapi.yaml: write it first (README, "Adding a provider")`);
  const dir = path.join(root, "packages", id);
  if (await exists(dir)) throw new Error(`packages/${id} exists already; nothing written`);
  const spec = parse(await readFile(specFile, "utf8"));
  // The catalog is read (and checked) first, so that a spec the generator would refuse writes nothing.
  const catalog = readCatalog(spec);
  const names: PackageNames = { id, name: displayName(id, spec?.info?.title) };

  const files: Record<string, string> = {
    "package.json": packageJson(names),
    "turbo.json": turboJson(names),
    "tsconfig.json": tsconfigJson(),
    "tsup.config.ts": tsupConfig(),
    "vitest.config.ts": vitestConfig(),
    LICENSE: await readFile(path.join(root, "LICENSE"), "utf8"),
    "src/index.ts": indexTs(names),
    "test/contract.test.ts": contractTest(names, catalog.errors.length),
    "README.md": readme(names, catalog.errors, usageExample(id, spec)),
  };
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, { flag: "wx" });
    written.push(path.relative(root, file));
  }
  written.push(await addToInstalledTest(root, id));
  return written;
}

/** tests/installed packs and installs every workspace package it depends on: the new one joins them. */
async function addToInstalledTest(root: string, id: string): Promise<string> {
  const file = path.join(root, "tests", "installed", "package.json");
  const manifest = JSON.parse(await readFile(file, "utf8"));
  const deps: Record<string, string> = { ...manifest.devDependencies, [`@errata/${id}`]: "workspace:*" };
  manifest.devDependencies = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return path.relative(root, file);
}
