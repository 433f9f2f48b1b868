import { defineConfig } from "tsdown";

/** ES modules and declarations in dist/, for Node and browsers alike (core does no I/O). */
export default defineConfig({
  entry: ["src/index.ts"],
  format: "esm",
  platform: "neutral",
  target: "es2022",
  dts: true,
  clean: true,
  fixedExtension: false,
});
