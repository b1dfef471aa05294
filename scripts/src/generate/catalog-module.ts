import type { Catalog, CatalogEntry } from "../catalog.js";
import { literalUnion, pascalCase } from "./names.js";

/**
 * A field the spec's errorFormat gives no path for (`type`, `code`) is never set: type it `undefined`
 * rather than an open string: the types then say there is nothing to branch on but the status.
 */
function absentFields(catalog: Catalog): string {
  const absent = (["type", "code"] as const).filter((field) => !catalog.errorFormat[field]?.length);
  return absent.length === 0 ? "" : ` & { ${absent.map((field) => `readonly ${field}: undefined`).join("; ")} }`;
}

/** The names catalog.ts exports to the package (`errorRules` stays inside it). */
export function catalogExports(provider: string): string[] {
  const name = pascalCase(provider);
  return ["errorCatalog", "provider", `type ${name}Error`, `type ${name}ErrorCode`, `type ${name}ErrorType`];
}

/**
 * One entry as classification reads it (retry-policy's findCatalogEntry and parseErrorWith): no
 * description or inference notes; `type` only on entries without a code (a known code decides before
 * any type); `status` only where it tells entries apart (the same type among entries without a code;
 * codes are unique, readCatalog rejects a repeat) or is itself the key (markers, status-only
 * entries). Every response classifies exactly as with the full entry.
 */
function ruleOf(entry: CatalogEntry, errors: readonly CatalogEntry[]): Record<string, unknown> {
  const { description: _d, inferred: _i, status, type, ...rule } = entry;
  const sameType = (other: CatalogEntry) => other !== entry && other.code === undefined && other.type === type;
  const keepStatus = entry.marker !== undefined || (entry.code === undefined && (type === undefined || errors.some(sameType)));
  return {
    ...(keepStatus && status !== undefined && { status }),
    ...(entry.code === undefined && type !== undefined && { type }),
    ...rule,
  };
}

/**
 * `errorCatalog` as a typed constant, the literal unions of the provider's types and codes, and
 * `errorRules`: the same entries with only what classification reads (see ruleOf). The client and
 * parseError use `errorRules`, so that an app does not ship prose it never shows; `errorCatalog` stays
 * complete for whoever does (docs, tools, tests).
 */
export function catalogModule(provider: string, catalog: Catalog): string {
  const name = pascalCase(provider);
  const types = catalog.errors.flatMap((e) => (e.type === undefined ? [] : [e.type]));
  const codes = catalog.errors.flatMap((e) => (e.code === undefined ? [] : [e.code]));
  const constant = { provider, errorFormat: catalog.errorFormat, errors: catalog.errors };
  const rules = catalog.errors.map((entry) => `    ${JSON.stringify(ruleOf(entry, catalog.errors))},`);
  return `import type { ErrorCatalog, ErrorRules, ProviderError } from "@errata/retry-policy";

export const provider = ${JSON.stringify(provider)} as const;

/** The error types the spec documents. */
export type ${name}ErrorType = ${literalUnion(types)};

/** The error codes the spec documents. */
export type ${name}ErrorCode = ${literalUnion(codes)};

/** Every failure of a ${provider} call. */
export type ${name}Error = ProviderError<typeof provider, ${name}ErrorType, ${name}ErrorCode>${absentFields(catalog)};

/** The spec's x-errata: how ${provider} errors are recognised, and what each one means. */
export const errorCatalog = ${JSON.stringify(constant, null, 2)} as const satisfies ErrorCatalog<typeof provider>;

/** errorCatalog as classification reads it (no prose, no field that cannot change a result): what createClient and parseError use. */
export const errorRules = {
  "provider": ${JSON.stringify(provider)},
  "errorFormat": ${JSON.stringify(catalog.errorFormat)},
  "errors": [
${rules.join("\n")}
  ],
} as const satisfies ErrorRules<typeof provider>;
`;
}
