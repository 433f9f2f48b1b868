import { defineConfig, type Plugin } from "vite";

/**
 * The dashboard's entry asks for its data first and imports the charts and the map afterwards; this
 * lists that second chunk and its imports as modulepreload links in the page, so that they download
 * while the entry and its own imports are still being evaluated.
 */
function preloadDashboardCode(): Plugin {
  return {
    name: "preload-dashboard-code",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, { filename, bundle }) {
        if (!filename.endsWith("dashboard.html") || !bundle) return html;
        const chunks = Object.values(bundle).filter((c) => c.type === "chunk");
        const main = chunks.find((c) => c.facadeModuleId?.endsWith("/src/dashboard/main.ts"));
        if (!main) return html;
        const files = [main.fileName, ...main.imports].filter((file) => !html.includes(file));
        return {
          html,
          tags: files.map((file) => ({
            tag: "link",
            attrs: { rel: "modulepreload", crossorigin: true, href: `./${file}` },
            injectTo: "head" as const,
          })),
        };
      },
    },
  };
}

export default defineConfig({
  base: "./",
  resolve: { conditions: ["source"] },
  // During development the register's API comes from a running `tracker serve` (DIAGIOI_API, default :5200).
  server: { proxy: { "/api": process.env.DIAGIOI_API ?? "http://127.0.0.1:5200" } },
  plugins: [preloadDashboardCode()],
  build: {
    outDir: "dist-app",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    // The map, a page that converts addresses loading one province at a time, and the register's dashboard.
    rollupOptions: { input: { map: "index.html", convert: "convert.html", dashboard: "dashboard.html" } },
  },
});
