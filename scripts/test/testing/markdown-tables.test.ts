import { describe, expect, it } from "vitest";
import { markdownTables, tableCells } from "../../src/testing/markdown-tables.js";

describe("tableCells", () => {
  it.each([
    ["outer pipes dropped, cells trimmed", "| a | `b` |", ["a", "`b`"]],
    ["without outer pipes", "a | b", ["a", "b"]],
    ["an escaped pipe stays in its cell", "| a \\| b | c |", ["a | b", "c"]],
    ["an empty cell", "| a |  |", ["a", ""]],
  ])("%s", (_name, line, want) => {
    expect(tableCells(line)).toEqual(want);
  });
});

describe("markdownTables", () => {
  const markdown = [
    "# Title", //  1
    "", //         2
    "| a | b |", // 3
    "|---|:-:|", // 4
    "| 1 | 2 |", // 5
    "", //         6
    "## Later heading", // 7
    "```md", //    8
    "| in | fence |", // 9
    "|---|---|", // 10
    "```", //      11
    "| x |", //    12
    "|---|", //    13
    "| y |", //    14
    "| z |", //    15
    "Text after.", // 16
    "| not | a table |", // 17
  ].join("\n");

  it("finds each table with its heading, header, rows and lines, skipping fenced code", () => {
    expect(markdownTables(markdown)).toEqual([
      { heading: "Title", line: 3, header: ["a", "b"], rows: [{ line: 5, cells: ["1", "2"] }] },
      { heading: "Later heading", line: 12, header: ["x"], rows: [{ line: 14, cells: ["y"] }, { line: 15, cells: ["z"] }] },
    ]);
  });
});
