import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  resolve: { conditions: ["source"] },
  build: { outDir: "dist-app", emptyOutDir: true, chunkSizeWarningLimit: 1000 },
});
