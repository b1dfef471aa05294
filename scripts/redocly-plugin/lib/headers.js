// Response headers as the delay-source checks read them: which a response declares, their schema and
// their example values, `$ref`s followed and Locations kept so that reports point at the header.

import { follow, isObject, members } from "./document.js";

/** The headers a response declares: `[name, {value, location}]`, in the spec's order. */
export function declaredHeaders(ctx, response) {
  const headers = follow(ctx, response.value.headers, response.location.child(["headers"]));
  return members(ctx, headers).filter(([, header]) => isObject(header.value));
}

/** A header's schema `{value, location}`, or undefined (a `content` header, or none). */
export function headerSchema(ctx, header) {
  const schema = follow(ctx, header.value.schema, header.location.child(["schema"]));
  return schema && isObject(schema.value) ? schema : undefined;
}

/** The schema's `type` as a list, without "null"; undefined when the schema does not constrain it. */
export function schemaTypes(schema) {
  const type = schema?.value.type;
  if (type === undefined) return undefined;
  return (Array.isArray(type) ? type : [type]).filter((t) => t !== "null");
}

/** A header value as the wire carries it: strings as they are, numbers as text; anything else is no value. */
function asText(value) {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * Every example value of a header, as text: the header's `example` and `examples` (Example Objects),
 * then its schema's `example` and `examples` (a list, JSON Schema 2020-12).
 */
export function headerExamples(ctx, header, schema) {
  const out = [];
  if (Object.prototype.hasOwnProperty.call(header.value, "example")) out.push(header.value.example);
  const examples = follow(ctx, header.value.examples, header.location.child(["examples"]));
  for (const [, example] of members(ctx, examples)) if (isObject(example.value)) out.push(example.value.value);
  if (schema) {
    if (Object.prototype.hasOwnProperty.call(schema.value, "example")) out.push(schema.value.example);
    if (Array.isArray(schema.value.examples)) out.push(...schema.value.examples);
  }
  return out.map(asText).filter((v) => v !== undefined);
}
