import type { Catalog, CatalogEntry, DelaySource, ErrorFormat } from "../catalog.js";

// Pure functions: the error catalog as markdown, for the "Error catalog" section of the docs page.

const NONE = "—";

/** Text safe inside a markdown table cell: one line, no column breaks, no raw HTML. */
export function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, " ")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .trim();
}

/** `value` as inline code, safe in a table cell. */
export function code(value: string | number): string {
  const text = String(value).replace(/\|/g, "\\|");
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** "body `error.retry_after` (seconds)" / "header `X-RateLimit-Reset-Requests` (duration)". */
export function delaySource(source: DelaySource): string {
  if (source.in === "body") return `body ${ident(source.path ?? "?")} (${(source.unit ?? "s") === "ms" ? "milliseconds" : "seconds"})`;
  return `header ${ident(source.name ?? "?")} (${source.format ?? "seconds"})`;
}

/**
 * Where the wait before a retry comes from, beyond the standard `retry-after-ms` / `Retry-After`
 * headers: the entry's own sources, else the provider-wide ones, else backoff. Not retryable: none.
 */
export function retryDelay(entry: CatalogEntry, format: ErrorFormat): string {
  if (!entry.retryable) return NONE;
  if (entry.resubmit) return "not replayed: submit again";
  if (entry.retryAfter && entry.retryAfter.length > 0) return entry.retryAfter.map(delaySource).join(",<br>then ");
  if (format.retryAfter && format.retryAfter.length > 0) return `${format.retryAfter.map(delaySource).join(",<br>then ")} (provider-wide)`;
  return "backoff";
}

function statusCell(entry: CatalogEntry): string {
  const status = entry.status === undefined ? NONE : String(entry.status);
  return entry.stream ? `${status}<br>*in stream*` : status;
}

/** An identifier in a table cell: plain text, so that Redoc wraps the column rather than the word. */
export function ident(value: string | number): string {
  return cell(String(value));
}

function codeCell(entry: CatalogEntry, format: ErrorFormat): string {
  if (entry.code !== undefined) return ident(entry.code);
  if (entry.marker !== undefined) return `${ident(format.inBand?.path ?? "marker")} = ${ident(entry.marker)}`;
  return NONE;
}

/** Catalog order, grouped by status (entries without one last); a type's fallback entry before its codes. */
export function sortedEntries(entries: readonly CatalogEntry[]): CatalogEntry[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry.status ?? 1000) - (b.entry.status ?? 1000) || a.index - b.index)
    .map(({ entry }) => entry);
}

export const TABLE_HEADER = ["Status", "Type", "Code / marker", "Retryable", "Category", "Retry delay from", "Description"];

/** The description, then which fields are inferred rather than documented. */
function descriptionCell(entry: CatalogEntry): string {
  const inferred = entry.inferred && entry.inferred.length > 0 ? `<br>*Inferred: ${entry.inferred.map(ident).join(", ")}.*` : "";
  return cell(entry.description) + inferred;
}

/** One row per catalog entry, cells as markdown. */
export function catalogRows(catalog: Catalog): string[][] {
  return sortedEntries(catalog.errors).map((entry) => [
    statusCell(entry),
    entry.type === undefined ? NONE : ident(entry.type),
    codeCell(entry, catalog.errorFormat),
    entry.retryable ? (entry.resubmit ? "**yes**, by resubmitting" : "**yes**") : "no",
    ident(entry.category),
    retryDelay(entry, catalog.errorFormat),
    descriptionCell(entry),
  ]);
}

/** The catalog as a GitHub-flavoured markdown table. */
export function catalogTable(catalog: Catalog): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(TABLE_HEADER), line(TABLE_HEADER.map(() => "---")), ...catalogRows(catalog).map(line)].join("\n");
}

const list = (paths: readonly string[]) => paths.map(code).join(", then ");

/** How this provider's responses are classified, tailored to its errorFormat: a paragraph and a numbered list. */
export function classificationText(catalog: Catalog): string {
  const format = catalog.errorFormat;
  const steps: string[] = [];
  if (format.code?.length) steps.push(`its **code** (${list(format.code)}): a known code keeps its meaning whatever HTTP status it arrives with;`);
  if (format.type?.length) steps.push(`its **type** (${list(format.type)}), preferring the entry with the same status;`);
  if (format.inBand) {
    steps.push(`for a 2xx body, its in-band **marker**: ${code(format.inBand.path)} = ${format.inBand.errorValues.map(code).join(" or ")};`);
  }
  steps.push(`its **HTTP status**, through an entry with no type or code;`);
  steps.push("the defaults: 408, 429, 500, 502, 503, 504 and 529 are retryable, other statuses are not, and an unknown error inside a 2xx body is not retryable.");

  const intro = [
    "Every failure of a call is returned as one `ProviderError` whose `retryable`, `category` and `retryAfterMs` come from this table, read from the spec's `x-errata` extension.",
  ];
  const untyped = !format.code?.length && !format.type?.length;
  if (untyped) intro.push(format.inBand ? "This provider sends no error type or code." : "This provider sends no error type or code, so its errors are told apart by HTTP status.");
  if (format.inBand) {
    const values = format.inBand.errorValues.map(code).join(" or ");
    intro.push(`It ${untyped ? "" : "also "}reports errors inside HTTP 2xx bodies: a 2xx body whose ${code(format.inBand.path)} is ${values} is an error, returned with its 2xx status.`);
  }
  intro.push("The entry of a response is found by the first of:");

  const notes = [
    "The wait before a retry is the first of: the `retry-after-ms` header, the `Retry-After` header (seconds or an HTTP date), the sources in the *Retry delay from* column, then exponential backoff with full jitter.",
  ];
  if (catalog.errors.some((e) => e.stream)) notes.push("Errors marked *in stream* arrive after a 200, inside a server-sent event stream.");
  if (catalog.errors.some((e) => e.resubmit)) {
    notes.push("An error retryable *by resubmitting* is not replayed by the client, because the same request would get the same answer: it is returned at once with `resubmit: true`, and a new request (the work submitted again) can succeed.");
  }
  if (catalog.errors.some((e) => e.inferred?.length)) notes.push("*Inferred* names the fields whose value is our inference rather than the provider's documentation.");
  if (format.requestIdHeaders?.length) notes.push(`The request id is read from ${format.requestIdHeaders.map(code).join(" or ")}.`);

  return [intro.join(" "), steps.map((step, i) => `${i + 1}. ${i === 0 ? step : `else ${step}`}`).join("\n"), notes.join(" ")].join("\n\n");
}

/** "29 documented errors: 14 retryable, 15 not." */
export function catalogSummary(catalog: Catalog): string {
  const retryable = catalog.errors.filter((e) => e.retryable).length;
  const total = catalog.errors.length;
  return `${total} documented error${total === 1 ? "" : "s"}: ${retryable} retryable, ${total - retryable} not.`;
}

/** The whole section: how classification works, a summary, and the table. */
export function catalogMarkdown(catalog: Catalog): string {
  return [classificationText(catalog), catalogSummary(catalog), catalogTable(catalog)].join("\n\n");
}
