import { describeReadmeCatalog } from "@errata/scripts/testing";

// README.md ships in the tarball and is written by hand: its error tables and counts must say what
// the spec says, so a spec that gains or changes an error fails here until the README follows.
await describeReadmeCatalog("llm-gateway", new URL("../README.md", import.meta.url));
