// Everything here is generated from specs/gguf-cloud/openapi.yaml; GGUF Cloud needs no hand-written layer.
export * from "./generated/index.js";
