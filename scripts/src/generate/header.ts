/** Every generated file starts with this, so nobody edits one by hand. */
export function generatedHeader(provider: string): string {
  return [
    "/**",
    ` * GENERATED from specs/${provider}/openapi.yaml by scripts/src/generate. DO NOT EDIT.`,
    " * Change the spec and run `pnpm generate` (turbo runs it before build and test).",
    " */",
    "",
  ].join("\n");
}

/** The spec's copy in its package starts with this: the file to change is the one in specs/. */
export function copiedSpecHeader(provider: string): string {
  return `# COPIED from specs/${provider}/openapi.yaml by scripts/src/generate, to ship in the package. DO NOT EDIT.\n`;
}
