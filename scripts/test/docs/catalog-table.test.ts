import { describe, expect, it } from "vitest";
import type { Catalog, CatalogEntry, DelaySource, ErrorFormat } from "../../src/catalog.js";
import {
  TABLE_HEADER,
  catalogMarkdown,
  catalogRows,
  catalogSummary,
  catalogTable,
  cell,
  classificationText,
  delaySource,
  retryDelay,
  sortedEntries,
} from "../../src/docs/catalog-table.js";

const gobFormat: ErrorFormat = {
  type: ["error.type"],
  code: ["error.code"],
  message: ["error.message"],
  requestIdHeaders: ["x-request-id"],
};

const entry = (over: Partial<CatalogEntry>): CatalogEntry => ({ retryable: false, category: "unknown", description: "d", ...over });

const gob: Catalog = {
  errorFormat: gobFormat,
  errors: [
    entry({ status: 429, type: "rate_limit_exceeded", retryable: true, category: "rate_limited", description: "Too many requests." }),
    entry({ status: 403, type: "permission_error", code: "scope_required", category: "permission", description: "Lacks the scope.", inferred: ["status"] }),
    entry({
      status: 429,
      type: "rate_limit_exceeded",
      code: "gremlin_in_the_pipes",
      retryable: true,
      category: "rate_limited",
      retryAfter: [
        { in: "body", path: "error.retry_after", unit: "s" },
        { in: "header", name: "X-RateLimit-Reset-Requests", format: "duration" },
      ],
      description: "RPM limit hit.",
    }),
    entry({ status: 500, type: "server_error", code: "goblin_distracted", retryable: true, category: "stream_interrupted", stream: true, description: "Aborted mid-stream." }),
  ],
};

const modelslab: Catalog = {
  errorFormat: { message: ["message", "messege"], inBand: { path: "status", errorValues: ["error", "failed"] } },
  errors: [
    entry({ status: 429, retryable: true, category: "rate_limited", retryAfter: [{ in: "body", path: "retry_after", unit: "s" }], description: "Queue limit." }),
    entry({ status: 200, marker: "failed", retryable: true, resubmit: true, category: "server_error", description: "The job failed.", inferred: ["retryable", "category"] }),
  ],
};

describe("cell", () => {
  it.each<[string, { given: string; want: string }]>([
    ["plain text stays", { given: "Monthly quota gone.", want: "Monthly quota gone." }],
    ["a pipe would split the column", { given: "a | b", want: "a \\| b" }],
    ["newlines become spaces", { given: "one\n  two\n", want: "one two" }],
    ["HTML is shown, not rendered", { given: "<script>x</script>", want: "&lt;script&gt;x&lt;/script&gt;" }],
  ])("%s", (_name, { given, want }) => {
    expect(cell(given)).toBe(want);
  });
});

describe("delaySource", () => {
  it.each<[string, { given: DelaySource; want: string }]>([
    ["body seconds", { given: { in: "body", path: "error.retry_after", unit: "s" }, want: "body error.retry_after (seconds)" }],
    ["body milliseconds", { given: { in: "body", path: "wait_ms", unit: "ms" }, want: "body wait_ms (milliseconds)" }],
    ["body without unit is seconds", { given: { in: "body", path: "retry_after" }, want: "body retry_after (seconds)" }],
    ["header duration", { given: { in: "header", name: "X-RateLimit-Reset-Tokens", format: "duration" }, want: "header X-RateLimit-Reset-Tokens (duration)" }],
    ["header without format is seconds", { given: { in: "header", name: "X-Wait" }, want: "header X-Wait (seconds)" }],
  ])("%s", (_name, { given, want }) => {
    expect(delaySource(given)).toBe(want);
  });
});

describe("retryDelay", () => {
  const wide: ErrorFormat = { ...gobFormat, retryAfter: [{ in: "header", name: "X-Reset", format: "http-date" }] };
  it.each<[string, { given: [CatalogEntry, ErrorFormat]; want: string }]>([
    ["not retryable: no delay", { given: [entry({ status: 429, retryable: false, retryAfter: [{ in: "body", path: "x" }] }), wide], want: "—" }],
    ["the entry's own sources, in order", { given: [gob.errors[2]!, wide], want: "body error.retry_after (seconds),<br>then header X-RateLimit-Reset-Requests (duration)" }],
    ["else the provider-wide sources", { given: [entry({ status: 503, retryable: true }), wide], want: "header X-Reset (http-date) (provider-wide)" }],
    ["else backoff", { given: [entry({ status: 503, retryable: true }), gobFormat], want: "backoff" }],
    ["retryable by resubmitting only: never replayed", { given: [entry({ status: 200, marker: "failed", retryable: true, resubmit: true }), wide], want: "not replayed: submit again" }],
  ])("%s", (_name, { given, want }) => {
    expect(retryDelay(...given)).toBe(want);
  });
});

