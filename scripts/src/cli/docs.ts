import path from "node:path";
import { buildDocs } from "../docs/build.js";

// Usage (from a provider package): errata-docs <provider>
// Writes docs/.build/<provider>.yaml and the self-contained page docs/<provider>.html.
const provider = process.argv[2];
if (!provider) {
  console.error("usage: errata-docs <provider>");
  process.exit(2);
}
try {
  const { html } = await buildDocs(provider);
  console.log(`built ${path.relative(process.cwd(), html)}`);
} catch (error) {
  console.error(`errata-docs ${provider}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
