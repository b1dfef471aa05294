// Everything here is generated from specs/gpt-gob/openapi.yaml; GPT Gob needs no hand-written layer.
export * from "./generated/index.js";
