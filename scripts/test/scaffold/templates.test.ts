import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { displayName } from "../../src/scaffold/new-provider.js";
import { indexTs, packageJson, tsconfigJson, tsupConfig, turboJson, vitestConfig, type PackageNames } from "../../src/scaffold/templates.js";
import { repoRoot } from "../../src/spec.js";

/**
 * The templates against the five packages that build and pass their tests: a package made by
 * `pnpm new-provider` is one of them. Where a package differs on purpose, the row says how.
 */
const read = (id: string, file: string) => readFile(path.join(repoRoot, "packages", id, file), "utf8");
const names = async (id: string): Promise<PackageNames> => {
  const spec = parse(await readFile(path.join(repoRoot, "specs", id, "openapi.yaml"), "utf8"));
  return { id, name: displayName(id, spec.info.title) };
};

/** What a package changed in its own copy, undone: a longer description, an extra dev dependency, ... */
type Undo = (text: string) => string;
const keep: Undo = (text) => text;
const ownDescription = (template: string): Undo => (text) => text.replace(/"description": "[^"]*"/, /"description": "[^"]*"/.exec(template)![0]);

const ownComment = (template: string): Undo => (text) => text.replace(/; .* needs no hand-written layer/, /; .* needs no hand-written layer/.exec(template)![0]);

type Row = [string, { given: { id: string; file: string; template: (n: PackageNames) => string; undo?: (template: string) => Undo }; want: "the same" }];

describe("pnpm new-provider writes what every provider package has", () => {
  it.each<Row>([
    ...["gpt-gob", "a15t", "gguf-cloud", "llm-gateway", "modelslab"].flatMap((id): Row[] => [
      [`${id} tsup.config.ts`, { given: { id, file: "tsup.config.ts", template: tsupConfig }, want: "the same" }],
      [`${id} vitest.config.ts`, { given: { id, file: "vitest.config.ts", template: vitestConfig }, want: "the same" }],
      [`${id} tsconfig.json`, { given: { id, file: "tsconfig.json", template: tsconfigJson }, want: "the same" }],
    ]),
    ["gpt-gob package.json", { given: { id: "gpt-gob", file: "package.json", template: packageJson }, want: "the same" }],
    ["llm-gateway package.json (its own description)", { given: { id: "llm-gateway", file: "package.json", template: packageJson, undo: ownDescription }, want: "the same" }],
    ["modelslab package.json (its own description)", { given: { id: "modelslab", file: "package.json", template: packageJson, undo: ownDescription }, want: "the same" }],
    ["a15t package.json (its own description; the openai SDK for its README test)", {
      given: { id: "a15t", file: "package.json", template: packageJson, undo: (t) => (text) => ownDescription(t)(text).replace('    "openai": "6.49.0",\n', "") },
      want: "the same",
    }],
    ["gguf-cloud package.json (its own description)", {
      given: { id: "gguf-cloud", file: "package.json", template: packageJson, undo: ownDescription },
      want: "the same",
    }],
    ["gpt-gob turbo.json (its README test reads the root README)", { given: { id: "gpt-gob", file: "turbo.json", template: turboJson, undo: () => (text) => text.replace(',\n        "$TURBO_ROOT$/README.md"', "") }, want: "the same" }],
    ...["a15t", "gguf-cloud", "llm-gateway", "modelslab"].map((id): Row => [`${id} turbo.json`, { given: { id, file: "turbo.json", template: turboJson }, want: "the same" }]),
    ["gpt-gob src/index.ts", { given: { id: "gpt-gob", file: "src/index.ts", template: indexTs }, want: "the same" }],
    // Their comments use a shorter name than the spec's title ("LLM Gateway" for "LLM Gateway Core").
    ...["a15t", "gguf-cloud", "llm-gateway"].map((id): Row => [`${id} src/index.ts (a shorter name in its comment)`, { given: { id, file: "src/index.ts", template: indexTs, undo: ownComment }, want: "the same" }]),
  ])("%s", async (_name, { given }) => {
    const template = given.template(await names(given.id));
    const undo = given.undo?.(template) ?? keep;
    expect(undo(await read(given.id, given.file))).toBe(template);
  });
});

describe("displayName: the provider's name from its spec's title", () => {
  it.each<[string, { given: [string, unknown]; want: string }]>([
    ["without a trailing API", { given: ["gpt-gob", "GPT Gob API"], want: "GPT Gob" }],
    ["any case", { given: ["acme", "Acme api "], want: "Acme" }],
    ["API inside the title stays", { given: ["acme", "API Hub for Acme"], want: "API Hub for Acme" }],
    ["the id when there is no title", { given: ["acme", undefined], want: "acme" }],
    ["the id when the title is only API", { given: ["acme", "API"], want: "acme" }],
  ])("%s", (_name, { given, want }) => {
    expect(displayName(...given)).toBe(want);
  });
});
