// errata/error-response-examples: every 4xx/5xx response has a body, and every media type of it
// has an example (`example`, or a non-empty `examples` map), so that each documented error can be
// checked against its schema and replayed by the contract tests. A response shared by several
// operations is reported once, where it is defined.

import { hasExample, isErrorStatus, mediaTypes, operationResponses } from "../lib/document.js";
import { rootRule } from "../lib/rule.js";

export default rootRule("error-response-examples", (root, ctx, r) => {
  /** pointer → { location, what, statuses, operations } */
  const missing = new Map();
  const note = (location, what, status, label) => {
    const id = `${location.absolutePointer}|${what}`;
    const found = missing.get(id) ?? { location, what, statuses: new Set(), operations: new Set() };
    found.statuses.add(status);
    found.operations.add(label);
    missing.set(id, found);
  };
  for (const { label, status, response } of operationResponses(ctx, root)) {
    if (!isErrorStatus(status)) continue;
    const media = mediaTypes(ctx, response);
    if (media.length === 0) note(response.location, "", status, label);
    for (const [name, mediaType] of media) {
      if (!hasExample(ctx, mediaType)) note(mediaType.location.key(), name, status, label);
    }
  }
  for (const { location, what, statuses, operations } of missing.values()) {
    const head = `Error response ${[...statuses].join("/")} (${[...operations].join(", ")})`;
    r.report(
      what === ""
        ? `${head} has no content, so no example: document its body with a schema and one example per error.`
        : `${head} has no example for ${what}: add "examples" with one named example per error code (or per type / status).`,
      location,
    );
  }
});
