import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { parseErrorWith, type ErrorCatalog } from "@errata/retry-policy";

/** One documented response of an operation, as the server sends it, with what the spec says about it. */
export interface SpecReply {
  /** The example's name in the spec, e.g. `no_treasure_in_hoard`. */
  name: string;
  status: number;
  body: string;
  /** What the spec's `x-errata` catalog says (classified with parseErrorWith): the benchmark's truth. */
  retryable: boolean;
  code: string | undefined;
}

export interface SpecFacts {
  provider: string;
  /** The catalog exactly as the spec's `x-errata` states it. */
  catalog: ErrorCatalog;
  /** Every example of `POST /chat/completions`, by example name. */
  replies: Map<string, SpecReply>;
}

const specsDir = fileURLToPath(new URL("../../specs/", import.meta.url));

function resolve(doc: any, node: any): any {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string" && hops < 20; hops++) {
    const pointer = current.$ref.replace(/^#\//, "").split("/").map((p: string) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    current = pointer.reduce((at: any, key: string) => at?.[key], doc);
  }
  return current;
}

/** Reads specs/<provider>/openapi.yaml: its catalog, and the JSON examples of `POST /chat/completions`. */
export function loadSpecFacts(provider: string, path = "/chat/completions"): SpecFacts {
  const doc = parse(readFileSync(`${specsDir}${provider}/openapi.yaml`, "utf8"));
  const xErrata = doc["x-errata"];
  if (!xErrata?.errors) throw new Error(`specs/${provider}/openapi.yaml has no x-errata catalog`);
  const catalog: ErrorCatalog = { provider, errorFormat: xErrata.errorFormat ?? {}, errors: xErrata.errors };
  const replies = new Map<string, SpecReply>();
  const operation = doc.paths?.[path]?.post;
  if (!operation) throw new Error(`specs/${provider}/openapi.yaml has no POST ${path}`);
  for (const [code, raw] of Object.entries<any>(operation.responses ?? {})) {
    const status = Number(code);
    const response = resolve(doc, raw);
    const media = response?.content?.["application/json"];
    for (const [name, example] of Object.entries<any>(media?.examples ?? {})) {
      const value = resolve(doc, example)?.value;
      if (value === undefined || replies.has(name)) continue;
      const body = JSON.stringify(value);
      const error = status >= 400 ? parseErrorWith(catalog, { status, body }) : undefined;
      replies.set(name, { name, status, body, retryable: error?.retryable ?? false, code: error?.code });
    }
  }
  return { provider, catalog, replies };
}

/** The example called `name`, or an error naming what the spec lacks. */
export function reply(facts: SpecFacts, name: string): SpecReply {
  const found = facts.replies.get(name);
  if (!found) throw new Error(`specs/${facts.provider}/openapi.yaml: no example "${name}" under POST /chat/completions`);
  return found;
}