describe("sortedEntries", () => {
  it("orders by status and keeps catalog order within a status", () => {
    const sorted = sortedEntries([entry({ status: 500, code: "a" }), entry({ code: "no-status" }), entry({ status: 429, type: "t" }), entry({ status: 429, code: "b" })]);
    expect(sorted.map((e) => e.code ?? e.type)).toEqual(["t", "b", "a", "no-status"]);
  });
});

describe("catalogRows", () => {
  it.each<[string, { given: Catalog; want: string[][] }]>([
    [
      "type and code, stream, inferred and delay sources",
      {
        given: gob,
        want: [
          ["403", "permission_error", "scope_required", "no", "permission", "—", "Lacks the scope.<br>*Inferred: status.*"],
          ["429", "rate_limit_exceeded", "—", "**yes**", "rate_limited", "backoff", "Too many requests."],
          ["429", "rate_limit_exceeded", "gremlin_in_the_pipes", "**yes**", "rate_limited", "body error.retry_after (seconds),<br>then header X-RateLimit-Reset-Requests (duration)", "RPM limit hit."],
          ["500<br>*in stream*", "server_error", "goblin_distracted", "**yes**", "stream_interrupted", "backoff", "Aborted mid-stream."],
        ],
      },
    ],
    [
      "status-only and in-band marker entries",
      {
        given: modelslab,
        want: [
          ["200", "—", "status = failed", "**yes**, by resubmitting", "server_error", "not replayed: submit again", "The job failed.<br>*Inferred: retryable, category.*"],
          ["429", "—", "—", "**yes**", "rate_limited", "body retry_after (seconds)", "Queue limit."],
        ],
      },
    ],
  ])("%s", (_name, { given, want }) => {
    expect(catalogRows(given)).toEqual(want);
  });
});

describe("catalogTable", () => {
  it("is a GFM table with a header, a delimiter row and one row per entry", () => {
    const lines = catalogTable(gob).split("\n");
    expect(lines[0]).toBe(`| ${TABLE_HEADER.join(" | ")} |`);
    expect(lines[1]).toBe(`| ${TABLE_HEADER.map(() => "---").join(" | ")} |`);
    expect(lines).toHaveLength(2 + gob.errors.length);
    for (const line of lines) expect(line.split(/(?<!\\)\|/).length - 2).toBe(TABLE_HEADER.length);
  });

  it("names the status, type, code, retryability, category, delay, description and inference", () => {
    expect(TABLE_HEADER).toEqual(["Status", "Type", "Code / marker", "Retryable", "Category", "Retry delay from", "Description"]);
  });
});

describe("classificationText", () => {
  it.each<[string, { given: Catalog; want: RegExp[]; not?: RegExp[] }]>([
    [
      "code, then type, then status",
      {
        given: gob,
        want: [/1\. its \*\*code\*\* \(`error\.code`\)/, /2\. else its \*\*type\*\* \(`error\.type`\)/, /3\. else its \*\*HTTP status\*\*/, /4\. else the defaults/, /in stream/, /\*Inferred\*/, /`x-request-id`/],
        not: [/2xx bodies/, /resubmitting/],
      },
    ],
    [
      "in-band marker, then status",
      {
        given: modelslab,
        want: [/no error type or code\./, /a 2xx body whose `status` is `error` or `failed` is an error/, /1\. for a 2xx body, its in-band \*\*marker\*\*/, /2\. else its \*\*HTTP status\*\*/, /\*by resubmitting\* is not replayed/],
        not: [/\*\*code\*\*/, /in stream/, /request id/],
      },
    ],
    [
      "status only",
      {
        given: { errorFormat: { message: ["detail"] }, errors: [entry({ status: 429, retryable: true })] },
        want: [/told apart by HTTP status\./, /1\. its \*\*HTTP status\*\*/, /2\. else the defaults/],
        not: [/Inferred/],
      },
    ],
  ])("%s", (_name, { given, want, not = [] }) => {
    const text = classificationText(given);
    for (const pattern of want) expect(text).toMatch(pattern);
    for (const pattern of not) expect(text).not.toMatch(pattern);
  });
});

describe("catalogSummary and catalogMarkdown", () => {
  it.each<[string, { given: Catalog; want: string }]>([
    ["counts retryable entries", { given: gob, want: "4 documented errors: 3 retryable, 1 not." }],
    ["singular", { given: { errorFormat: {}, errors: [entry({ status: 400 })] }, want: "1 documented error: 0 retryable, 1 not." }],
  ])("%s", (_name, { given, want }) => {
    expect(catalogSummary(given)).toBe(want);
  });

  it("puts the explanation, the summary and the table in that order", () => {
    const markdown = catalogMarkdown(gob);
    const at = (s: string) => markdown.indexOf(s);
    expect(at("Every failure")).toBe(0);
    expect(at("4 documented errors")).toBeGreaterThan(at("else the defaults"));
    expect(at("| Status |")).toBeGreaterThan(at("4 documented errors"));
  });
});
