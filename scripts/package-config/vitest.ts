import { defineConfig } from "vitest/config";

/** Tests of every package; `*.test-d.ts` files are checked by the TypeScript compiler. */
export const packageVitestConfig = defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    testTimeout: 20_000,
  },
});
