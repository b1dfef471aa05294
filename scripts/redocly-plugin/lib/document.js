// Reading the document from `Root.leave`.
//
// The walker calls a top-level visitor once per node, so a component response shared by ten operations
// is visited once, under whichever status reached it first. The catalog rules need every
// (operation, status, response) combination, so they start from the root and follow each `$ref` with
// `ctx.resolve`, carrying the Location of every node so that reports point at the node to fix (for a
// shared response: the component, not each `$ref` to it).

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** @returns {v is Record<string, any>} */
export function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function isRef(v) {
  return isObject(v) && typeof v.$ref === "string";
}

/**
 * Follows `$ref`s from a node. Returns `{ value, location }` of the target, or undefined when a
 * reference does not resolve (the built-in `no-unresolved-refs` reports that) or loops.
 */
export function follow(ctx, value, location) {
  const seen = new Set();
  let current = value;
  let at = location;
  while (isRef(current)) {
    const id = `${at.source.absoluteRef}::${current.$ref}`;
    if (seen.has(id)) return undefined;
    seen.add(id);
    let resolved;
    try {
      resolved = ctx.resolve(current, at.source.absoluteRef);
    } catch {
      return undefined;
    }
    if (!resolved || resolved.node === undefined || !resolved.location) return undefined;
    current = resolved.node;
    at = resolved.location;
  }
  return { value: current, location: at };
}

/** The members of a mapping node, each with `$ref`s followed. */
export function members(ctx, node) {
  if (!node || !isObject(node.value)) return [];
  const out = [];
  for (const [key, raw] of Object.entries(node.value)) {
    const child = follow(ctx, raw, node.location.child([key]));
    if (child) out.push([key, child]);
  }
  return out;
}

/** "4xx/5xx" keys of a responses map, including the `4XX` / `5XX` ranges. */
export function isErrorStatus(status) {
  return /^[45](\d\d|XX)$/i.test(String(status));
}

export function isSuccessStatus(status) {
  return /^2(\d\d|XX)$/i.test(String(status));
}

/** The numeric status of a responses key; undefined for ranges (`4XX`) and `default`. */
export function statusNumber(status) {
  return /^\d{3}$/.test(String(status)) ? Number(status) : undefined;
}

/** Every operation under `paths` (and 3.1 `webhooks`). */
export function* operations(ctx, root) {
  for (const section of ["paths", "webhooks"]) {
    const map = follow(ctx, root[section], ctx.location.child([section]));
    for (const [name, item] of members(ctx, map)) {
      if (!isObject(item.value)) continue;
      for (const method of HTTP_METHODS) {
        const operation = item.value[method];
        if (!isObject(operation)) continue;
        yield {
          label: `${method.toUpperCase()} ${name}`,
          operation,
          location: item.location.child([method]),
        };
      }
    }
  }
}

/**
 * Every response of every operation: `{ label, status, response: {value, location} }`, where
 * `label` names the operation ("POST /chat/completions") and `response.location` is where the
 * response object really lives.
 */
export function* operationResponses(ctx, root) {
  for (const op of operations(ctx, root)) {
    const responses = follow(ctx, op.operation.responses, op.location.child(["responses"]));
    for (const [status, response] of members(ctx, responses)) {
      if (!isObject(response.value)) continue;
      yield { label: op.label, status, response };
    }
  }
}

/** The media types of a response: `[name, {value, location}]`. */
export function mediaTypes(ctx, response) {
  const content = follow(ctx, response.value.content, response.location.child(["content"]));
  return members(ctx, content).filter(([, media]) => isObject(media.value));
}

/** Whether a media type object carries any example (`example`, or a non-empty `examples` map). */
export function hasExample(ctx, media) {
  if (!isObject(media.value)) return false;
  if (Object.prototype.hasOwnProperty.call(media.value, "example")) return true;
  const examples = follow(ctx, media.value.examples, media.location.child(["examples"]));
  return !!examples && isObject(examples.value) && Object.keys(examples.value).length > 0;
}

/** The inline example values of a media type: `{ name, value, location }` (externalValue is skipped). */
export function exampleValues(ctx, media) {
  const out = [];
  if (Object.prototype.hasOwnProperty.call(media.value, "example")) {
    out.push({ name: "example", value: media.value.example, location: media.location.child(["example"]) });
  }
  const examples = follow(ctx, media.value.examples, media.location.child(["examples"]));
  for (const [name, example] of members(ctx, examples)) {
    if (!isObject(example.value) || !Object.prototype.hasOwnProperty.call(example.value, "value")) continue;
    out.push({ name, value: example.value.value, location: example.location.child(["value"]) });
  }
  return out;
}

export function isJsonMediaType(name) {
  const base = String(name).split(";")[0].trim().toLowerCase();
  return base === "application/json" || base.endsWith("+json") || base === "*/*";
}

export function isEventStream(name) {
  return String(name).split(";")[0].trim().toLowerCase() === "text/event-stream";
}

/** A pointer for messages: "#/components/responses/TooManyRequests". */
export function pointerOf(location) {
  return location.pointer;
}
