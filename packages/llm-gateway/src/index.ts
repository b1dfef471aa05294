// Everything here is generated from specs/llm-gateway/openapi.yaml; LLM Gateway needs no hand-written layer.
export * from "./generated/index.js";
