/**
 * Part of the package build: derives from dist/
 * - lib/prepared/all.json: the tables and the name index for today's units, which load several
 *   times faster than the CSV files;
 * - lib/prepared/provinces.json: the same for the provinces alone, to guess which provinces an
 *   address names;
 * - lib/prepared/CODE.json: the same for the provinces and one new province's slice, so that a few
 *   addresses of one province load in a few milliseconds;
 * - lib/slices/: the tables cut by new province, for ProvinceLoader (browsers fetch them).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  createDiagioi,
  type Link,
  parseLineageCsv,
  parseLineageHistoryCsv,
  parseUnitsCsv,
  prepareDataset,
  type Slice,
  sliceByProvince,
  sliceFile,
  type Unit,
  unitsCsv,
} from "@diagioi/core";
import { DIST_DIR, LIB_DIR } from "../src/index.ts";

const read = (file: string) => readFileSync(join(DIST_DIR, file), "utf8");
const lineage = read("lineage.csv");
const lineageHistory = read("lineage-history.csv");
const full = createDiagioi({
  units: read("units.csv"),
  lineage,
  history: { units: read("units-history.csv"), lineage: lineageHistory },
});
// The units since 2004 as one units.csv: the slices and the prepared files hold them all.
const units = unitsCsv(full.units.units);
const preparedDir = join(LIB_DIR, "prepared");
rmSync(preparedDir, { recursive: true, force: true });
mkdirSync(preparedDir, { recursive: true });
const prepared = prepareDataset(full);
writeFileSync(join(preparedDir, "all.json"), JSON.stringify(prepared));

const slicesDir = join(LIB_DIR, "slices");
rmSync(slicesDir, { recursive: true, force: true });
mkdirSync(slicesDir);
const slices = sliceByProvince(units, lineage, lineageHistory);
for (const [name, slice] of [["provinces", slices.provinces] as const, ...slices.byProvince]) {
  writeFileSync(join(slicesDir, sliceFile(name, "units")), slice.units);
  writeFileSync(join(slicesDir, sliceFile(name, "lineage")), slice.lineage);
  writeFileSync(join(slicesDir, sliceFile(name, "lineage-history")), slice.lineageHistory ?? "");
}

/** The links of a slice, lineage-history.csv's included. */
const linksOf = (slice: Slice): Link[] => [
  ...parseLineageHistoryCsv(slice.lineageHistory ?? ""),
  ...parseLineageCsv(slice.lineage),
];

// Rows as ProvinceLoader holds them, each row once: the provinces slice, then one province's; but
// without the provinces slice's districts, which tell ProvinceLoader where an address is: the
// districts of the whole country cost a one-address run 100 ms (a third of it), more than its
// conversion. loadForAddresses guesses the province from the provinces and checks the guess.
const provinceUnits = parseUnitsCsv(slices.provinces.units).filter((u) => u.level === "province");
const provinceLinks = linksOf(slices.provinces);
const write = (name: string, units: Unit[], links: Link[]) =>
  writeFileSync(
    join(preparedDir, `${name}.json`),
    JSON.stringify(prepareDataset(createDiagioi({ units, lineage: links }))),
  );
write("provinces", provinceUnits, provinceLinks);
for (const [code, slice] of slices.byProvince) {
  const unitKeys = new Set<string>();
  const linkKeys = new Set<string>();
  const units = [...provinceUnits, ...parseUnitsCsv(slice.units)].filter((u) => {
    const key = `${u.level}:${u.code}:${u.validFrom}`;
    return !unitKeys.has(key) && unitKeys.add(key);
  });
  const links = [...provinceLinks, ...linksOf(slice)].filter((l) => {
    const key = `${l.effectiveDate}:${l.oldLevel}:${l.oldCode}:${l.newCode}`;
    return !linkKeys.has(key) && linkKeys.add(key);
  });
  write(code, units, links);
}

console.error(
  `prepared ${LIB_DIR}: prepared/ (index for ${prepared.index.from} – ${prepared.index.until || "…"}), ${slices.byProvince.size + 1} slices`,
);
