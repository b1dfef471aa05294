import { defineConfig } from "tsup";

/** The build of every provider package: ESM + CJS with types, for Node 20 and browsers. */
export const providerTsupConfig = defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  treeshake: true,
});
