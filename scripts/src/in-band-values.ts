import { resolveRef, type Spec } from "./spec.js";

const UNIONS = ["oneOf", "anyOf", "allOf"] as const;

/** Every schema a schema stands for: itself and its composition branches, `$ref`s followed, each once. */
function expand(spec: Spec, node: unknown, seen = new Set<unknown>()): any[] {
  const schema = resolveRef(spec, node);
  if (schema === null || typeof schema !== "object" || seen.has(schema)) return [];
  seen.add(schema);
  return [schema, ...UNIONS.flatMap((keyword) => (Array.isArray(schema[keyword]) ? schema[keyword].flatMap((branch: unknown) => expand(spec, branch, seen)) : []))];
}

/** The body shapes a schema allows: each `oneOf`/`anyOf` member, recursively; an `allOf` stays one shape. */
function alternatives(spec: Spec, node: unknown, seen = new Set<unknown>()): any[] {
  const schema = resolveRef(spec, node);
  if (schema === null || typeof schema !== "object" || seen.has(schema)) return [];
  seen.add(schema);
  const union = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  return union ? union.flatMap((branch: unknown) => alternatives(spec, branch, seen)) : [schema];
}

/**
 * The values one body shape lists at a dotted path (its `enum` or `const`), or `undefined` when the
 * path is open: the shape lacks the property (a body without it is documented, so its value is not
 * known) or has it without listing values.
 */
function valuesAtPath(spec: Spec, schema: unknown, path: string): string[] | undefined {
  let current = [schema];
  for (const segment of path.split(".")) {
    current = current.flatMap((node) => expand(spec, node)).flatMap((s) => (s.properties && segment in s.properties ? [s.properties[segment]] : []));
  }
  if (current.length === 0) return undefined;
  const values: string[] = [];
  for (const leaf of current.flatMap((node) => expand(spec, node))) {
    const listed = Array.isArray(leaf.enum) ? leaf.enum : leaf.const !== undefined ? [leaf.const] : undefined;
    if (listed) values.push(...listed.filter((v: unknown): v is string => typeof v === "string"));
    // A union only gathers its branches, which are visited too; any other shape is an open value.
    else if (!UNIONS.some((keyword) => Array.isArray(leaf[keyword]))) return undefined;
  }
  return values;
}

/**
 * The values a 2xx JSON body documents at the in-band path that are not errors (ModelsLab: `success`,
 * `processing`). At run time any other value there is an undocumented status, returned as an error
 * rather than as `data` whose type does not hold it. Undefined when the schemas leave the path open
 * (a plain string) or list nothing.
 */
export function inBandSuccessValues(spec: Spec, inBand: { path: string; errorValues: readonly string[] }): string[] | undefined {
  const found = new Set<string>();
  for (const item of Object.values<any>(spec.paths ?? {})) {
    for (const operation of Object.values<any>(item ?? {})) {
      for (const [status, response] of Object.entries<any>(operation?.responses ?? {})) {
        if (!/^2/.test(status)) continue;
        for (const [mediaType, media] of Object.entries<any>(resolveRef(spec, response)?.content ?? {})) {
          if (!/json/i.test(mediaType)) continue;
          const shapes = alternatives(spec, media?.schema);
          if (shapes.length === 0) return undefined;
          for (const shape of shapes) {
            const values = valuesAtPath(spec, shape, inBand.path);
            if (values === undefined) return undefined;
            values.forEach((value) => found.add(value));
          }
        }
      }
    }
  }
  const successes = [...found].filter((value) => !inBand.errorValues.includes(value));
  return successes.length > 0 ? successes : undefined;
}
