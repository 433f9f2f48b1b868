import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  resolve: { conditions: ["source"] },
  // During development the register's API comes from a running `tracker serve` (DIAGIOI_API, default :5200).
  server: { proxy: { "/api": process.env.DIAGIOI_API ?? "http://127.0.0.1:5200" } },
  build: {
    outDir: "dist-app",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    // The map, a page that converts addresses loading one province at a time, and the register's dashboard.
    rollupOptions: { input: { map: "index.html", convert: "convert.html", dashboard: "dashboard.html" } },
  },
});
