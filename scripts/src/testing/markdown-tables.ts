// GitHub-flavoured markdown tables, read back out of a README so that tests can hold them to a spec.

export interface MarkdownTable {
  /** The text of the last heading above the table ("" before any). */
  heading: string;
  /** 1-based line of the header row. */
  line: number;
  header: string[];
  rows: { line: number; cells: string[] }[];
}

const SEPARATOR = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/;

/** The cells of one table line: split on unescaped pipes, outer pipes dropped, trimmed. */
export function tableCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

/** Every table outside fenced code blocks, in order. */
export function markdownTables(markdown: string): MarkdownTable[] {
  const lines = markdown.split(/\r?\n/);
  const tables: MarkdownTable[] = [];
  let heading = "";
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const title = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (title) heading = title[1]!;
    if (!line.trim().startsWith("|") || !SEPARATOR.test((lines[i + 1] ?? "").trim())) continue;
    const table: MarkdownTable = { heading, line: i + 1, header: tableCells(line), rows: [] };
    for (i += 2; i < lines.length && lines[i]!.trim().startsWith("|"); i++) table.rows.push({ line: i + 1, cells: tableCells(lines[i]!) });
    i--;
    tables.push(table);
  }
  return tables;
}
