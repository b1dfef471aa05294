import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { parse } from "yaml";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function specPath(provider: string): string {
  return path.join(repoRoot, "specs", provider, "openapi.yaml");
}

export type Spec = Record<string, any>;

/** The spec as plain data. `$ref`s are left as they are; x-errata lives at the root and has none. */
export async function loadSpec(provider: string): Promise<Spec> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(provider)) throw new Error(`not a provider id: ${JSON.stringify(provider)}`);
  const file = specPath(provider);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new Error(`no spec for provider "${provider}" at ${path.relative(repoRoot, file)}`, { cause });
  }
  return parse(text) as Spec;
}

/** `node` with its local `$ref`s ("#/components/...") followed within `spec`; a loop stops after 20 hops. */
export function resolveRef(spec: Spec, node: any): any {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string" && hops < 20; hops++) {
    const pointer = current.$ref.replace(/^#\//, "").split("/").map((p: string) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    current = pointer.reduce((at: any, key: string) => at?.[key], spec);
  }
  return current;
}
