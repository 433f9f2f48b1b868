/** Node loader: the committed dataset (data/dist) read from disk and handed to @diagioi/core. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDiagioi, type Diagioi } from "@diagioi/core";

/** Folder of the dataset files. */
export const DIST_DIR = join(dirname(fileURLToPath(import.meta.url)), "dist");

export interface LoadOptions {
  /** Load the commune boundaries too (for `locate` and coordinates); default true. */
  boundaries?: boolean;
  /** Another folder holding units.csv, lineage.csv and boundaries-2025.pack. */
  dir?: string;
}

/**
 * Loads everything into memory.
 *
 * @example
 * import { loadDiagioi } from "@diagioi/data";
 * const diagioi = loadDiagioi();
 * diagioi.locator?.locate(105.8524, 21.0287)?.code; // "00070"
 */
export function loadDiagioi(options: LoadOptions = {}): Diagioi {
  const dir = options.dir ?? DIST_DIR;
  const read = (file: string) => readFileSync(join(dir, file), "utf8");
  return createDiagioi({
    units: read("units.csv"),
    lineage: read("lineage.csv"),
    boundaries: options.boundaries === false ? undefined : readFileSync(join(dir, "boundaries-2025.pack")),
  });
}
