// errata/catalog-has-examples: every catalog entry is exercised by at least one example in the spec
// that the runtime would classify to it (code, then type, then marker or status; specs/README.md
// "How a response is classified"; an example's status is the response code it sits under).
//
// Examples are the JSON and text examples of 4xx/5xx responses, 2xx JSON examples holding an in-band
// error marker, and the error frames inside text/event-stream string examples (`data: {"error": ...}`,
// or `event: error` whose data may be the bare error object). Text examples classify by status only.

import { isObject } from "../lib/document.js";
import { describeEntry, findEntry, readCatalog, repeatedCodes } from "../lib/catalog.js";
import { errorExamples } from "../lib/examples.js";
import { rootRule } from "../lib/rule.js";

function hint(entry, format) {
  const where = entry.status !== undefined ? `a ${entry.status} response` : "a response";
  const stream = entry.stream ? " (for an error that arrives mid-stream, a text/event-stream example with a data: {...} error frame also counts)" : "";
  if (entry.code !== undefined) {
    return `add an example whose ${format.code.join(" / ") || "code"} is ${JSON.stringify(entry.code)}${stream}`;
  }
  if (entry.type !== undefined) {
    return `add an example under ${where} whose ${format.type.join(" / ") || "type"} is ${JSON.stringify(entry.type)} and whose code is absent or has no entry of its own${stream}`;
  }
  if (entry.marker !== undefined) {
    return `add a 2xx example whose ${format.inBand?.path ?? "inBand path"} is ${JSON.stringify(entry.marker)}`;
  }
  return `add an example under ${where} that carries no type or code the catalog knows (a text/plain example counts)${stream}`;
}

/** Examples that share the entry's type or status but went to another entry, to explain the miss. */
function nearMisses(entry, examples, errors) {
  const near = examples.filter(
    (ex) => ex.entry !== undefined && (entry.type !== undefined ? ex.type === entry.type : ex.status === entry.status),
  );
  if (near.length === 0) return "";
  const to = [...new Set(near.map((ex) => describeEntry(errors[ex.entry], ex.entry)))].slice(0, 3);
  return ` Examples with the same ${entry.type !== undefined ? "type" : "status"} classify to ${to.join(", ")} instead.`;
}

export default rootRule("catalog-has-examples", (root, ctx, r) => {
  const catalog = readCatalog(root);
  if (!catalog) return;
  const { errors, format } = catalog;
  const examples = errorExamples(ctx, root, format).map((ex) => ({ ...ex, entry: findEntry(errors, ex) }));
  const hit = new Set(examples.map((ex) => ex.entry));
  // A repeated code is catalog-entry-complete's finding; asking for an example of it would send the
  // author looking for one that already exists (the code classifies to its first entry).
  const repeats = repeatedCodes(errors);
  errors.forEach((entry, index) => {
    if (!isObject(entry) || hit.has(index) || repeats.has(index)) return;
    r.report(
      `Catalog entry ${describeEntry(entry, index)} has no example in the spec that would be classified as it: ${hint(entry, format)}.${nearMisses(entry, examples, errors)}`,
      ctx.location.child(["x-errata", "errors", index]),
    );
  });
});
