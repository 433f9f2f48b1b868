import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  resolve: { conditions: ["source"] },
  build: {
    outDir: "dist-app",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    // The map, and a page that converts addresses loading one province at a time.
    rollupOptions: { input: { map: "index.html", convert: "convert.html" } },
  },
});
