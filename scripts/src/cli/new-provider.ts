import { scaffoldProvider } from "../scaffold/new-provider.js";

// Usage (from the repository root): pnpm new-provider <id>, once specs/<id>/openapi.yaml exists.
const id = process.argv[2];
if (!id) {
  console.error("usage: pnpm new-provider <id>   (write specs/<id>/openapi.yaml first)");
  process.exit(2);
}
try {
  const written = await scaffoldProvider(id);
  console.log(`wrote ${written.length} files:\n${written.map((f) => `  ${f}`).join("\n")}`);
  console.log(`next: pnpm install && pnpm build && pnpm test --filter @errata/${id}...`);
} catch (error) {
  console.error(`new-provider ${id}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
