// Whether a header can hold the values a delay source's `format` reads (specs/README.md, "Delay
// sources"). Mirrors @errata/retry-policy's parsers in what they accept as a sane value; the runtime
// is more lenient (`duration` also reads plain seconds), the lint asks for the format that says what
// the provider sends.

import { headerExamples, schemaTypes } from "./headers.js";

const SECONDS = /^\d+(\.\d+)?$/;
const DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;
/** An HTTP-date always has letters (a bare number would parse as a year). */
const isHttpDate = (text) => /[a-z]/i.test(text) && !Number.isNaN(Date.parse(text));

/**
 * Per format: the schema types that can hold it, what a value looks like (`reads`), typical values
 * (to test a `pattern` with), and its name in messages. No format reads as `Retry-After` does:
 * delay-seconds or an HTTP-date.
 */
export const FORMATS = {
  seconds: { types: ["integer", "number", "string"], reads: (v) => SECONDS.test(v), samples: ["30", "1.5"], what: "a number of seconds" },
  ms: { types: ["integer", "number", "string"], reads: (v) => SECONDS.test(v), samples: ["1500"], what: "a number of milliseconds" },
  duration: { types: ["string"], reads: (v) => DURATION.test(v), samples: ["23s", "1m30s", "250ms"], what: "a duration such as 23s" },
  "http-date": { types: ["string"], reads: isHttpDate, samples: ["Wed, 21 Oct 2015 07:28:00 GMT"], what: "an HTTP-date" },
  default: { types: ["integer", "number", "string"], reads: (v) => SECONDS.test(v) || isHttpDate(v), samples: ["30", "Wed, 21 Oct 2015 07:28:00 GMT"], what: "seconds or an HTTP-date (as Retry-After)" },
};

function patternOf(schema) {
  const pattern = schema?.value.pattern;
  if (typeof pattern !== "string") return undefined;
  try {
    return new RegExp(pattern, "u");
  } catch {
    return undefined; // not ours to report: the pattern is the schema's business
  }
}

/**
 * Why a header (with its schema) cannot hold values of `format`, or undefined when it can. Checked:
 * the schema's type, every example value, and a string pattern (which must admit a typical value).
 */
export function misfit(ctx, header, schema, format) {
  const rule = FORMATS[format ?? "default"];
  const types = schemaTypes(schema);
  if (types && types.length > 0 && !types.some((t) => rule.types.includes(t))) {
    return `is typed ${types.join(" | ")}, which cannot hold ${rule.what}`;
  }
  const examples = headerExamples(ctx, header, schema);
  const wrong = examples.find((value) => !rule.reads(value.trim()));
  if (wrong !== undefined) return `has the example ${JSON.stringify(wrong)}, which is not ${rule.what}`;
  // The header's own examples (all readable by now) say best what it sends; typical values only without any.
  const tried = examples.length > 0 ? examples : rule.samples;
  const pattern = patternOf(schema);
  if (pattern && !tried.some((value) => pattern.test(value))) {
    return `has the pattern ${JSON.stringify(schema.value.pattern)}, which rejects ${tried.map((v) => JSON.stringify(v)).join(" and ")}: it cannot hold ${rule.what}`;
  }
  return undefined;
}

/** The formats (other than `format`) that the header fits, for the message's fix. */
export function fittingFormats(ctx, header, schema, format) {
  return ["seconds", "ms", "duration", "http-date"].filter((f) => f !== format && misfit(ctx, header, schema, f) === undefined);
}
