import type { Catalog } from "../catalog.js";
import type { Spec } from "../spec.js";
import { catalogMarkdown } from "./catalog-table.js";

export const CATALOG_TAG = "Error catalog";

/**
 * The spec with an "Error catalog" section: a Redoc trait tag (`x-traitTag: true`, a section with
 * no operations) whose description holds the catalog table. The input is not modified.
 */
export function withCatalogSection(spec: Spec, catalog: Catalog): Spec {
  const tag = { name: CATALOG_TAG, "x-traitTag": true, description: catalogMarkdown(catalog) };
  const tags = [...(Array.isArray(spec.tags) ? spec.tags : []).filter((t: { name?: unknown }) => t?.name !== CATALOG_TAG), tag];
  const out: Spec = { ...spec, tags };
  // With x-tagGroups, Redoc shows only the tags in a group: give the catalog its own.
  if (Array.isArray(spec["x-tagGroups"])) {
    out["x-tagGroups"] = [
      ...spec["x-tagGroups"].filter((g: { name?: unknown }) => g?.name !== CATALOG_TAG),
      { name: CATALOG_TAG, tags: [CATALOG_TAG] },
    ];
  }
  return out;
}

/** `$ref`s that point outside the document, which would break once the spec is written elsewhere. */
export function externalRefs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) externalRefs(item, found);
  } else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && !value.startsWith("#")) found.push(value);
      else externalRefs(value, found);
    }
  }
  return found;
}
