// errata/catalog-entry-complete: every x-errata.errors[] entry says how to recognise the error
// (status, type, code or marker), whether to retry it (retryable), what it means (category, one of
// DESIGN.md's ErrorCategory values) and describes it; it has no unknown fields, its delay sources
// are well-formed, and no code appears twice. Provider-wide delay sources (errorFormat.retryAfter)
// are checked the same way.

import { isObject } from "../lib/document.js";
import { BODY_UNITS, CATEGORIES, ENTRY_KEYS, HEADER_FORMATS, STANDARD_DELAY_HEADERS, describeEntry, repeatedCodes } from "../lib/catalog.js";
import { rootRule } from "../lib/rule.js";

// The example header is a provider's own: Retry-After and retry-after-ms are always honoured and are
// never listed (specs/README.md), so a message must not suggest them.
const SOURCE_FORMS = "{in: body, path: error.retry_after, unit: s|ms} or {in: header, name: X-RateLimit-Reset-Requests, format: seconds|ms|duration|http-date}";

function checkDelaySources(r, sources, location, owner) {
  if (sources === undefined) return;
  if (!Array.isArray(sources)) {
    r.report(`${owner}.retryAfter must be a list of delay sources, each ${SOURCE_FORMS}.`, location);
    return;
  }
  sources.forEach((source, i) => {
    const at = location.child([i]);
    const what = `${owner}.retryAfter[${i}]`;
    if (!isObject(source)) {
      r.report(`${what} must be a delay source: ${SOURCE_FORMS}.`, at);
      return;
    }
    if (source.in === "body") {
      for (const key of Object.keys(source)) {
        if (!["in", "path", "unit"].includes(key)) r.report(`${what}: unknown field "${key}" in a body delay source (in, path, unit).`, at.child([key]).key());
      }
      if (typeof source.path !== "string" || source.path.trim() === "") r.report(`${what}: a body delay source needs path, the dotted body path of the number (e.g. error.retry_after).`, at);
      if (source.unit !== undefined && !BODY_UNITS.includes(source.unit)) r.report(`${what}: unit must be s or ms, not ${JSON.stringify(source.unit)}.`, at.child(["unit"]));
    } else if (source.in === "header") {
      for (const key of Object.keys(source)) {
        if (!["in", "name", "format"].includes(key)) r.report(`${what}: unknown field "${key}" in a header delay source (in, name, format).`, at.child([key]).key());
      }
      if (typeof source.name !== "string" || source.name.trim() === "") r.report(`${what}: a header delay source needs name, the header's name.`, at);
      else if (STANDARD_DELAY_HEADERS.includes(source.name.trim().toLowerCase())) {
        r.report(`${what}: ${source.name} is read before any listed source for every provider (specs/README.md, "How a response is classified"), so it is never listed: remove this source.`, at.child(["name"]));
      }
      if (source.format !== undefined && !HEADER_FORMATS.includes(source.format)) {
        r.report(`${what}: format must be one of ${HEADER_FORMATS.join(", ")}, not ${JSON.stringify(source.format)}.`, at.child(["format"]));
      }
    } else {
      r.report(`${what}: "in" must be body or header (${SOURCE_FORMS}).`, source.in === undefined ? at : at.child(["in"]));
    }
  });
}

