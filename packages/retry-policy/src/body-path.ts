/** Reads a dotted path ("error.retry_after") from a parsed JSON body; undefined when absent. */
export function readPath(body: unknown, path: string): unknown {
  let node: unknown = body;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The first path holding a non-empty string. Non-strings (llama-server's integer code) are skipped. */
export function firstString(body: unknown, paths: readonly string[] | undefined): string | undefined {
  for (const path of paths ?? []) {
    const value = readPath(body, path);
    if (typeof value === "string" && value.length > 0) return value;
  }
  return undefined;
}

interface ValidationItem {
  loc?: unknown;
  msg?: unknown;
}

/** Human text from the first message path: a string, or a FastAPI list of `{loc, msg}` items. */
export function messageFrom(body: unknown, paths: readonly string[] | undefined): string | undefined {
  for (const path of paths ?? []) {
    const value = readPath(body, path);
    if (typeof value === "string" && value.length > 0) return value;
    if (Array.isArray(value) && value.length > 0) {
      const parts = value.map((item: ValidationItem) => {
        const where = Array.isArray(item?.loc) ? item.loc.join(".") : undefined;
        const what = typeof item?.msg === "string" ? item.msg : JSON.stringify(item);
        return where ? `${where}: ${what}` : what;
      });
      return parts.join("; ");
    }
  }
  return undefined;
}
