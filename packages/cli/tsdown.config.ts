import { defineConfig } from "tsdown";

/**
 * The command: bin.js (the executable's entry), index.js (`main`, for programs) and worker.js
 * (--jobs). The dataset and core stay external, so that a newer @diagioi/data edition needs no
 * new build of the command.
 */
export default defineConfig({
  entry: ["src/bin.ts", "src/index.ts", "src/worker.ts"],
  format: "esm",
  platform: "node",
  target: "node20",
  dts: { entry: ["src/index.ts"] } as never,
  clean: true,
  fixedExtension: false,
});
