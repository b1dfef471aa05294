// errata/catalog-status-has-response: every status a catalog entry states is a response of some
// operation. An entry whose status no operation returns (420 where 429 was meant) documents an error
// no client receives, and the docs page shows a status the reference section never mentions.
//
// A range key (`4XX`) covers its hundred and `default` covers every status, as in OpenAPI. An entry
// without a status is not checked (a15t documents codes without statuses).

import { isObject, operationResponses } from "../lib/document.js";
import { describeEntry, readCatalog } from "../lib/catalog.js";
import { rootRule } from "../lib/rule.js";

/** Whether a responses key (`429`, `4XX`, `default`) covers `status`. */
function covers(key, status) {
  const text = String(key).toUpperCase();
  if (text === "DEFAULT") return true;
  if (/^\dXX$/.test(text)) return text[0] === String(status)[0];
  return text === String(status);
}

export default rootRule("catalog-status-has-response", (root, ctx, r) => {
  const catalog = readCatalog(root);
  if (!catalog) return;
  const keys = new Set();
  for (const { status } of operationResponses(ctx, root)) keys.add(String(status));
  const listed = [...keys].sort().join(", ") || "none";
  catalog.errors.forEach((entry, index) => {
    if (!isObject(entry) || !Number.isInteger(entry.status)) return;
    if ([...keys].some((key) => covers(key, entry.status))) return;
    r.report(
      `Catalog entry ${describeEntry(entry, index)} has status ${entry.status}, but no operation in paths has a ${entry.status} response (the responses are ${listed}): correct the status, or add a ${entry.status} response with an example of this error to the operations that return it.`,
      ctx.location.child(["x-errata", "errors", index, "status"]),
    );
  });
});
