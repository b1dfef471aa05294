/** Reads a dotted path ("error.retry_after") from a parsed JSON body; undefined when absent. */
export function readPath(body: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), body);
}

const isText = (value: unknown): value is string => typeof value === "string" && value !== "";

/** The first path holding a non-empty string. Non-strings (llama-server's integer code) are skipped. */
export function firstString(body: unknown, paths: readonly string[] | undefined): string | undefined {
  return paths?.map((path) => readPath(body, path)).find(isText);
}

interface ValidationItem {
  loc?: unknown;
  msg?: unknown;
}

/** Human text from the first message path: a string, or a FastAPI list of `{loc, msg}` items. */
export function messageFrom(body: unknown, paths: readonly string[] | undefined): string | undefined {
  for (const path of paths ?? []) {
    const value = readPath(body, path);
    if (isText(value)) return value;
    if (Array.isArray(value) && value.length > 0) {
      return value
        .map((item: ValidationItem) => {
          const where = Array.isArray(item?.loc) ? item.loc.join(".") : "";
          const what = typeof item?.msg === "string" ? item.msg : JSON.stringify(item);
          return where ? `${where}: ${what}` : what;
        })
        .join("; ");
    }
  }
  return undefined;
}
