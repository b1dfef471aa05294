// errata/catalog-present: the document has an `x-errata` with an `errorFormat` and a non-empty
// `errors` list, and the top level of both is well-formed (specs/README.md, "x-errata").

import { isObject } from "../lib/document.js";
import { FORMAT_KEYS, ROOT_KEYS } from "../lib/catalog.js";
import { rootRule } from "../lib/rule.js";

const SEE = "(specs/README.md, x-errata)";

function checkStringList(r, value, location, what) {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    r.report(`x-errata.errorFormat.${what} must be a list of ${what === "requestIdHeaders" ? "header names" : "dotted body paths"}, e.g. [error.${what}].`, location);
    return;
  }
  value.forEach((item, i) => {
    if (typeof item !== "string" || item.trim() === "") r.report(`x-errata.errorFormat.${what}[${i}] must be a non-empty string.`, location.child([i]));
  });
}

function checkFormat(r, format, location) {
  for (const key of Object.keys(format)) {
    if (!FORMAT_KEYS.includes(key)) r.report(`Unknown field "${key}" in x-errata.errorFormat; expected one of ${FORMAT_KEYS.join(", ")}.`, location.child([key]).key());
  }
  for (const key of ["type", "code", "message", "requestIdHeaders"]) checkStringList(r, format[key], location.child([key]), key);
  if (format.inBand === undefined) return;
  const at = location.child(["inBand"]);
  if (!isObject(format.inBand)) {
    r.report("x-errata.errorFormat.inBand must be a mapping {path, errorValues}.", at);
    return;
  }
  for (const key of Object.keys(format.inBand)) {
    if (key !== "path" && key !== "errorValues") r.report(`Unknown field "${key}" in x-errata.errorFormat.inBand; expected path and errorValues.`, at.child([key]).key());
  }
  if (typeof format.inBand.path !== "string" || format.inBand.path.trim() === "") {
    r.report("x-errata.errorFormat.inBand.path must be the dotted body path that marks an in-band error, e.g. status.", at.child(["path"]));
  }
  const values = format.inBand.errorValues;
  if (!Array.isArray(values) || values.length === 0) {
    r.report("x-errata.errorFormat.inBand.errorValues must be a non-empty list of the values that mean \"this 2xx is an error\".", at.child(["errorValues"]));
  } else {
    values.forEach((v, i) => {
      if (typeof v !== "string" || v === "") r.report(`x-errata.errorFormat.inBand.errorValues[${i}] must be a non-empty string.`, at.child(["errorValues", i]));
    });
  }
}

export default rootRule("catalog-present", (root, ctx, r) => {
  const raw = root["x-errata"];
  const at = ctx.location.child(["x-errata"]);
  if (raw === undefined) {
    r.report(`The document has no x-errata error catalog at its root: add x-errata with errorFormat and an errors list ${SEE}.`, ctx.location);
    return;
  }
  if (!isObject(raw)) {
    r.report(`x-errata must be a mapping with errorFormat and errors ${SEE}.`, at);
    return;
  }
  for (const key of Object.keys(raw)) {
    if (!ROOT_KEYS.includes(key)) r.report(`Unknown field "${key}" in x-errata; expected errorFormat and errors.`, at.child([key]).key());
  }
  if (raw.errorFormat === undefined) {
    r.report(`x-errata has no errorFormat: say where the provider puts its error type, code and message ${SEE}.`, at.key());
  } else if (!isObject(raw.errorFormat)) {
    r.report("x-errata.errorFormat must be a mapping (type, code, message, requestIdHeaders, retryAfter, inBand).", at.child(["errorFormat"]));
  } else {
    checkFormat(r, raw.errorFormat, at.child(["errorFormat"]));
  }
  if (raw.errors === undefined) {
    r.report(`x-errata has no errors list: add one catalog entry per documented error ${SEE}.`, at.key());
  } else if (!Array.isArray(raw.errors) || raw.errors.length === 0) {
    r.report(`x-errata.errors must be a non-empty list with one catalog entry per documented error ${SEE}.`, at.child(["errors"]));
  }
});
