import { resolveRef, type Spec } from "./spec.js";

/** The body shapes a schema allows: each `oneOf`/`anyOf` member, recursively; an `allOf` stays one shape. */
function alternatives(spec: Spec, node: unknown, seen = new Set<unknown>()): any[] {
  const schema = resolveRef(spec, node);
  if (schema === null || typeof schema !== "object" || seen.has(schema)) return [];
  seen.add(schema);
  const union = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  return union ? union.flatMap((branch: unknown) => alternatives(spec, branch, seen)) : [schema];
}

/**
 * The values every shape of a schema lists at a path (its `enum` or `const`), or `undefined` when the
 * path is open: some shape lacks the property (so a body without it is documented and its value
 * unknown), has it without listing values, or hides it behind a union inside an `allOf` (not followed:
 * open is the safe answer).
 */
function valuesAt(spec: Spec, node: unknown, segments: readonly string[]): string[] | undefined {
  const shapes = alternatives(spec, node);
  if (shapes.length === 0) return undefined;
  const values: string[] = [];
  for (const shape of shapes) {
    if (segments.length === 0) {
      const listed = Array.isArray(shape.enum) ? shape.enum : shape.const !== undefined ? [shape.const] : undefined;
      if (!listed) return undefined;
      values.push(...listed.filter((v: unknown): v is string => typeof v === "string"));
      continue;
    }
    const parts = [shape, ...(Array.isArray(shape.allOf) ? shape.allOf.map((part: unknown) => resolveRef(spec, part)) : [])];
    if (parts.slice(1).some((part) => Array.isArray(part?.oneOf) || Array.isArray(part?.anyOf) || Array.isArray(part?.allOf))) return undefined;
    const found = parts.flatMap((part) => (part?.properties && segments[0]! in part.properties ? [part.properties[segments[0]!]] : []));
    if (found.length === 0) return undefined;
    for (const property of found) {
      const inner = valuesAt(spec, property, segments.slice(1));
      if (inner === undefined) return undefined;
      values.push(...inner);
    }
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
          const values = valuesAt(spec, media?.schema, inBand.path.split("."));
          if (values === undefined) return undefined;
          values.forEach((value) => found.add(value));
        }
      }
    }
  }
  const successes = [...found].filter((value) => !inBand.errorValues.includes(value));
  return successes.length > 0 ? successes : undefined;
}
