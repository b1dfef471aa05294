export const REDACTED = "[REDACTED]";

/**
 * Replaces every occurrence of a secret inside strings, arrays and plain objects (keys included).
 * Each secret is also looked for without its surrounding whitespace: a key read from a file ends in
 * a newline that fetch strips from the header, so the server echoes the trimmed key. Secrets shorter
 * than 4 characters are ignored: replacing them would mangle ordinary text.
 */
export function redact<T>(value: T, secrets: readonly string[]): T {
  // The untrimmed form first, so that it is replaced whole.
  const usable = secrets.flatMap((s) => (typeof s === "string" ? [s, s.trim()] : [])).filter((s) => s.length >= 4);
  const walk = (item: unknown): unknown =>
    typeof item === "string"
      ? usable.reduce((text, secret) => text.split(secret).join(REDACTED), item)
      : Array.isArray(item)
        ? item.map(walk)
        : item !== null && typeof item === "object" && Object.getPrototypeOf(item) === Object.prototype
          ? Object.fromEntries(Object.entries(item).map(([key, v]) => [walk(key), walk(v)]))
          : item;
  return usable.length === 0 ? value : (walk(value) as T);
}
