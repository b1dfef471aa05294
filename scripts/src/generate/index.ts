import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { readCatalog } from "../catalog.js";
import { loadSpec, specPath } from "../spec.js";
import { catalogExports, catalogModule } from "./catalog-module.js";
import { clientModule } from "./client-module.js";
import { clientSetup } from "./client-setup.js";
import { copiedSpecHeader, generatedHeader } from "./header.js";
import { readStreams, streamModule } from "./stream-module.js";
import { generateTypes } from "./types.js";

/**
 * What every provider package passes on from @errata/retry-policy: the error class, RetryBudget, and
 * the types an app's own code names (an onRetry hook, an injected runtime, a call's retry options, a
 * stored error), so that none of them needs a direct dependency on it.
 */
const RETRY_POLICY_EXPORTS = `export {
  ProviderError,
  RetryBudget,
  type CallRetryOptions,
  type ErrorCategory,
  type OpenUnion,
  type ProviderErrorJSON,
  type RetryBudgetOptions,
  type RetryInfo,
  type RetryOptions,
  type RetryRuntime,
} from "@errata/retry-policy";
`;

/** The generated files of one provider package, by file name. Pure apart from reading the spec. */
export async function generateFiles(provider: string): Promise<Record<string, string>> {
  const spec = await loadSpec(provider);
  const catalog = readCatalog(spec);
  const header = generatedHeader(provider);
  const hasStreams = readStreams(spec).length > 0;
  return {
    "openapi.ts": header + (await generateTypes(provider)),
    "catalog.ts": header + catalogModule(provider, catalog),
    "client.ts": header + clientModule(provider, clientSetup(spec), catalog.errorFormat.inBand, hasStreams),
    ...(hasStreams && { "stream.ts": header + streamModule(provider, spec) }),
    "index.ts":
      header +
      `export { ${catalogExports(provider).join(", ")} } from "./catalog.js";\nexport * from "./client.js";\n${hasStreams ? 'export * from "./stream.js";\n' : ""}export type { components, operations, paths } from "./openapi.js";\n${RETRY_POLICY_EXPORTS}`,
  };
}

/**
 * Writes them to `<packageDir>/src/generated/`, removing files a previous run left behind, and copies
 * the spec to `<packageDir>/openapi.yaml`: the package ships it, so that its README's link and any
 * tool that reads the spec find it in node_modules.
 */
export async function writeGenerated(provider: string, packageDir: string): Promise<string[]> {
  const files = await generateFiles(provider);
  const specCopy = path.join(packageDir, "openapi.yaml");
  await writeFile(specCopy, copiedSpecHeader(provider) + (await readFile(specPath(provider), "utf8")));
  const dir = path.join(packageDir, "src", "generated");
  await mkdir(dir, { recursive: true });
  for (const stale of await readdir(dir)) if (!(stale in files)) await rm(path.join(dir, stale), { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return [...Object.keys(files).map((name) => path.join(dir, name)), specCopy];
}
