// errata/catalog-delay-sources-exist: every retryAfter source reads something the responses of its
// errors document. A misspelt body path or header name is well-formed (catalog-entry-complete passes
// it) but never yields a delay, so the client falls back to backoff and retries before the provider's
// stated time; a header read with the wrong format yields nothing either.
//
// An entry's sources are checked against the responses that carry its examples; the provider-wide
// sources (errorFormat.retryAfter) against those carrying the examples of every entry without sources
// of its own (and of examples the catalog does not know). Per source:
// - `{in: body, path}`: some JSON schema of those responses has the property (error frames inside a
//   stream are not looked at: their body is the x-errata-stream's `dataSchema`, not the response's);
// - `{in: header, name}`: some of those responses declares the header (case-insensitive), and each
//   declaration can hold the `format` (lib/delay-formats.js). Retry-After and retry-after-ms are
//   catalog-entry-complete's to report.
// With no example to go by there is nothing to compare (catalog-has-examples reports that).

import { follow, isJsonMediaType, isObject } from "../lib/document.js";
import { STANDARD_DELAY_HEADERS, describeEntry, findEntry, readCatalog } from "../lib/catalog.js";
import { fittingFormats, misfit } from "../lib/delay-formats.js";
import { errorExamples } from "../lib/examples.js";
import { declaredHeaders, headerSchema } from "../lib/headers.js";
import { schemasAtPath } from "../lib/schema.js";
import { rootRule } from "../lib/rule.js";

/** Pointers for messages, at most three. */
function list(pointers) {
  const unique = [...new Set(pointers)];
  return unique.length > 3 ? `${unique.slice(0, 3).join(", ")}, ...` : unique.join(", ");
}

/** The distinct responses holding these examples: `{value, location}`. */
function responsesOf(examples) {
  const out = new Map();
  for (const ex of examples) out.set(ex.response.location.absolutePointer, ex.response);
  return [...out.values()];
}

/** The JSON body schemas of the (non-stream) examples: `{value, location}`. */
function bodySchemasOf(ctx, examples) {
  const out = new Map();
  for (const ex of examples) {
    if (ex.stream || !isJsonMediaType(ex.mediaName)) continue;
    const schema = follow(ctx, ex.media.value.schema, ex.media.location.child(["schema"]));
    if (schema && isObject(schema.value)) out.set(schema.location.absolutePointer, schema);
  }
  return [...out.values()];
}

function checkBody(r, ctx, source, at, { what, whose }, examples) {
  const schemas = bodySchemasOf(ctx, examples);
  if (schemas.length === 0 || schemas.some((schema) => schemasAtPath(ctx, schema, source.path).length > 0)) return;
  r.report(
    `${what} reads the body path ${source.path}, but no body schema of the responses carrying ${whose} (${list(schemas.map((s) => s.location.pointer))}) has that property: correct the path, or declare the property in the error schema.`,
    at.child(["path"]),
  );
}

function checkHeader(r, ctx, source, at, { what, whose }, examples) {
  const name = source.name.trim().toLowerCase();
  if (STANDARD_DELAY_HEADERS.includes(name)) return;
  const responses = responsesOf(examples);
  const declared = responses.flatMap((response) => declaredHeaders(ctx, response).filter(([key]) => key.toLowerCase() === name));
  if (declared.length === 0) {
    const others = [...new Set(responses.flatMap((response) => declaredHeaders(ctx, response).map(([key]) => key)))];
    r.report(
      `${what} reads the header ${source.name}, which none of the responses carrying ${whose} declares (${list(responses.map((x) => x.location.pointer))}; they declare ${others.length > 0 ? others.join(", ") : "no headers"}): correct the name, or declare the header on those responses.`,
      at.child(["name"]),
    );
    return;
  }
  const seen = new Set();
  for (const [key, header] of declared) {
    if (seen.has(header.location.absolutePointer)) continue;
    seen.add(header.location.absolutePointer);
    const schema = headerSchema(ctx, header);
    const problem = misfit(ctx, header, schema, source.format);
    if (problem === undefined) continue;
    const fits = fittingFormats(ctx, header, schema, source.format);
    const fix = fits.length > 0 ? `use format: ${fits.join(" or ")}, or correct the header's schema` : "correct the header's schema, or the format";
    r.report(
      `${what} reads the header ${source.name} as ${source.format ?? "seconds or an HTTP-date (no format)"}, but ${key} (${header.location.pointer}) ${problem}: ${fix}.`,
      source.format === undefined ? at : at.child(["format"]),
    );
  }
}

/**
 * Checks `sources` (a list at `at`) against the examples of the errors they serve; `owner` names the
 * list in messages, `whose` those examples.
 */
function checkSources(r, ctx, sources, at, { owner, whose }, examples) {
  if (!Array.isArray(sources) || examples.length === 0) return;
  sources.forEach((source, i) => {
    if (!isObject(source)) return;
    const said = { what: `${owner}.retryAfter[${i}]`, whose };
    if (source.in === "body" && typeof source.path === "string" && source.path.trim() !== "") {
      checkBody(r, ctx, source, at.child([i]), said, examples);
    } else if (source.in === "header" && typeof source.name === "string" && source.name.trim() !== "") {
      checkHeader(r, ctx, source, at.child([i]), said, examples);
    }
  });
}

export default rootRule("catalog-delay-sources-exist", (root, ctx, r) => {
  const catalog = readCatalog(root);
  if (!catalog) return;
  const { errors, format } = catalog;
  const byEntry = new Map();
  const providerWide = [];
  for (const ex of errorExamples(ctx, root, format)) {
    const index = findEntry(errors, ex);
    if (index !== undefined && errors[index].retryAfter !== undefined) {
      byEntry.set(index, [...(byEntry.get(index) ?? []), ex]);
    } else {
      providerWide.push(ex);
    }
  }
  errors.forEach((entry, index) => {
    if (!isObject(entry)) return;
    const at = ctx.location.child(["x-errata", "errors", index, "retryAfter"]);
    checkSources(r, ctx, entry.retryAfter, at, { owner: `Catalog entry ${describeEntry(entry, index)}`, whose: "its examples" }, byEntry.get(index) ?? []);
  });
  const formatAt = ctx.location.child(["x-errata", "errorFormat", "retryAfter"]);
  const owner = { owner: "x-errata.errorFormat", whose: "the examples of entries without a retryAfter of their own" };
  checkSources(r, ctx, root["x-errata"].errorFormat.retryAfter, formatAt, owner, providerWide);
});
