import { CATEGORIES, type Catalog, type CatalogEntry, type DelaySource } from "../catalog.js";
import { markdownTables, type MarkdownTable } from "./markdown-tables.js";

// A package README is hand-written and ships in the tarball, so its error tables and counts go stale
// when the spec gains or changes an error. This holds them to the catalog:
// - an error table is one with a "retryable" column; each of its rows must name errors the catalog
//   has, with the same retryability and category, and mention every delay source they have;
// - a row that names a type and its codes must list every code of that type;
// - a table under a heading "What the catalog says" must also have a row for every catalog entry;
// - "N types", "N codes" and "N entries" in the text must be the catalog's numbers.

export const COMPLETE_TABLE_HEADING = "What the catalog says";

interface Row {
  line: number;
  status?: number;
  types: string[];
  codes: string[];
  marker?: string;
  retryable: boolean;
  category?: string;
  /** Backticked text of the delay column, when there is one. */
  delay?: string[];
}

type Column = "status" | "type" | "code" | "marker" | "category" | "retryable" | "delay";

const plain = (text: string) => text.replace(/[`*]/g, "").trim().toLowerCase();
const backticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const identifiers = (cell: string) => backticked(cell).filter((t) => /^[A-Za-z][\w.-]*$/.test(t));

function columns(header: readonly string[], catalog: Catalog): Map<Column, number> {
  const names: Record<string, Column> = { status: "status", http: "status", type: "type", code: "code", category: "category", retryable: "retryable", delay: "delay", wait: "delay" };
  const marker = catalog.errorFormat.inBand && `body ${catalog.errorFormat.inBand.path}`.toLowerCase();
  const found = new Map<Column, number>();
  header.forEach((cell, i) => {
    const name = plain(cell);
    const column = name === marker ? "marker" : names[name];
    if (column && !found.has(column)) found.set(column, i);
  });
  return found;
}

/** The error rows of a table; a row whose retryable cell is neither yes nor no ("not an error") is skipped. */
function rows(table: MarkdownTable, at: Map<Column, number>): Row[] {
  return table.rows.flatMap(({ line, cells }) => {
    const cell = (column: Column) => (at.has(column) ? (cells[at.get(column)!] ?? "") : undefined);
    const retryable = plain(cell("retryable")!);
    if (!/^(yes|no)\b/.test(retryable)) return [];
    const status = /\b\d{3}\b/.exec(cell("status") ?? "")?.[0];
    const delay = cell("delay");
    return [{
      line,
      ...(status ? { status: Number(status) } : {}),
      types: identifiers(cell("type") ?? ""),
      codes: identifiers(cell("code") ?? ""),
      ...(cell("marker") !== undefined ? { marker: identifiers(cell("marker")!)[0] } : {}),
      retryable: retryable.startsWith("yes"),
      ...(cell("category") !== undefined ? { category: plain(cell("category")!) } : {}),
      ...(delay !== undefined ? { delay: backticked(delay) } : {}),
    }];
  });
}

/** "429 type quota_exceeded code no_treasure_in_hoard", as the catalog has it. */
export function entryName(entry: CatalogEntry): string {
  return [entry.status, ...(["type", "code", "marker"] as const).flatMap((key) => (entry[key] === undefined ? [] : [`${key} ${entry[key]}`]))].join(" ");
}

const untyped = (e: CatalogEntry) => e.type === undefined && e.code === undefined && e.marker === undefined;

/** The catalog entries a row describes, and what it names that the catalog does not have. */
function rowEntries(row: Row, catalog: Catalog): { entries: CatalogEntry[]; problems: string[] } {
  const atStatus = (e: CatalogEntry) => row.status === undefined || e.status === row.status;
  const problems: string[] = [];
  const entries: CatalogEntry[] = [];
  const find = (what: string, match: (e: CatalogEntry) => boolean) => {
    const found = catalog.errors.filter((e) => atStatus(e) && match(e));
    if (found.length === 0) problems.push(`names ${what}${row.status ? ` at ${row.status}` : ""}, which the catalog does not have`);
    entries.push(...found);
  };
  if (row.codes.length > 0) {
    for (const code of row.codes) find(`code ${code}`, (e) => e.code === code && (row.types.length === 0 || row.types.includes(e.type!)));
    // A row of one type and its codes is read as "these are its codes": a new code of that type belongs here.
    if (row.types.length === 1) {
      const left = catalog.errors.filter((e) => atStatus(e) && e.type === row.types[0] && e.code !== undefined && !row.codes.includes(e.code));
      for (const e of left) problems.push(`lists the codes of type ${row.types[0]} but not ${e.code}`);
    }
  } else if (row.types.length > 0) {
    for (const type of row.types) find(`type ${type}`, (e) => e.type === type && e.code === undefined);
  } else if (row.marker !== undefined && catalog.errors.some((e) => atStatus(e) && e.marker === row.marker)) {
    find(`marker ${row.marker}`, (e) => e.marker === row.marker);
  } else if (row.status !== undefined) {
    find("an error by status alone", untyped);
  } else {
    problems.push("names no status, type, code or marker");
  }
  return { entries, problems };
}

function mentions(tokens: readonly string[], source: DelaySource): boolean {
  if (source.in === "body") return tokens.includes(source.path!);
  const name = source.name!.toLowerCase();
  return tokens.some((t) => new RegExp(`^${t.toLowerCase().replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(name));
}

/** What disagrees between the row and the entries it describes. */
function rowMismatches(row: Row, entries: readonly CatalogEntry[], catalog: Catalog): string[] {
  const problems: string[] = [];
  for (const e of entries) {
    if (e.retryable !== row.retryable) problems.push(`says retryable ${row.retryable ? "yes" : "no"}, the catalog says ${e.retryable ? "yes" : "no"} for ${entryName(e)}`);
    if (row.category !== undefined && row.category !== e.category) {
      const known = (CATEGORIES as readonly string[]).includes(row.category);
      problems.push(`says category ${row.category}${known ? "" : " (not a category)"}, the catalog says ${e.category} for ${entryName(e)}`);
    }
    if (row.delay === undefined || !e.retryable) continue;
    for (const source of e.retryAfter ?? catalog.errorFormat.retryAfter ?? []) {
      if (!mentions(row.delay, source)) problems.push(`does not mention ${source.in} ${source.path ?? source.name}, a delay source of ${entryName(e)}`);
    }
  }
  return problems;
}

/** Every disagreement between one table and the catalog, each with its README line. */
export function tableProblems(table: MarkdownTable, catalog: Catalog): string[] {
  const at = columns(table.header, catalog);
  const covered = new Set<CatalogEntry>();
  const problems = rows(table, at).flatMap((row) => {
    const { entries, problems: unknown } = rowEntries(row, catalog);
    entries.forEach((e) => covered.add(e));
    return [...unknown, ...rowMismatches(row, entries, catalog)].map((p) => `line ${row.line}: the row ${p}`);
  });
  if (table.heading === COMPLETE_TABLE_HEADING) {
    for (const e of catalog.errors) if (!covered.has(e)) problems.push(`line ${table.line}: the table has no row for ${entryName(e)}`);
  }
  return problems;
}

/** The error tables of a README: those with a retryable column. */
export function errorTables(markdown: string): MarkdownTable[] {
  return markdownTables(markdown).filter((table) => table.header.some((cell) => plain(cell) === "retryable"));
}

/** "13 types", "16 codes", "11 entries" in the text that are not the catalog's numbers. */
export function countProblems(markdown: string, catalog: Catalog): string[] {
  const distinct = (key: "type" | "code") => new Set(catalog.errors.flatMap((e) => (e[key] === undefined ? [] : [e[key]]))).size;
  const actual: Record<string, number> = { type: distinct("type"), code: distinct("code"), entr: catalog.errors.length };
  const problems: string[] = [];
  markdown.split(/\r?\n/).forEach((line, i) => {
    for (const m of line.matchAll(/\b(\d+) (?:error )?(type|code|entr)(?:s|ies)\b/g)) {
      const [said, count, what] = [m[0], Number(m[1]), m[2]!];
      if (count !== actual[what]) problems.push(`line ${i + 1}: says "${said}", the catalog has ${actual[what]}`);
    }
  });
  return problems;
}

/** The counts a README states: what the suite checks, so it can tell when there is nothing to check. */
export function statedCounts(markdown: string): string[] {
  return [...markdown.matchAll(/\b\d+ (?:error )?(?:types|codes|entries)\b/g)].map((m) => m[0]);
}
