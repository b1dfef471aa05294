// errata/stream-extension-valid: every streaming response states its grammar in `x-errata-stream`
// (specs/README.md, "x-errata-stream"), in the one place the generator reads it, in the form the
// generator accepts, and its error matchers recognise the error frames of the stream's own examples.
//
// - Place: the generator (scripts/src/generate/stream-module.ts, readStreams) reads the extension on
//   `content["text/event-stream"]` of an explicit 2xx response (200-299) of a get/put/post/delete/
//   options/head/patch operation under `paths`, the response inline or one local `$ref` to
//   `#/components/responses/<Name>`, and one streaming operation per path. Anywhere else in the
//   document the extension is ignored, which is reported.
// - Form: the generator's own checks (readOne): only requestBody, dataSchema, terminator and errors;
//   dataSchema a `$ref` to an existing `#/components/schemas/<Name>`; requestBody a mapping; a
//   matcher is a mapping of string event / data / has with at least one of them, plus a boolean
//   `deliver` (terminator) or a string `wrap` and a dataSchema (error rules); errors a list.
// - Presence: a 2xx text/event-stream media type of an operation without the extension.
// - Examples: each error frame of the media type's stream examples (as catalog-has-examples reads
//   them: `data: {"error": ...}`, or `event: error` with the bare error object; lib/examples.js) goes
//   through the runtime's order (packages/retry-policy/src/stream/frames.ts): the terminator, then the
//   error rules; it must reach an error rule, and the body that rule hands to the catalog must still
//   carry the type or code the frame has (a bare object needs `wrap`).

import { follow, isEventStream, isObject, isSuccessStatus, members, operations, exampleValues, mediaTypes, statusNumber } from "../lib/document.js";
import { firstString, readCatalog } from "../lib/catalog.js";
import { errorFrames } from "../lib/examples.js";
import { rootRule } from "../lib/rule.js";

const EXTENSION = "x-errata-stream";
const SEE = '(specs/README.md, "x-errata-stream")';
// The generator's vocabulary (stream-module.ts): its METHODS, STREAM_KEYS, MATCH_KEYS and SCHEMA_REF.
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"];
const STREAM_KEYS = ["requestBody", "dataSchema", "terminator", "errors"];
const MATCH_KEYS = ["event", "data", "has"];
const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;
const RESPONSE_REF = /^#\/components\/responses\/([^/]+)$/;
const MEDIA = "text/event-stream";

const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

/**
 * The media types the generator reads the extension from, in its order:
 * `{ label, path, status, media: {value, location} }`, the location being where the media type lives.
 */
function readPlaces(ctx, root) {
  const out = [];
  if (!isObject(root.paths)) return out;
  for (const [path, item] of Object.entries(root.paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const responses = isObject(item[method]) ? item[method].responses : undefined;
      if (!isObject(responses)) continue;
      for (const [status, raw] of Object.entries(responses)) {
        if (!/^2\d\d$/.test(status) || !isObject(raw)) continue;
        let response = raw;
        let at = ctx.location.child(["paths", path, method, "responses", status]);
        if (typeof raw.$ref === "string") {
          const name = RESPONSE_REF.exec(raw.$ref)?.[1];
          const target = name === undefined || !isObject(root.components?.responses) ? undefined : root.components.responses[name];
          if (!isObject(target)) continue;
          response = target;
          at = ctx.location.child(["components", "responses", name]);
        }
        const media = isObject(response.content) ? response.content[MEDIA] : undefined;
        if (!isObject(media) || media[EXTENSION] === undefined) continue;
        out.push({ label: `${method.toUpperCase()} ${path} ${status}`, path, status, media: { value: media, location: at.child(["content", MEDIA]) } });
      }
    }
  }
  return out;
}

/** Every `x-errata-stream` key in the document: the Location of the node that holds it. */
function everyExtension(ctx, root) {
  const out = [];
  const seen = new Set();
  const walk = (node, segments) => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...segments, i]));
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === EXTENSION) out.push(ctx.location.child(segments));
      else walk(value, [...segments, key]);
    }
  };
  walk(root, []);
  return out;
}

