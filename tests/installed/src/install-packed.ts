import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

export interface PackedPackage {
  /** The workspace folder it was packed from. */
  dir: string;
  /** package.json as the tarball carries it (workspace: ranges already rewritten by pnpm). */
  manifest: Manifest;
  /** package.json as it is in the workspace. */
  source: Manifest;
  /** Every path inside the tarball, relative to the package root. */
  files: string[];
}

export interface ScratchProject {
  dir: string;
  packed: PackedPackage[];
  remove(): Promise<void>;
}

/** pnpm pack needs no network; its update check would be the only request, so it is off. */
const PNPM_ENV = { ...process.env, npm_config_update_notifier: "false" };

const readJson = async (path: string): Promise<Manifest> => JSON.parse(await readFile(path, "utf8"));

export interface WorkspacePackage {
  dir: string;
  /** package.json as it is in the workspace. */
  manifest: Manifest;
}

/** The workspace packages that are published: every packages/* without "private". */
export async function publishedPackages(): Promise<WorkspacePackage[]> {
  const root = join(repoRoot, "packages");
  const found: WorkspacePackage[] = [];
  for (const entry of (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory())) {
    const manifest = await readJson(join(root, entry.name, "package.json")).catch(() => undefined);
    if (manifest && !manifest.private) found.push({ dir: join(root, entry.name), manifest });
  }
  return found.sort((a, b) => a.dir.localeCompare(b.dir));
}

/** `version` satisfies `range` for the two forms the workspace uses: an exact pin and a caret range. */
export function satisfies(version: string, range: string): boolean {
  if (!range.startsWith("^")) return version === range;
  const [want, have] = [range.slice(1), version].map((v) => v.split(".").map(Number)) as [number[], number[]];
  // The caret locks everything up to the first non-zero part: ^1.2.3 the major, ^0.2.3 the minor, ^0.0.3 all.
  const locked = want[0] !== 0 ? 1 : want[1] !== 0 ? 2 : 3;
  for (let i = 0; i < 3; i++) {
    if (i < locked && have[i] !== want[i]) return false;
    if (have[i] !== want[i]) return have[i]! > want[i]!;
  }
  return true;
}

/**
 * Packs each published package with `pnpm pack` (what `pnpm publish` uploads), then installs the
 * tarballs into a fresh folder outside the workspace, as npm would lay them out. Third-party
 * dependencies are linked from the workspace's own install (no network): each must exist there in a
 * version the packed range accepts, or this throws.
 */
export async function installPacked(): Promise<ScratchProject> {
  const dir = await mkdtemp(join(tmpdir(), "errata-installed-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    return { dir, packed: await packInto(dir), remove };
  } catch (error) {
    await remove(); // a failed setup leaves no scratch folder behind
    throw error;
  }
}

async function packInto(dir: string): Promise<PackedPackage[]> {
  const tarballs = join(dir, "tarballs");
  const modules = join(dir, "node_modules");
  await mkdir(tarballs);
  const packed: PackedPackage[] = [];
  const thirdParty = new Map<string, { range: string; from: string }>();
  for (const { dir: packageDir, manifest } of await publishedPackages()) {
    const { stdout } = await run("pnpm", ["pack", "--json", "--pack-destination", tarballs], { cwd: packageDir, env: PNPM_ENV });
    const { filename } = JSON.parse(stdout) as { filename: string };
    const target = join(modules, ...manifest.name.split("/"));
    await mkdir(target, { recursive: true });
    await run("tar", ["-xzf", filename, "-C", target, "--strip-components=1"]);
    const { stdout: listing } = await run("tar", ["-tzf", filename]);
    const files = listing.split("\n").filter(Boolean).map((f) => f.replace(/^package\//, ""));
    packed.push({ dir: packageDir, manifest: await readJson(join(target, "package.json")), source: manifest, files });
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
      if (!range.startsWith("workspace:")) thirdParty.set(dep, { range, from: join(packageDir, "node_modules", dep) });
    }
  }
  for (const [dep, { range, from }] of thirdParty) {
    const source = await realpath(from);
    const { version } = await readJson(join(source, "package.json"));
    if (!satisfies(version, range)) throw new Error(`${dep}@${version} in the workspace does not satisfy ${range}`);
    const link = join(modules, ...dep.split("/"));
    await mkdir(join(link, ".."), { recursive: true });
    await symlink(source, link, "dir");
  }
  return packed;
}
