import { redact } from "./redact.js";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * Whitespace collapsed, the secrets redacted, at most 200 characters, "…" where anything was left
 * out. Redacted here, after entities are decoded and before the cut: `&#43;` can rebuild a key, and
 * a key that straddles the cut would no longer match whole.
 */
const cap = (text: string, secrets: readonly string[], more?: boolean) => {
  const line = redact(text.replace(/\s+/g, " ").trim(), secrets);
  // A high surrogate left at the end would be half a character.
  return line.length > 200 ? `${line.slice(0, 199).replace(/[\ud800-\udbff]$/, "")}…` : more ? `${line}…` : line;
};

/**
 * The few entities a page title uses (`&amp;`, `&#39;`, `&#x2014;`): decimal references of digits
 * only, hex ones of hex digits only (`&#1e3;` is not 1000); anything else stays as written.
 */
const decode = (text: string) =>
  text.replace(/&(#\d+|#x[\da-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (whole, name: string) => {
    const point = name[0] === "#" ? Number(`0${name.slice(1)}`) : NaN;
    return point <= 0x10ffff ? String.fromCodePoint(point) : (ENTITIES[name] ?? whole);
  });

/**
 * A short message for an error body that is not JSON (a proxy's HTML page, a plain-text or XML
 * error, JSON cut off in transit), read from its first 8 kB only, with bounded patterns, so that a
 * large or hostile body costs no more than a small one. An HTML page (`<html` or `<!doctype html` at
 * the start, or after a comment or an XML declaration) gives its title, else its first heading; any
 * other text gives its head, collapsed onto one line. At most 200 characters; undefined for an empty
 * body. The caller keeps the whole text on `error.body`.
 */
export function bodyMessage(text: string, secrets: readonly string[]): string | undefined {
  const body = text.trim();
  const head = body.slice(0, 8192);
  if (/^(<[^]{0,500})?<(!doctype )?html\b/i.test(head)) {
    const inner = (tag: string) => cap(decode(RegExp(`<${tag}\\b[^>]{0,500}>([^<]*)`, "i").exec(head)?.[1] ?? ""), secrets);
    const title = inner("title") || inner("h1");
    return `${title || "HTML page without a title"} (${title ? "HTML page; " : ""}full text on error.body)`;
  }
  return cap(head, secrets, body.length > 8192) || undefined;
}
