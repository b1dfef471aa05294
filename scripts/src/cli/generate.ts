import { writeGenerated } from "../generate/index.js";

// Usage (from a provider package): errata-generate <provider>
const provider = process.argv[2];
if (!provider) {
  console.error("usage: errata-generate <provider>");
  process.exit(2);
}
try {
  const written = await writeGenerated(provider, process.cwd());
  console.log(`generated ${written.length} files for ${provider}`);
} catch (error) {
  console.error(`errata-generate ${provider}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
