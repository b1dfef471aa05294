import { describe, expect, it } from "vitest";
import { affectedPackages, type WorkspacePackage } from "../../src/changesets/affected-packages.js";

const packages: WorkspacePackage[] = [
  { dir: "gpt-gob", name: "@errata/gpt-gob", fromSpec: true },
  { dir: "a15t", name: "@errata/a15t", fromSpec: true },
  { dir: "retry-policy", name: "@errata/retry-policy", fromSpec: false },
];
const everySpecPackage = ["@errata/a15t", "@errata/gpt-gob"];

describe("affectedPackages", () => {
  it.each([
    ["a spec changes the package generated from it", ["specs/gpt-gob/openapi.yaml"], ["@errata/gpt-gob"]],
    ["anything under the spec's folder counts", ["specs/a15t/notes.md"], ["@errata/a15t"]],
    ["a spec without a package yet changes nothing released", ["specs/new-provider/openapi.yaml"], []],
    ["specs/README.md is no spec", ["specs/README.md"], []],
    ["a package's source", ["packages/gpt-gob/src/index.ts"], ["@errata/gpt-gob"]],
    ["a package's README ships in its tarball", ["packages/a15t/README.md"], ["@errata/a15t"]],
    ["a package's manifest", ["packages/a15t/package.json"], ["@errata/a15t"]],
    ["a package's tests do not ship", ["packages/gpt-gob/test/contract.test.ts"], []],
    ["nor its vitest or turbo config", ["packages/gpt-gob/vitest.config.ts", "packages/gpt-gob/turbo.json"], []],
    ["nor its CHANGELOG, which changesets writes", ["packages/gpt-gob/CHANGELOG.md"], []],
    ["the runtime changes only itself: dependents follow by semver range", ["packages/retry-policy/src/index.ts"], ["@errata/retry-policy"]],
    ["the generator changes every package generated from a spec", ["scripts/src/generate/catalog-module.ts"], everySpecPackage],
    ["so does the catalog reader it uses", ["scripts/src/catalog.ts"], everySpecPackage],
    ["and the shared build config", ["scripts/package-config/tsup.ts"], everySpecPackage],
    ["the lint plugin changes no package", ["scripts/redocly-plugin/rules/catalog-present.js"], []],
    ["nor do the docs builder, the test helpers or the root README", ["scripts/src/docs/build.ts", "scripts/src/testing/contract-suite.ts", "README.md"], []],
  ])("%s", (_name, changed, want) => {
    expect([...affectedPackages(changed, packages).keys()].sort()).toEqual(want);
  });

  it("keeps, for each package, the files that affect it", () => {
    const affected = affectedPackages(["scripts/src/spec.ts", "specs/gpt-gob/openapi.yaml"], packages);
    expect(Object.fromEntries(affected)).toEqual({
      "@errata/gpt-gob": ["scripts/src/spec.ts", "specs/gpt-gob/openapi.yaml"],
      "@errata/a15t": ["scripts/src/spec.ts"],
    });
  });
});
