/**
 * The files of a new provider package, as every package in packages/ has them. A test holds these
 * templates to the five packages that exist (test/scaffold/templates.test.ts), so a change to one
 * package's boilerplate that the others should share shows up here.
 */

export interface PackageNames {
  /** The provider id: folder and package name (`gpt-gob`). */
  id: string;
  /** How people write the provider's name (`GPT Gob`): the spec's `info.title` without " API". */
  name: string;
}

import type { CatalogEntry } from "../catalog.js";

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function packageJson({ id, name }: PackageNames): string {
  // Written out by hand, as the existing packages are: the key order and one-line objects match them.
  return `{
  "name": "@errata/${id}",
  "version": "0.0.0",
  "description": ${JSON.stringify(`Typed ${name} client whose errors and retries follow ${name}'s documented error catalog.`)},
  "license": "MIT",
  "type": "module",
  "sideEffects": false,
  "files": ["dist", "README.md", "openapi.yaml"],
  "main": "./dist/index.cjs",
  "module": "./dist/index.js",
  "types": "./dist/index.d.ts",
  "exports": {
    ".": {
      "import": { "types": "./dist/index.d.ts", "default": "./dist/index.js" },
      "require": { "types": "./dist/index.d.cts", "default": "./dist/index.cjs" }
    },
    "./package.json": "./package.json",
    "./openapi.yaml": "./openapi.yaml"
  },
  "scripts": {
    "lint": "redocly lint ../../specs/${id}/openapi.yaml --config ../../redocly.yaml",
    "generate": "errata-generate ${id}",
    "build": "tsup",
    "docs": "errata-docs ${id}",
    "test": "tsc --noEmit -p tsconfig.json && vitest run",
    "lint:package": "publint && attw --pack . --exclude-entrypoints ./openapi.yaml"
  },
  "dependencies": {
    "@errata/retry-policy": "workspace:^",
    "openapi-fetch": "0.17.0"
  },
  "devDependencies": {
    "@arethetypeswrong/cli": "0.18.5",
    "@errata/scripts": "workspace:*",
    "@redocly/cli": "2.77.0",
    "@types/node": "20.19.43",
    "publint": "0.3.25",
    "tsup": "8.5.1",
    "typescript": "5.9.3",
    "vitest": "4.1.12",
    "yaml": "2.9.1"
  },
  "engines": { "node": ">=20.11" }
}
`;
}

/** What each pipeline task reads beyond the package itself, so that turbo's cache knows when to rerun it. */
export function turboJson({ id }: PackageNames): string {
  const spec = `$TURBO_ROOT$/specs/${id}/**`;
  const shared = ["$TURBO_ROOT$/scripts/src/spec.ts", "$TURBO_ROOT$/scripts/src/catalog.ts", "$TURBO_ROOT$/scripts/src/in-band-values.ts"];
  return json({
    $schema: "https://turborepo.com/schema.json",
    extends: ["//"],
    tasks: {
      lint: { inputs: [spec, "$TURBO_ROOT$/redocly.yaml", "$TURBO_ROOT$/scripts/redocly-plugin/**"] },
      generate: {
        inputs: [spec, "$TURBO_ROOT$/scripts/src/generate/**", "$TURBO_ROOT$/scripts/src/cli/generate.ts", ...shared, "$TURBO_ROOT$/scripts/bin/**", "$TURBO_ROOT$/scripts/package.json"],
      },
      docs: {
        inputs: [spec, "$TURBO_ROOT$/scripts/src/docs/**", "$TURBO_ROOT$/scripts/src/cli/docs.ts", "$TURBO_ROOT$/redocly.yaml", ...shared, "$TURBO_ROOT$/scripts/bin/**", "$TURBO_ROOT$/scripts/package.json"],
        outputs: [`$TURBO_ROOT$/docs/${id}.html`],
      },
      test: { inputs: ["$TURBO_DEFAULT$", spec, "$TURBO_ROOT$/scripts/src/testing/**", ...shared] },
      build: { dependsOn: ["@errata/retry-policy#build", "generate"] },
    },
  });
}

export const tsupConfig = () => `import { providerTsupConfig } from "../../scripts/package-config/tsup.js";

export default providerTsupConfig;
`;

export const vitestConfig = () => `import { packageVitestConfig } from "../../scripts/package-config/vitest.js";

export default packageVitestConfig;
`;

export const tsconfigJson = () => `{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "noEmit": true },
  "include": ["src", "test", "tsup.config.ts", "vitest.config.ts"]
}
`;

export function indexTs({ id, name }: PackageNames): string {
  return `// Everything here is generated from specs/${id}/openapi.yaml; ${name} needs no hand-written layer.
export * from "./generated/index.js";
`;
}

/** `entries`: how many errors the catalog has now, pinned so that one dropped by accident fails the test. */
export function contractTest({ id, name }: PackageNames, entries: number): string {
  return `import { describe, it } from "vitest";
import { describeSpecContract, expectPinnedCount } from "@errata/scripts/testing";
import { ProviderError } from "@errata/retry-policy";
import { errorCatalog, parseError } from "../src/index.js";

// The shared suite: every example in the spec (and every stream error frame) through parseError, every
// catalog entry exercised, successes left alone, catalog and schema enums in step. ${name}'s own rule
// cases and pinned counts go below it (see packages/gpt-gob/test/contract.test.ts).
await describeSpecContract(${JSON.stringify(id)}, { parseError, errorCatalog, ProviderError });

describe(${JSON.stringify(`${name}'s catalog`)}, () => {
  // Pinned on purpose, to catch an error dropped from responses, catalog and examples at once.
  it("documents ${entries} errors", () => {
    const names = errorCatalog.errors.map((e: { code?: string; type?: string; marker?: string; status?: number }) => e.code ?? e.type ?? e.marker ?? e.status);
    expectPinnedCount(${JSON.stringify(id)}, "catalog entries", names, ${entries});
  });
});
`;
}

/** `usage`: the example call the spec allows (see usage-example.ts), shown as the README's first code. */
export function readme({ id, name }: PackageNames, errors: readonly CatalogEntry[], usage: string): string {
  // An in-band entry has no status of its own: it arrives inside a 2xx, recognised by its marker.
  const rows = errors.map((e) => `| ${e.status ?? "2xx"} | ${[e.type, e.code, e.marker].filter(Boolean).map((v) => `\`${v}\``).join(" / ") || "–"} | ${e.category} | ${e.retryable ? "yes" : "no"} |`);
  return `# @errata/${id}

A typed client for the ${name} API: every failure comes back as one \`ProviderError\` whose
\`category\` and \`retryable\` come from the error catalog in [\`openapi.yaml\`](openapi.yaml) (shipped in
this package; in the repository, \`specs/${id}/openapi.yaml\`), not from a guess on the HTTP status.

\`\`\`sh
npm install @errata/${id}
\`\`\`

## Usage

\`\`\`js
${usage}
\`\`\`

Every operation of the spec is a typed \`client.GET\` / \`client.POST\` call that returns
\`{ data, error, response }\`; \`error\` is a \`ProviderError\`.

## What the catalog says

| HTTP | type / code | category | retryable |
|---|---|---|---|
${rows.join("\n")}
`;
}