function checkEntry(r, entry, index, at) {
  const name = describeEntry(entry, index);
  if (!isObject(entry)) {
    r.report(`x-errata.errors[${index}] must be a mapping (status, type, code, marker, retryable, category, description, ...).`, at);
    return;
  }
  for (const key of Object.keys(entry)) {
    if (!ENTRY_KEYS.includes(key)) r.report(`Catalog entry ${name} has an unknown field "${key}"; allowed: ${ENTRY_KEYS.join(", ")}.`, at.child([key]).key());
  }
  if (entry.retryable === undefined) r.report(`Catalog entry ${name} lacks retryable: say whether the provider's documentation makes this error retryable (true or false).`, at);
  else if (typeof entry.retryable !== "boolean") r.report(`Catalog entry ${name}: retryable must be true or false, not ${JSON.stringify(entry.retryable)}.`, at.child(["retryable"]));
  if (entry.category === undefined) r.report(`Catalog entry ${name} lacks category (one of ${CATEGORIES.join(", ")}).`, at);
  else if (!CATEGORIES.includes(entry.category)) r.report(`Catalog entry ${name}: category ${JSON.stringify(entry.category)} is not one of ${CATEGORIES.join(", ")}.`, at.child(["category"]));
  if (entry.description === undefined) r.report(`Catalog entry ${name} lacks description: state the provider's own description, briefly.`, at);
  else if (typeof entry.description !== "string" || entry.description.trim() === "") r.report(`Catalog entry ${name}: description must be non-empty text.`, at.child(["description"]));
  if (entry.status === undefined && entry.type === undefined && entry.code === undefined && entry.marker === undefined) {
    r.report(`Catalog entry ${name} cannot be recognised: give it a status, type, code or marker.`, at);
  }
  if (entry.status !== undefined && !(Number.isInteger(entry.status) && entry.status >= 100 && entry.status <= 599)) {
    r.report(`Catalog entry ${name}: status must be an HTTP status code (an integer 100-599), not ${JSON.stringify(entry.status)}.`, at.child(["status"]));
  }
  for (const key of ["type", "code", "marker"]) {
    if (entry[key] !== undefined && (typeof entry[key] !== "string" || entry[key] === "")) {
      r.report(`Catalog entry ${name}: ${key} must be a non-empty string, not ${JSON.stringify(entry[key])}.`, at.child([key]));
    }
  }
  if (entry.stream !== undefined && typeof entry.stream !== "boolean") r.report(`Catalog entry ${name}: stream must be true or false.`, at.child(["stream"]));
  if (entry.resubmit !== undefined && typeof entry.resubmit !== "boolean") r.report(`Catalog entry ${name}: resubmit must be true or false.`, at.child(["resubmit"]));
  else if (entry.resubmit === true && entry.retryable === false) {
    r.report(`Catalog entry ${name}: resubmit: true says a new request can succeed, so the entry must be retryable: true (or drop resubmit).`, at.child(["resubmit"]));
  }
  if (entry.inferred !== undefined) {
    if (!Array.isArray(entry.inferred)) {
      r.report(`Catalog entry ${name}: inferred must be a list of field names, e.g. [status].`, at.child(["inferred"]));
    } else {
      entry.inferred.forEach((field, i) => {
        if (typeof field !== "string" || field === "inferred" || !ENTRY_KEYS.includes(field)) {
          r.report(`Catalog entry ${name}: inferred[${i}] ${JSON.stringify(field)} is not a field of a catalog entry (${ENTRY_KEYS.filter((k) => k !== "inferred").join(", ")}).`, at.child(["inferred", i]));
        }
      });
    }
  }
  checkDelaySources(r, entry.retryAfter, at.child(["retryAfter"]), `Catalog entry ${name}`);
}

export default rootRule("catalog-entry-complete", (root, ctx, r) => {
  const raw = root["x-errata"];
  if (!isObject(raw)) return;
  const at = ctx.location.child(["x-errata"]);
  if (isObject(raw.errorFormat)) {
    checkDelaySources(r, raw.errorFormat.retryAfter, at.child(["errorFormat", "retryAfter"]), "x-errata.errorFormat");
  }
  if (!Array.isArray(raw.errors)) return;
  const repeats = repeatedCodes(raw.errors);
  raw.errors.forEach((entry, index) => {
    const entryAt = at.child(["errors", index]);
    checkEntry(r, entry, index, entryAt);
    const first = repeats.get(index);
    if (first !== undefined) {
      r.report(`Catalog entry ${describeEntry(entry, index)}: code ${JSON.stringify(entry.code)} already has an entry (errors[${first}]); codes must be unique.`, entryAt.child(["code"]));
    }
  });
});
