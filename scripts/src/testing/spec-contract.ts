import { inBandMarker, type DocumentedEntry, type DocumentedFormat } from "./catalog-reference.js";
import { responseExamples, type SpecExample } from "./spec-examples.js";
import { streamErrorFrames, type StreamErrorFrame } from "./stream-error-frames.js";
import { loadSpec, type Spec } from "../spec.js";

/** What a provider's spec documents about its responses, sorted for the contract suite. */
export interface SpecContract {
  provider: string;
  spec: Spec;
  /** `x-errata` straight from the YAML, not the generated catalog: the reference the package is held to. */
  format: DocumentedFormat;
  entries: DocumentedEntry[];
  /** 4xx/5xx examples, and 2xx JSON examples that hold an in-band error marker. */
  errors: SpecExample[];
  /** The error frames inside the text/event-stream examples. */
  frames: StreamErrorFrame[];
  /** The text/event-stream examples themselves, with their x-errata-stream grammar. */
  streams: SpecExample[];
  /** 2xx JSON examples that are not in-band errors. */
  successes: SpecExample[];
}

export async function loadSpecContract(provider: string): Promise<SpecContract> {
  const spec = await loadSpec(provider);
  const { errorFormat: format, errors: entries } = spec["x-errata"];
  const examples = responseExamples(spec);
  const isJson = (ex: SpecExample) => ex.mediaType.includes("json");
  const isError = (ex: SpecExample) => ex.status >= 400 || (isJson(ex) && inBandMarker(format, ex.status, ex.value) !== undefined);
  return {
    provider,
    spec,
    format,
    entries,
    errors: examples.filter(isError),
    frames: streamErrorFrames(examples),
    streams: examples.filter((ex) => ex.stream !== undefined && typeof ex.value === "string"),
    successes: examples.filter((ex) => ex.status >= 200 && ex.status < 300 && isJson(ex) && !isError(ex)),
  };
}
