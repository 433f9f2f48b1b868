/**
 * Builds the map app (prepare-data, then vite) once for every end-to-end file of a run: the files run
 * in parallel and share packages/map-app/dist-app, so the build takes a lock and is skipped when the
 * build on disk is newer than every source it comes from.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "vite";

const root = join(import.meta.dirname, "../..");
export const APP = join(root, "packages/map-app");
const STAMP = join(APP, "dist-app/.built");
const LOCK = join(APP, ".build-lock");
const SOURCES = [
  join(APP, "src"),
  join(APP, "scripts"),
  join(APP, "index.html"),
  join(APP, "convert.html"),
  join(APP, "dashboard.html"),
  join(APP, "vite.config.ts"),
  join(APP, "package.json"),
  join(root, "packages/core/src"),
  join(root, "data/dist"),
];

export async function buildMapApp(): Promise<void> {
  await acquire();
  try {
    if (upToDate()) return;
    execFileSync(process.execPath, ["--conditions=source", "--import", "tsx", "scripts/prepare-data.ts"], {
      cwd: APP,
      stdio: "ignore",
    });
    await build({ root: APP, configFile: join(APP, "vite.config.ts"), logLevel: "warn" });
    writeFileSync(STAMP, new Date().toISOString());
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function upToDate(): boolean {
  if (!existsSync(STAMP)) return false;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.every((path) => newest(path) < built);
}

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

async function acquire(): Promise<void> {
  for (let waited = 0; ; waited += 250) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      // A lock older than five minutes was left by a run that died.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 300_000)
        rmSync(LOCK, { recursive: true, force: true });
      if (waited > 600_000) throw new Error(`could not take ${LOCK}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
