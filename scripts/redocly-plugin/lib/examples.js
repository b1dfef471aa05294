// The error examples of a spec, as the runtime would see them: each with its status and the keys
// (type, code, in-band marker) that classification reads.

import { exampleValues, isErrorStatus, isEventStream, isObject, isSuccessStatus, mediaTypes, operationResponses, statusNumber } from "./document.js";
import { firstString, parseBody, readPath } from "./catalog.js";

/**
 * Server-sent events from a text: `{ event, data, field }` per event. `event` is "message" when there
 * is no `event:` line (the browser's default); `field` is the `event:` name as the runtime's parser
 * (eventsource-parser) reports it, undefined without one (or when it is empty).
 */
export function parseSse(text) {
  const frames = [];
  let event;
  let data = [];
  const flush = () => {
    if (data.length > 0) frames.push({ event: event || "message", field: event || undefined, data: data.join("\n") });
    event = undefined;
    data = [];
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === "") {
      flush();
      continue;
    }
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  flush();
  return frames;
}

/** The paths without their first segment: `error.type` → `type`, for a bare error object. */
function bare(paths) {
  return paths.filter((p) => p.includes(".")).map((p) => p.slice(p.indexOf(".") + 1));
}

function markerOf(format, body) {
  if (!format.inBand) return undefined;
  const value = readPath(body, format.inBand.path);
  return typeof value === "string" && format.inBand.errorValues.includes(value) ? value : undefined;
}

/**
 * The error of one SSE frame, or undefined when the frame is an ordinary event. A frame is an error
 * when it is an `event: error`, or when its JSON holds something at one of the error paths
 * (`data: {"error": {...}}`). An `event: error` may carry the bare error object (llama-server's
 * `{"code", "message", "type"}` without the `error` wrapper): its keys are then read without the
 * first path segment.
 */
function frameError(format, frame, status) {
  const body = parseBody(frame.data);
  if (!isObject(body)) return undefined;
  const paths = [...format.type, ...format.code, ...format.message];
  const marker = markerOf(format, body);
  const wrapped = paths.some((p) => readPath(body, p) !== undefined);
  if (frame.event !== "error" && !wrapped && marker === undefined) return undefined;
  let type = firstString(body, format.type);
  let code = firstString(body, format.code);
  if (frame.event === "error" && !wrapped) {
    type = firstString(body, bare(format.type));
    code = firstString(body, bare(format.code));
  }
  return { status, type, code, marker, body };
}

/**
 * The error frames of a text/event-stream example: `{ frame, index, status, type, code, marker, body }`
 * per frame that is an error (see frameError), where `frame` is parseSse's and `index` its position.
 */
export function errorFrames(format, text, status) {
  const out = [];
  parseSse(text).forEach((frame, index) => {
    const error = frameError(format, frame, status);
    if (error) out.push({ frame, index, ...error });
  });
  return out;
}

/**
 * Every example that the runtime would turn into an error, with what it classifies by:
 * `{ status, type, code, marker, where, name, statusKey, mediaName, location, response, media, stream }`,
 * where `statusKey` is the responses key (`429`, `4XX`), `location` the example's value and `response` / `media` (`{value, location}`) hold it. JSON and
 * text examples of 4xx/5xx responses; 2xx JSON examples holding an in-band error marker; error frames
 * inside `text/event-stream` string examples (any status).
 */
export function errorExamples(ctx, root, format) {
  const out = [];
  for (const { label, status, response } of operationResponses(ctx, root)) {
    const code = statusNumber(status);
    for (const [mediaName, media] of mediaTypes(ctx, response)) {
      for (const example of exampleValues(ctx, media)) {
        const where = `${label} ${status} ${mediaName} "${example.name}"`;
        const held = { name: example.name, statusKey: status, mediaName, location: example.location, response, media };
        if (isEventStream(mediaName) && typeof example.value === "string") {
          for (const { frame, ...error } of errorFrames(format, example.value, code)) {
            out.push({ ...error, where, ...held, stream: true });
          }
          continue;
        }
        const body = typeof example.value === "string" ? parseBody(example.value) : example.value;
        const marker = isSuccessStatus(status) ? markerOf(format, body) : undefined;
        if (!isErrorStatus(status) && marker === undefined) continue;
        out.push({
          status: code,
          type: firstString(body, format.type),
          code: firstString(body, format.code),
          marker,
          body,
          where,
          ...held,
          stream: false,
        });
      }
    }
  }
  return out;
}
