import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    // One test file at a time: the dataset rebuild alone takes about 1.55 GB, and pnpm test stays
    // under 2 GB resident (2-core machines ran one worker anyway).
    maxWorkers: 1,
    include: ["packages/*/test/**/*.test.ts", "data/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 300_000,
  },
});
