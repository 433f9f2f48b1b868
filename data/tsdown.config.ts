import { defineConfig } from "tsdown";

/** The Node loader, built to lib/ (dist/ holds the dataset itself, which the pipeline writes). */
export default defineConfig({
  entry: ["src/index.ts"],
  format: "esm",
  platform: "node",
  target: "node20",
  outDir: "lib",
  dts: true,
  clean: true,
  fixedExtension: false,
});
