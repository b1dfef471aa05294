// Everything here is generated from specs/a15t/openapi.yaml; a15t needs no hand-written layer.
export * from "./generated/index.js";