/** Why an extension the generator does not read is there, from how operations reach it (or not). */
function misplacedReasons(ctx, root, read) {
  const reasons = new Map();
  for (const op of operations(ctx, root)) {
    const responses = follow(ctx, op.operation.responses, op.location.child(["responses"]));
    for (const [status, response] of members(ctx, responses)) {
      if (!isObject(response.value)) continue;
      for (const [name, media] of mediaTypes(ctx, response)) {
        const id = media.location.absolutePointer;
        if (media.value[EXTENSION] === undefined || read.has(id) || reasons.has(id)) continue;
        const where = `the ${status} ${name} response of ${op.label}`;
        let why;
        if (!isSuccessStatus(status)) why = `it is on ${where}, and only a 2xx response streams`;
        else if (statusNumber(status) === undefined) why = `it is on ${where}: give the response an explicit status (200), the generator does not read ranges`;
        else if (name !== MEDIA) why = isEventStream(name) ? `it is on ${where}: the media type must be named exactly ${MEDIA}, without parameters` : `it is on ${where}, which is not ${MEDIA}`;
        else why = `it is on ${where}, reached in a way the generator does not follow (a webhook, a trace operation, or more than one $ref: only one local $ref to #/components/responses/<Name> is followed)`;
        reasons.set(id, why);
      }
    }
  }
  return reasons;
}

/** The generator's `match`: one report per problem; true when the matcher is well-formed. */
function checkMatch(r, value, at, what, extra, alsoAllowed = []) {
  if (!isObject(value)) {
    r.report(`${what} must be a mapping of ${MATCH_KEYS.join(", ")}${Object.keys(extra).map((k) => `, ${k}`).join("")} ${SEE}.`, at);
    return false;
  }
  let ok = true;
  for (const [key, item] of Object.entries(value)) {
    const expected = MATCH_KEYS.includes(key) ? "string" : own(extra, key) ? extra[key] : undefined;
    if (expected === undefined) {
      r.report(`${what} has an unknown field "${key}"; allowed: ${[...MATCH_KEYS, ...Object.keys(extra), ...alsoAllowed].join(", ")} ${SEE}.`, at.child([key]).key());
      ok = false;
    } else if (typeof item !== expected) {
      r.report(`${what}.${key} must be a ${expected}, not ${JSON.stringify(item)}.`, at.child([key]));
      ok = false;
    }
  }
  if (!MATCH_KEYS.some((key) => own(value, key))) {
    r.report(`${what} matches every message: give it at least one of ${MATCH_KEYS.join(", ")} (all given must hold) ${SEE}.`, at);
    ok = false;
  }
  return ok;
}

/** The generator's dataSchema check. */
function checkSchemaRef(r, root, value, at, what) {
  const ref = isObject(value) ? value.$ref : undefined;
  const name = typeof ref === "string" ? SCHEMA_REF.exec(ref)?.[1] : undefined;
  if (name === undefined) {
    r.report(`${what} must be {$ref: "#/components/schemas/<Name>"}, a component schema the generator can name ${SEE}.`, at);
    return false;
  }
  const schemas = root.components?.schemas;
  if (!isObject(schemas) || !own(schemas, name) || !isObject(schemas[name])) {
    r.report(`${what} names an unknown schema ${name}: no components.schemas.${name}.`, at);
    return false;
  }
  return true;
}

/**
 * The generator's readOne, reporting every problem instead of the first. Returns the runtime format
 * `{ terminator, errors }` when the extension is well-formed, else undefined.
 */
