const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Whitespace collapsed, at most 200 characters, "…" where anything was left out. */
const cap = (line: string, more?: boolean) => {
  const text = line.replace(/\s+/g, " ").trim();
  return text.length > 200 ? `${text.slice(0, 199)}…` : more ? `${text}…` : text;
};

/** The few entities a page title uses (`&amp;`, `&#39;`, `&#x2014;`); anything else stays as written. */
const decode = (text: string) =>
  text.replace(/&(#x?[\da-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (whole, name: string) => {
    const point = name[0] === "#" ? Number(`0${name.slice(1)}`) : NaN;
    return point <= 0x10ffff ? String.fromCodePoint(point) : (ENTITIES[name] ?? whole);
  });

/**
 * A short message for an error body that is not JSON (a proxy's HTML page, a plain-text error): an
 * HTML page's title (or first heading), or else the first line of the text, collapsed and cut to
 * 200 characters. Undefined for an empty body. The caller keeps the whole text on `error.body`.
 */
export function bodyMessage(text: string): string | undefined {
  const trimmed = text.trim();
  if (/^<(!doctype html|html|head|body|title)\b/i.test(trimmed)) {
    const title = cap(decode(/<(title|h1)\b[^>]*>([^<]*)/i.exec(trimmed)?.[2] ?? ""));
    return `${title || "HTML page without a title"} (${title ? "HTML page; " : ""}full text on error.body)`;
  }
  const [first = "", ...rest] = trimmed.split(/\r?\n/);
  return trimmed ? cap(first, rest.length > 0) : undefined;
}
