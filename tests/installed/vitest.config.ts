import { defineConfig } from "vitest/config";

export default defineConfig({
  // Packing six packages and running tsc over the installed copies takes a few seconds.
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
});