function checkExtension(r, root, raw, at, label) {
  const what = `x-errata-stream (${label})`;
  if (!isObject(raw)) {
    r.report(`${what} must be a mapping of ${STREAM_KEYS.join(", ")} ${SEE}.`, at);
    return undefined;
  }
  let ok = true;
  for (const key of Object.keys(raw)) {
    if (!STREAM_KEYS.includes(key)) {
      r.report(`${what} has an unknown field "${key}"; allowed: ${STREAM_KEYS.join(", ")} ${SEE}.`, at.child([key]).key());
      ok = false;
    }
  }
  if (raw.dataSchema !== undefined) ok = checkSchemaRef(r, root, raw.dataSchema, at.child(["dataSchema"]), `${what}.dataSchema`) && ok;
  if (raw.requestBody !== undefined && !isObject(raw.requestBody)) {
    r.report(`${what}.requestBody must be a mapping of the body fields that ask for the stream, e.g. { stream: true }.`, at.child(["requestBody"]));
    ok = false;
  }
  if (raw.terminator !== undefined) ok = checkMatch(r, raw.terminator, at.child(["terminator"]), `${what}.terminator`, { deliver: "boolean" }) && ok;
  if (raw.errors !== undefined) {
    if (!Array.isArray(raw.errors)) {
      r.report(`${what}.errors must be a list of error frame matchers, e.g. [{ has: error }].`, at.child(["errors"]));
      ok = false;
    } else {
      raw.errors.forEach((rule, i) => {
        const ruleAt = at.child(["errors", i]);
        const ruleWhat = `${what}.errors[${i}]`;
        if (!isObject(rule)) {
          r.report(`${ruleWhat} must be a mapping of ${MATCH_KEYS.join(", ")}, wrap, dataSchema ${SEE}.`, ruleAt);
          ok = false;
          return;
        }
        const { dataSchema, ...rest } = rule;
        if (dataSchema !== undefined) ok = checkSchemaRef(r, root, dataSchema, ruleAt.child(["dataSchema"]), `${ruleWhat}.dataSchema`) && ok;
        // dataSchema (documentation, checked above) is taken out first, as the generator does
        ok = checkMatch(r, rest, ruleAt, ruleWhat, { wrap: "string" }, ["dataSchema"]) && ok;
      });
    }
  }
  if (!ok) return undefined;
  const errors = (raw.errors ?? []).map(({ dataSchema: _doc, ...rule }) => rule);
  return { terminator: raw.terminator, errors };
}

const NOT_JSON = Symbol("not JSON");

/** The runtime's `matches` (stream/frames.ts) for one SSE message: `{ event, data, json }`. */
function matches(rule, message) {
  if (rule.event !== undefined && message.event !== rule.event) return false;
  if (rule.data !== undefined && message.data !== rule.data) return false;
  if (rule.has !== undefined) {
    let value = message.json;
    for (const key of rule.has.split(".")) {
      if (value === null || typeof value !== "object") return false;
      value = value[key];
    }
    if (value === undefined) return false;
  }
  return true;
}

/** A matcher that would catch this frame, for the message. */
function suggestion(frame, body, format) {
  if (frame.field !== undefined) return `{ event: ${frame.field} }`;
  const path = [...format.type, ...format.code, ...format.message].find((p) => {
    let value = body;
    for (const key of p.split(".")) value = value === null || typeof value !== "object" ? undefined : value[key];
    return value !== undefined;
  });
  return path ? `{ has: ${path.split(".")[0]} }` : "a matcher for it";
}

