// Which published packages a changed file can change. changesets only sees files inside a package
// directory; here a spec, and the generator every spec goes through, count for the packages they
// generate. The rules are documented in .changeset/README.md: keep the two in step.

/** A publishable package of the workspace (private ones are never released). */
export interface WorkspacePackage {
  /** The directory under packages/, e.g. "gpt-gob". */
  dir: string;
  /** The npm name, e.g. "@errata/gpt-gob". */
  name: string;
  /** True when specs/<dir>/openapi.yaml generates it. */
  fromSpec: boolean;
}

/** Files that turn every spec into its package: their output lands in each package's src/generated and dist. */
export const GENERATOR_FILES = [
  /^scripts\/src\/generate\//,
  /^scripts\/src\/cli\/generate\.ts$/,
  /^scripts\/bin\/errata-generate\.js$/,
  /^scripts\/src\/spec\.ts$/,
  /^scripts\/src\/catalog\.ts$/,
  /^scripts\/src\/in-band-values\.ts$/,
  /^scripts\/package-config\/tsup\.ts$/,
];

/** Files inside packages/<dir>/ that never reach the tarball nor what it is built from. */
const NOT_SHIPPED = [/^test\//, /\.test\.ts$/, /^vitest\.config\.ts$/, /^turbo\.json$/, /^CHANGELOG\.md$/];

/** Package name → the changed files that affect it, in the order given. */
export function affectedPackages(changedFiles: readonly string[], packages: readonly WorkspacePackage[]): Map<string, string[]> {
  const affected = new Map<string, string[]>();
  const add = (pkg: WorkspacePackage | undefined, file: string) => {
    if (pkg) affected.set(pkg.name, [...(affected.get(pkg.name) ?? []), file]);
  };
  for (const file of changedFiles) {
    const spec = /^specs\/([^/]+)\//.exec(file);
    if (spec) add(packages.find((p) => p.fromSpec && p.dir === spec[1]), file);
    const own = /^packages\/([^/]+)\/(.+)$/.exec(file);
    if (own && !NOT_SHIPPED.some((re) => re.test(own[2]!))) add(packages.find((p) => p.dir === own[1]), file);
    // packages/retry-policy is not here on purpose: providers depend on it by semver range and do not
    // bundle it, and changesets bumps its dependents itself when their range must move.
    if (GENERATOR_FILES.some((re) => re.test(file))) for (const pkg of packages) if (pkg.fromSpec) add(pkg, file);
  }
  return affected;
}
