import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Linting a real spec takes a few hundred milliseconds; the whole suite stays well under this.
    testTimeout: 20_000,
  },
});
