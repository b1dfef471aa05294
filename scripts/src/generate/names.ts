/** "gpt-gob" → "GptGob", "a15t" → "A15t", "01ai" → "_01ai" (an identifier may not start with a digit). */
export function pascalCase(id: string): string {
  const name = id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** "deployment_id" → "deploymentId". */
export function camelCase(id: string): string {
  const pascal = pascalCase(id);
  return pascal.startsWith("_") ? pascal : pascal[0]!.toLowerCase() + pascal.slice(1);
}

/** A TypeScript union of string literals, or `never` when empty. */
export function literalUnion(values: Iterable<string>): string {
  const unique = [...new Set(values)];
  return unique.length === 0 ? "never" : unique.map((v) => JSON.stringify(v)).join(" | ");
}
