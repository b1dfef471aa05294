// errata/catalog-covers-enums: the catalog and the error schemas' enums name the same errors.
//
// Error schemas are those of 4xx/5xx responses, plus, for in-band providers, the alternatives of
// 2xx schemas whose `inBand.path` lists an error value. In each, the properties that
// errorFormat.type / errorFormat.code point at (`error.code` is property `error`, then `code`) are
// read: every string their `enum` (or `const`) lists needs a catalog entry with that type / code,
// and every type / code an entry names must be listed by some schema. `null` is ignored. A field
// that no error schema enumerates (an open string) is not checked. For in-band providers,
// inBand.errorValues must match the enum at inBand.path, and every entry's marker must be one of them.

import { isObject } from "../lib/document.js";
import { describeEntry, readCatalog } from "../lib/catalog.js";
import { enumsAtPath, errorSchemas } from "../lib/schema.js";
import { rootRule } from "../lib/rule.js";

/** Every enum listed at the given paths of the error schemas, deduplicated by location. */
function listed(ctx, schemas, paths) {
  const enums = new Map();
  for (const schema of schemas) {
    for (const path of paths) {
      for (const e of enumsAtPath(ctx, schema, path)) enums.set(e.location.absolutePointer, { ...e, path });
    }
  }
  return [...enums.values()];
}

function checkField(r, ctx, field, paths, schemas, errors) {
  if (paths.length === 0) return;
  const enums = listed(ctx, schemas, paths);
  if (enums.length === 0) return; // an open string: nothing to compare with
  const named = new Set(errors.filter(isObject).map((e) => e[field]).filter((v) => typeof v === "string"));
  const values = new Set();
  for (const e of enums) {
    e.values.forEach((value, i) => {
      values.add(value);
      if (!named.has(value)) {
        const at = e.location.pointer.endsWith("/const") ? e.location : e.location.child([i]);
        r.report(`Error ${field} ${JSON.stringify(value)} is listed in the enum of ${e.path} but has no x-errata catalog entry: add an entry with ${field}: ${value} (retryable, category, description).`, at);
      }
    });
  }
  errors.forEach((entry, index) => {
    if (!isObject(entry) || typeof entry[field] !== "string" || values.has(entry[field])) return;
    r.report(`Catalog entry ${describeEntry(entry, index)} names ${field} ${JSON.stringify(entry[field])}, which no error schema lists in its ${paths.join(" / ")} enum: add it to the enum or fix the entry.`, ctx.location.child(["x-errata", "errors", index, field]));
  });
}

function checkInBand(r, ctx, format, errors, markers) {
  const formatAt = ctx.location.child(["x-errata", "errorFormat"]);
  errors.forEach((entry, index) => {
    if (!isObject(entry) || entry.marker === undefined) return;
    const at = ctx.location.child(["x-errata", "errors", index, "marker"]);
    if (!format.inBand) {
      r.report(`Catalog entry ${describeEntry(entry, index)} has a marker, but x-errata.errorFormat has no inBand {path, errorValues} to read it from.`, at);
    } else if (!format.inBand.errorValues.includes(entry.marker)) {
      r.report(`Catalog entry ${describeEntry(entry, index)}: marker ${JSON.stringify(entry.marker)} is not one of inBand.errorValues (${format.inBand.errorValues.join(", ")}).`, at);
    }
  });
  if (!format.inBand) return;
  const { path, errorValues } = format.inBand;
  const all = new Set(markers.markerEnums.flatMap((e) => e.values));
  if (markers.markerEnums.length > 0) {
    errorValues.forEach((value, i) => {
      if (!all.has(value)) {
        r.report(`inBand.errorValues lists ${JSON.stringify(value)}, but no 2xx response schema lists it in the enum of ${path}.`, formatAt.child(["inBand", "errorValues", i]));
      }
    });
  }
  for (const e of markers.errorBranchMarkers) {
    e.values.forEach((value, i) => {
      if (errorValues.includes(value)) return;
      const at = e.location.pointer.endsWith("/const") ? e.location : e.location.child([i]);
      r.report(`The error schema lists ${JSON.stringify(value)} in the enum of ${path}, but x-errata.errorFormat.inBand.errorValues does not: a 2xx body with ${path}: ${value} would not be recognised as an error.`, at);
    });
  }
}

export default rootRule("catalog-covers-enums", (root, ctx, r) => {
  const catalog = readCatalog(root);
  if (!catalog) return;
  const found = errorSchemas(ctx, root, catalog.format);
  checkField(r, ctx, "code", catalog.format.code, found.schemas, catalog.errors);
  checkField(r, ctx, "type", catalog.format.type, found.schemas, catalog.errors);
  checkInBand(r, ctx, catalog.format, catalog.errors, found);
});
