/** Anything that carries response headers: a fetch `Headers`, or a plain object (node:http style). */
export type HeaderInput =
  | Headers
  | Iterable<readonly [string, string]>
  | Record<string, string | readonly string[] | number | undefined>;

/** Lower-cased, single-valued copy of the headers, so that errors stay plain serialisable data. */
export function toHeaderRecord(input: HeaderInput | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (value: unknown, key: string) => {
    if (value === undefined) return;
    const name = key.toLowerCase();
    const text = Array.isArray(value) ? value.join(", ") : String(value);
    // Headers.forEach gives each Set-Cookie on its own: keep them all, as fetch's get() joins the rest.
    out[name] = name in out ? `${out[name]}, ${text}` : text;
  };
  if (typeof (input as Headers)?.forEach === "function" && typeof (input as Headers).get === "function") (input as Headers).forEach(put);
  else if (input && Symbol.iterator in input) for (const [key, value] of input as Iterable<readonly [string, string]>) put(value, key);
  else for (const [key, value] of Object.entries(input ?? {})) put(value, key);
  return out;
}
