// Schema helpers: which schemas describe errors, and which strings their enums list at a body path.

import { follow, isErrorStatus, isObject, isSuccessStatus, mediaTypes, operationResponses } from "./document.js";

const COMPOSITION = ["allOf", "oneOf", "anyOf"];

/** A schema and (recursively) its composition branches, `$ref`s followed, each once. */
export function expandSchema(ctx, node, keywords = COMPOSITION, seen = new Set()) {
  const resolved = node && follow(ctx, node.value, node.location);
  if (!resolved || !isObject(resolved.value)) return [];
  const id = resolved.location.absolutePointer;
  if (seen.has(id)) return [];
  seen.add(id);
  const out = [resolved];
  for (const keyword of keywords) {
    const branches = resolved.value[keyword];
    if (!Array.isArray(branches)) continue;
    branches.forEach((branch, i) => {
      out.push(...expandSchema(ctx, { value: branch, location: resolved.location.child([keyword, i]) }, keywords, seen));
    });
  }
  return out;
}

/**
 * The alternatives of a schema: each `oneOf`/`anyOf` member (recursively) that is not itself a union.
 * A schema without a union is its own only alternative.
 */
export function alternatives(ctx, node) {
  return expandSchema(ctx, node, ["oneOf", "anyOf"]).filter(
    (s) => !Array.isArray(s.value.oneOf) && !Array.isArray(s.value.anyOf),
  );
}

/**
 * The schemas found at a dotted body path: "error.code" is `properties.error` then `properties.code`.
 * `firstLevel` limits which compositions are looked through at the start (alternatives use allOf only).
 */
export function schemasAtPath(ctx, node, path, firstLevel = COMPOSITION) {
  let current = [node];
  path.split(".").forEach((segment, depth) => {
    const next = [];
    for (const at of current) {
      for (const schema of expandSchema(ctx, at, depth === 0 ? firstLevel : COMPOSITION)) {
        const properties = schema.value.properties;
        if (isObject(properties) && Object.prototype.hasOwnProperty.call(properties, segment)) {
          next.push({ value: properties[segment], location: schema.location.child(["properties", segment]) });
        }
      }
    }
    current = next;
  });
  return current.flatMap((at) => expandSchema(ctx, at));
}

/**
 * The string values listed at a body path: `{ values, location }` per `enum` (or `const`) found.
 * `null` and other non-strings are ignored; a property without an enum contributes nothing.
 */
export function enumsAtPath(ctx, node, path, firstLevel = COMPOSITION) {
  const out = [];
  for (const schema of schemasAtPath(ctx, node, path, firstLevel)) {
    if (Array.isArray(schema.value.enum)) {
      out.push({ values: schema.value.enum.filter((v) => typeof v === "string"), location: schema.location.child(["enum"]) });
    } else if (typeof schema.value.const === "string") {
      out.push({ values: [schema.value.const], location: schema.location.child(["const"]) });
    }
  }
  return out;
}

/** The schema of each media type of a response: `{ value, location }`. */
function responseSchemas(ctx, response) {
  const out = [];
  for (const [, media] of mediaTypes(ctx, response)) {
    const schema = follow(ctx, media.value.schema, media.location.child(["schema"]));
    if (schema && isObject(schema.value)) out.push(schema);
  }
  return out;
}

/**
 * The schemas that describe error bodies: those of 4xx/5xx responses, and for in-band providers the
 * alternatives of 2xx schemas whose `inBand.path` enum lists one of the error values.
 * Also returns, for in-band providers, every 2xx alternative's values at `inBand.path`.
 */
export function errorSchemas(ctx, root, format) {
  const errors = new Map();
  const markerEnums = new Map();
  const errorBranchMarkers = new Map();
  for (const { status, response } of operationResponses(ctx, root)) {
    if (isErrorStatus(status)) {
      for (const schema of responseSchemas(ctx, response)) errors.set(schema.location.absolutePointer, schema);
    } else if (format.inBand && isSuccessStatus(status)) {
      for (const schema of responseSchemas(ctx, response)) {
        for (const branch of alternatives(ctx, schema)) {
          const enums = enumsAtPath(ctx, branch, format.inBand.path, ["allOf"]);
          for (const e of enums) markerEnums.set(e.location.absolutePointer, e);
          if (enums.some((e) => e.values.some((v) => format.inBand.errorValues.includes(v)))) {
            errors.set(branch.location.absolutePointer, branch);
            for (const e of enums) errorBranchMarkers.set(e.location.absolutePointer, e);
          }
        }
      }
    }
  }
  return { schemas: [...errors.values()], markerEnums: [...markerEnums.values()], errorBranchMarkers: [...errorBranchMarkers.values()] };
}
