export const REDACTED = "[REDACTED]";

/**
 * Replaces every occurrence of a secret inside strings, arrays and plain objects (keys included).
 * Secrets shorter than 4 characters are ignored: replacing them would mangle ordinary text.
 */
export function redact<T>(value: T, secrets: readonly string[]): T {
  const usable = secrets.filter((s) => typeof s === "string" && s.length >= 4);
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
