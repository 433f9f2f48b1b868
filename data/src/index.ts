/**
 * @diagioi/data: the dataset files (`@diagioi/data/units.csv` …, for bundlers) and a Node loader that
 * reads them from disk and hands them to @diagioi/core.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createDiagioi,
  type Diagioi,
  type DiagioiData,
  fromPrepared,
  type PreparedDataset,
  ProvinceLoader,
  sliceFile,
} from "@diagioi/core";

const here = dirname(fileURLToPath(import.meta.url));

/** Folder of the dataset files (units.csv, lineage.csv, boundaries-2025.pack …). */
export const DIST_DIR = join(here, "../dist");

/**
 * Folder of what the package build derives from them: `prepared/` (the tables and the name index,
 * quick to load: all.json, provinces.json and one file per new province) and `slices/` (the tables
 * cut by new province). Absent in a checkout until `pnpm --filter @diagioi/data build`; the loader
 * then reads the CSV files.
 */
export const LIB_DIR = join(here, "../lib");

/** The dataset's files, as `@diagioi/data/FILE` exports them. */
export type DataFile =
  | "units.csv"
  | "lineage.csv"
  | "units-history.csv"
  | "lineage-history.csv"
  | "centres-pre2025.csv"
  | "boundaries-2025.pack"
  | "boundaries-2025.topo.json"
  | "boundaries-pre2025.topo.json"
  | "quality.json"
  | "QUALITY.md";

/**
 * Path of a dataset file on disk.
 *
 * @example
 * readFileSync(dataFile("units.csv"), "utf8").split("\n")[0]; // "code,level,kind,name,…"
 */
export function dataFile(file: DataFile): string {
  return join(DIST_DIR, file);
}

/**
 * Codes that other unit lists give a unit whose statistics office code differs, by that code:
 * `quality.json`'s `codeAliases` (Xã Ba Chẽ is 06978 in the unit lists, 06970 here).
 *
 * @example
 * codeAliases()["06978"]; // "06970"
 */
export function codeAliases(): Readonly<Record<string, string>> {
  const report = JSON.parse(readFileSync(dataFile("quality.json"), "utf8")) as {
    codeAliases?: Record<string, string>;
  };
  return report.codeAliases ?? {};
}

export interface LoadOptions {
  /** Load the commune boundaries too (for `locate` and coordinates); default true. */
  boundaries?: boolean;
  /**
   * Read the versions since 2004 too (units-history.csv, lineage-history.csv), so that addresses
   * written in units of any date convert; default true. Skipped when `dir` has no such files.
   */
  history?: boolean;
  /** Another folder holding units.csv, lineage.csv and boundaries-2025.pack. */
  dir?: string;
}

/**
 * Loads everything into memory, the versions since 2004 included: from `prepared/all.json` when the
 * package was built (a few times faster), else from the CSV files.
 *
 * @example
 * import { loadDiagioi } from "@diagioi/data";
 * const diagioi = loadDiagioi();
 * diagioi.locator?.locate(105.8524, 21.0287)?.code; // "00070"
 */
export function loadDiagioi(options: LoadOptions = {}): Diagioi {
  const dir = options.dir ?? DIST_DIR;
  const boundaries =
    options.boundaries === false ? undefined : readFileSync(join(dir, "boundaries-2025.pack"));
  const history = options.history !== false;
  const prepared = options.dir === undefined && history ? readPrepared("all") : undefined;
  if (prepared) return createDiagioi({ ...prepared, boundaries });
  const read = (file: string) => readFileSync(join(dir, file), "utf8");
  const withHistory = history && existsSync(join(dir, "units-history.csv"));
  return createDiagioi({
    units: read("units.csv"),
    lineage: read("lineage.csv"),
    ...(withHistory
      ? { history: { units: read("units-history.csv"), lineage: read("lineage-history.csv") } }
      : {}),
    boundaries,
  });
}

/**
 * What converting these addresses needs, loaded: when they all name the same new province (or old
 * provinces merged into it) and that province's units read them all, the provinces and that
 * province's districts and communes only (a few milliseconds); otherwise everything, as
 * {@link loadDiagioi}. The results are the same either way.
 *
 * @example
 * loadForAddresses(["P1 Q3 TPHCM"]).convert("P1 Q3 TPHCM").new?.code; // "27154", from Hồ Chí Minh's file
 */
export function loadForAddresses(addresses: readonly string[], options: { date?: string } = {}): Diagioi {
  const provinces = readPrepared("provinces");
  if (!provinces) return loadDiagioi({ boundaries: false });
  const converter = createDiagioi(provinces).converter;
  const codes = new Set<string>();
  for (const address of addresses) {
    const named = converter.provincesNamed(address, { date: options.date });
    if (named.length === 0) return loadDiagioi({ boundaries: false });
    for (const code of named) codes.add(code);
  }
  const [code] = codes;
  const one = codes.size === 1 && code !== undefined ? readPrepared(code) : undefined;
  if (!one) return loadDiagioi({ boundaries: false });
  const diagioi = createDiagioi(one);
  // The guess reads provinces only: an address that the province's file does not find, reads
  // without a province or reads leaving a district out may be another province's ("Xa Gia Phu, Phu
  // Yen": Phù Yên is a district of Sơn La), which only the whole dataset tells.
  const { date } = options;
  const sure = addresses.every((address) => {
    const result = diagioi.convert(address, { date });
    return (
      result.status !== "not_found" &&
      result.matched.province !== null &&
      !diagioi.converter.leavesDistrictUnread(address, { date })
    );
  });
  return sure ? diagioi : loadDiagioi({ boundaries: false });
}

function readPrepared(name: string): DiagioiData | undefined {
  const file = join(LIB_DIR, "prepared", `${name}.json`);
  if (!existsSync(file)) return undefined;
  return fromPrepared(JSON.parse(readFileSync(file, "utf8")) as PreparedDataset);
}

/**
 * A loader that reads one province's slice of the tables at a time (from `slices/`, made by the
 * package build): converting a few addresses loads only the provinces they name.
 * Undefined when the slices are not there (a checkout without a package build).
 *
 * @example
 * const loader = await openProvinceLoader();
 * (await loader?.convert("P1 Q3 TPHCM"))?.new?.full_name; // "Phường Bàn Cờ"
 */
export async function openProvinceLoader(): Promise<ProvinceLoader | undefined> {
  const dir = join(LIB_DIR, "slices");
  if (!existsSync(join(dir, sliceFile("provinces", "units")))) return undefined;
  const { readFile } = await import("node:fs/promises");
  return ProvinceLoader.open((file) => readFile(join(dir, file), "utf8"));
}
