import { describe, expect, it } from "vitest";
import type { Catalog } from "../../src/catalog.js";
import { countProblems, errorTables, statedCounts, tableProblems } from "../../src/testing/readme-catalog.js";

const catalog: Catalog = {
  errorFormat: { type: ["error.type"], code: ["error.code"], inBand: { path: "status", errorValues: ["error"] } },
  errors: [
    {
      status: 429, type: "rate_limit_exceeded", code: "gremlin", retryable: true, category: "rate_limited", description: "d",
      retryAfter: [{ in: "body", path: "error.retry_after", unit: "s" }, { in: "header", name: "X-RateLimit-Reset-Requests", format: "duration" }],
    },
    {
      status: 429, type: "rate_limit_exceeded", code: "too_many_tokens", retryable: true, category: "rate_limited", description: "d",
      retryAfter: [{ in: "body", path: "error.retry_after", unit: "s" }, { in: "header", name: "X-RateLimit-Reset-Tokens", format: "duration" }],
    },
    { status: 429, type: "quota_exceeded", code: "no_treasure", retryable: false, category: "quota_exceeded", description: "d" },
    { status: 503, type: "overloaded_error", retryable: true, category: "unavailable", description: "d" },
    { status: 500, retryable: true, category: "server_error", description: "d" },
    { status: 200, marker: "error", retryable: false, category: "unknown", description: "d" },
  ],
};

// Header and separator are lines 2 and 3 under the heading, so the first row is line 4.
const table = (heading: string, header: string, ...rows: string[]) => [`## ${heading}`, header, header.replace(/[^|]+/g, "---"), ...rows].join("\n");
const subset = (...rows: string[]) => table("Why it matters", "| status | type | code | retryable | delay |", ...rows);
const complete = (...rows: string[]) => table("What the catalog says", "| HTTP | body `status` | type | code | category | retryable |", ...rows);
const limits = "| 429 | `rate_limit_exceeded` | `gremlin`, `too_many_tokens` | yes | body `error.retry_after`, else `X-RateLimit-Reset-*` |";
const quota = "| 429 | `quota_exceeded` | `no_treasure` | no | |";
const allRows = [
  "| 200 | `error` | | | unknown | no |", // line 4
  "| 200 | `processing` | | | **not an error** | – |",
  "| 429 | `error` | `rate_limit_exceeded` | `gremlin`, `too_many_tokens` | rate_limited | yes |",
  "| 429 | `error` | `quota_exceeded` | `no_treasure` | quota_exceeded | no |",
  "| 500 | `error` | | | server_error | yes |",
  "| 503 | `error` | `overloaded_error` | | unavailable | **yes** |", // line 9
];
const problems = (markdown: string) => errorTables(markdown).flatMap((t) => tableProblems(t, catalog));

describe("tableProblems", () => {
  it.each([
    ["a subset table that agrees", subset(limits, quota), []],
    ["a complete table that agrees; a row that is not an error is skipped", complete(...allRows), []],
    ["a flipped retryable", subset(limits, "| 429 | `quota_exceeded` | `no_treasure` | yes | |"), [
      "line 5: the row says retryable yes, the catalog says no for 429 type quota_exceeded code no_treasure",
    ]],
    ["a code the catalog does not have", subset(limits, "| 429 | `quota_exceeded` | `no_treasure`, `ghost` | no | |"), [
      "line 5: the row names code ghost at 429, which the catalog does not have",
    ]],
    ["a type whose new code is missing from its row", subset("| 429 | `rate_limit_exceeded` | `gremlin` | yes | body `error.retry_after`, `X-RateLimit-Reset-*` |"), [
      "line 4: the row lists the codes of type rate_limit_exceeded but not too_many_tokens",
    ]],
    ["a delay source not mentioned", subset("| 429 | `rate_limit_exceeded` | `gremlin`, `too_many_tokens` | yes | body `error.retry_after`, else `X-RateLimit-Reset-Requests` |"), [
      "line 4: the row does not mention header X-RateLimit-Reset-Tokens, a delay source of 429 type rate_limit_exceeded code too_many_tokens",
    ]],
    ["an error at another status than the row's", subset("| 500 | `quota_exceeded` | `no_treasure` | no | |"), [
      "line 4: the row names code no_treasure at 500, which the catalog does not have",
    ]],
    ["a complete table without a row for an entry", complete(...allRows.filter((row) => !row.startsWith("| 500"))), [
      "line 2: the table has no row for 500",
    ]],
    ["a wrong category", complete(...allRows.map((row) => row.replace("unavailable", "server_error"))), [
      "line 9: the row says category server_error, the catalog says unavailable for 503 type overloaded_error",
    ]],
    ["a category that is none", complete(...allRows.map((row) => row.replace("rate_limited", "throttled"))), [
      "line 6: the row says category throttled (not a category), the catalog says rate_limited for 429 type rate_limit_exceeded code gremlin",
      "line 6: the row says category throttled (not a category), the catalog says rate_limited for 429 type rate_limit_exceeded code too_many_tokens",
    ]],
    ["a status-only row the catalog lacks", complete(...allRows, "| 418 | `error` | | | unknown | no |"), [
      "line 10: the row names an error by status alone at 418, which the catalog does not have",
    ]],
  ])("%s", (_name, markdown, want) => {
    expect(problems(markdown)).toEqual(want);
  });

  it("reads only tables with a retryable column", () => {
    expect(errorTables(table("Options", "| option | default |", "| `x` | 1 |"))).toEqual([]);
  });
});

describe("countProblems", () => {
  it.each([
    ["the catalog's numbers", "The catalog (3 types, 3 codes, 6 entries) as a constant.", []],
    ["a stale code count", "Its 2 codes\nand 3 error types.", ['line 1: says "2 codes", the catalog has 3']],
    ["a stale entry count", "All 5 entries.", ['line 1: says "5 entries", the catalog has 6']],
    ["no counts at all", "Nothing counted here.", []],
  ])("%s", (_name, markdown, want) => {
    expect(countProblems(markdown, catalog)).toEqual(want);
  });

  it("lists what a README states, so a suite can tell there is something to check", () => {
    expect(statedCounts("(13 types, 16 codes) and 11 entries")).toEqual(["13 types", "16 codes", "11 entries"]);
  });
});
