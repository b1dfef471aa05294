const MAX = 200;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Whitespace collapsed, at most MAX characters, "…" where anything was left out. */
const cap = (line: string, more: boolean) => {
  const text = line.replace(/\s+/g, " ").trim();
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : more ? `${text}…` : text;
};

/** The few entities a page title uses; anything else stays as written. */
const decode = (text: string) =>
  text.replace(/&(#x[\da-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (whole, name: string) => {
    const point = name[0] === "#" ? Number(name[1] === "x" || name[1] === "X" ? `0${name.slice(1)}` : name.slice(1)) : NaN;
    return point <= 0x10ffff ? String.fromCodePoint(point) : (ENTITIES[name.toLowerCase()] ?? whole);
  });

/**
 * A short message for an error body that is not JSON (a proxy's HTML page, a plain-text error): an
 * HTML page's title, or else the first line of the text, collapsed and cut to about 200 characters.
 * Undefined for an empty body. The caller keeps the whole text on `error.body`.
 */
export function bodyMessage(text: string): string | undefined {
  const trimmed = text.trim();
  if (/^<(!doctype html|html|head|body|title)\b/i.test(trimmed)) {
    const title = cap(decode(/<(?:title|h1)\b[^>]*>([^<]*)/i.exec(trimmed)?.[1] ?? ""), false);
    return title ? `${title} (HTML page; full text on error.body)` : "HTML page without a title (full text on error.body)";
  }
  const [first = "", ...rest] = trimmed.split(/\r?\n/);
  return trimmed ? cap(first, rest.length > 0) : undefined;
}
