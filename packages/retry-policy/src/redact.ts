export const REDACTED = "[REDACTED]";

/**
 * Replaces every occurrence of a secret inside strings, arrays and plain objects.
 * Secrets shorter than 4 characters are ignored: replacing them would mangle ordinary text.
 */
export function redact<T>(value: T, secrets: readonly string[]): T {
  const usable = secrets.filter((s) => typeof s === "string" && s.length >= 4);
  if (usable.length === 0) return value;
  return redactWith(value, usable) as T;
}

function redactWith(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") {
    let out = value;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => redactWith(item, secrets));
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactWith(item, secrets);
    return out;
  }
  return value;
}
