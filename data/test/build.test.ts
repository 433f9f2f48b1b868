import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distDir, sourcesDir } from "./dist.ts";

const haveSources = existsSync(join(sourcesDir, "units/units-2025-03-01.json"));

// A fresh build compared byte for byte with the committed one: the build is deterministic and
// data/dist is up to date with the pipeline. The heap limit keeps it at about 1.55 GB resident (V8
// lets garbage grow to whatever limit it is given); the live data peaks near 1.1 GB.
describe.skipIf(!haveSources)("data/build", () => {
  const out = mkdtempSync(join(tmpdir(), "diagioi-dist-"));
  beforeAll(() => {
    execFileSync(
      process.execPath,
      [
        "--max-old-space-size=1200",
        "--conditions=source",
        "--import",
        "tsx",
        "build/index.ts",
        "--sources",
        sourcesDir,
        "--out",
        out,
      ],
      { cwd: join(distDir, ".."), stdio: ["ignore", "ignore", "pipe"] },
    );
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("rebuilds data/dist byte for byte", () => {
    const committed = readdirSync(distDir).sort();
    expect(readdirSync(out).sort()).toEqual(committed);
    for (const file of committed) {
      expect(readFileSync(join(out, file)).equals(readFileSync(join(distDir, file))), file).toBe(true);
    }
  });

  it("fails with a clear message when the sources are missing", () => {
    const run = () =>
      execFileSync(
        process.execPath,
        [
          "--conditions=source",
          "--import",
          "tsx",
          "build/index.ts",
          "--sources",
          "/nonexistent",
          "--out",
          out,
        ],
        {
          cwd: join(distDir, ".."),
          stdio: ["ignore", "ignore", "pipe"],
        },
      );
    expect(run).toThrow(/no raw sources in \/nonexistent/);
  });
});