/** The runtime's classifyMessage for an error frame of an example, reported when it is not an error there. */
function checkFrames(r, ctx, place, stream, format) {
  const code = statusNumber(place.status);
  for (const example of exampleValues(ctx, place.media)) {
    if (typeof example.value !== "string") continue;
    for (const error of errorFrames(format, example.value, code)) {
      const { frame } = error;
      let json;
      try {
        json = JSON.parse(frame.data);
      } catch {
        json = NOT_JSON;
      }
      const message = { event: frame.field, data: frame.data, json };
      const what = `Error frame ${error.index + 1} of example "${example.name}" (${place.label}, ${JSON.stringify(frame.data.length > 80 ? `${frame.data.slice(0, 77)}...` : frame.data)})`;
      if (isObject(stream.terminator) && matches(stream.terminator, message)) {
        r.report(`${what} matches x-errata-stream.terminator, which is tried first, so the stream would end there instead of failing: make the terminator more specific.`, example.location);
        continue;
      }
      const index = stream.errors.findIndex((rule) => matches(rule, message));
      if (index < 0) {
        r.report(`${what} is recognised by none of x-errata-stream.errors, so the client would yield it as an ordinary event: add a matcher such as ${suggestion(frame, json, format)} ${SEE}.`, example.location);
        continue;
      }
      if (error.type === undefined && error.code === undefined) continue;
      // What the runtime hands to the catalog: the data, or {[wrap]: data} when it lacks that member.
      const rule = stream.errors[index];
      const data = json === NOT_JSON ? frame.data : json;
      const body = rule.wrap !== undefined && !(isObject(data) && own(data, rule.wrap)) ? { [rule.wrap]: data } : data;
      if (firstString(body, format.type) === undefined && firstString(body, format.code) === undefined) {
        const wrap = [...format.type, ...format.code].find((p) => p.includes("."))?.split(".")[0];
        r.report(
          `${what} matches x-errata-stream.errors[${index}], but the body it hands to the catalog has nothing at ${[...format.type, ...format.code].join(" / ")}, so its ${error.code !== undefined ? `code ${JSON.stringify(error.code)}` : `type ${JSON.stringify(error.type)}`} is lost${wrap ? `: the data is a bare error object, give the rule wrap: ${wrap}` : ""} ${SEE}.`,
          example.location,
        );
      }
    }
  }
}

export default rootRule("stream-extension-valid", (root, ctx, r) => {
  if (!isObject(root)) return;
  const places = readPlaces(ctx, root);
  const read = new Set(places.map((p) => p.media.location.absolutePointer));

  // Where the generator does not read it, the extension is silently ignored.
  const reasons = misplacedReasons(ctx, root, read);
  for (const holder of everyExtension(ctx, root)) {
    if (read.has(holder.absolutePointer)) continue;
    const why = reasons.get(holder.absolutePointer) ?? `it is not on the ${MEDIA} media type of a 2xx response of an operation`;
    r.report(`x-errata-stream is ignored here: ${why}. It belongs on the ${MEDIA} media type of the operation's 2xx response ${SEE}.`, holder.child([EXTENSION]).key());
  }

  // Every streaming response of an operation the client calls states its grammar (webhooks and
  // trace are not called; an extension there is reported above as ignored).
  for (const op of operations(ctx, root)) {
    if (!op.location.pointer.startsWith("#/paths/") || !METHODS.includes(op.label.split(" ")[0].toLowerCase())) continue;
    const responses = follow(ctx, op.operation.responses, op.location.child(["responses"]));
    for (const [status, response] of members(ctx, responses)) {
      if (!isSuccessStatus(status) || !isObject(response.value)) continue;
      for (const [name, media] of mediaTypes(ctx, response)) {
        if (!isEventStream(name) || media.value[EXTENSION] !== undefined) continue;
        const explicit = statusNumber(status) === undefined ? ` (under an explicit status such as 200: the generator does not read ${status})` : "";
        r.report(
          `The ${status} ${name} response of ${op.label} has no x-errata-stream${explicit}: state its events' dataSchema, its terminator and its error frames, or the client cannot stream it ${SEE}.`,
          media.location.key(),
        );
      }
    }
  }

  // The form, one stream per path, and the error frames of the examples.
  const catalog = readCatalog(root);
  const firstOnPath = new Map();
  for (const place of places) {
    const at = place.media.location.child([EXTENSION]);
    const first = firstOnPath.get(place.path);
    if (first !== undefined) {
      r.report(`x-errata-stream (${place.label}): ${first} already streams on ${place.path}, and the client supports one streaming operation per path ${SEE}.`, at.key());
    } else {
      firstOnPath.set(place.path, place.label);
    }
    const stream = checkExtension(r, root, place.media.value[EXTENSION], at, place.label);
    if (stream && catalog) checkFrames(r, ctx, place, stream, catalog.format);
  }
});
