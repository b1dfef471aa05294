// errata/catalog-matches-examples: an error example agrees with the catalog entry it classifies to.
//
// Classification goes by code first, whatever the status (specs/README.md "How a response is
// classified"), so an example filed under the wrong response, or carrying another type than its
// entry, still classifies and still counts for catalog-has-examples. The docs page, the contract
// tests and a reader would then each see a different error. So the example's status must be the
// entry's `status` and its type the entry's `type`, wherever the entry states them (a15t documents
// codes without statuses: an entry without a status or type is not compared).
//
// Error frames inside a stream are not compared by status: they sit under the stream's 2xx, while
// the entry's status is the error's as a response of its own (GPT Gob's goblin_distracted is a 500
// outside a stream). Their type is compared like any other.

import { isObject } from "../lib/document.js";
import { describeEntry, findEntry, readCatalog, readPath } from "../lib/catalog.js";
import { errorExamples } from "../lib/examples.js";
import { rootRule } from "../lib/rule.js";

/** "its code "x"", "its type "y"", ...: what made the example classify to this entry. */
function classifiedBy(ex, entry) {
  if (ex.code !== undefined && entry.code === ex.code) return `its code ${JSON.stringify(ex.code)}`;
  if (ex.type !== undefined && entry.type === ex.type) return `its type ${JSON.stringify(ex.type)}`;
  if (ex.marker !== undefined && entry.marker === ex.marker) return `its marker ${JSON.stringify(ex.marker)}`;
  return "its status";
}

/** The example's type field when the example is a mapping (the place to fix), else the example. */
function typeLocation(ex, paths) {
  if (!isObject(ex.body) || ex.stream) return ex.location;
  const path = paths.find((p) => readPath(ex.body, p) === ex.type);
  return path ? ex.location.child(path.split(".")) : ex.location;
}

export default rootRule("catalog-matches-examples", (root, ctx, r) => {
  const catalog = readCatalog(root);
  if (!catalog) return;
  const { errors, format } = catalog;
  for (const ex of errorExamples(ctx, root, format)) {
    const index = findEntry(errors, ex);
    if (index === undefined) continue;
    const entry = errors[index];
    const example = `Example "${ex.name}" (${ex.statusKey} ${ex.mediaName})`;
    const classified = `${classifiedBy(ex, entry)} classifies it as ${describeEntry(entry, index)}`;
    if (!ex.stream && Number.isInteger(entry.status) && ex.status !== undefined && ex.status !== entry.status) {
      r.report(
        `${example} sits under a ${ex.status} response, but ${classified}, whose status is ${entry.status}: move the example under the operation's ${entry.status} response, or correct the entry's status.`,
        ex.location,
      );
    }
    if (typeof entry.type === "string" && ex.type !== undefined && ex.type !== entry.type) {
      r.report(
        `${example} has ${format.type.join(" / ")} ${JSON.stringify(ex.type)}, but ${classified}, whose type is ${JSON.stringify(entry.type)}: correct the example's type, or the entry's.`,
        typeLocation(ex, format.type),
      );
    }
  }
});
