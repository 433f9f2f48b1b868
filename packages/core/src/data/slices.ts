/**
 * The dataset cut by new province, for browsers that load one province at a time: a base slice
 * with every province (old and new) and district and the links between provinces, and one slice per
 * new province with the districts and communes whose territory is in it, old and new, and their links.
 */
import { dayAfter, Lineage, newLevelOf } from "../lineage/lineage.ts";
import { UnitRegistry } from "../units/registry.ts";
import { type Link, parseLineageCsv, parseLineageHistoryCsv, parseUnitsCsv, type Unit } from "./records.ts";

/**
 * One slice of the dataset: the text of a units.csv and a lineage.csv, header included, and of a
 * lineage-history.csv when the units include the versions since 2004.
 */
export interface Slice {
  units: string;
  lineage: string;
  lineageHistory?: string;
}

export interface Slices {
  /** Provinces, districts and province links. */
  provinces: Slice;
  /** By new province code. */
  byProvince: Map<string, Slice>;
}

/** The file names a slice is served under: `provinces.units.csv`, `79.lineage.csv` … */
export function sliceFile(
  slice: "provinces" | string,
  table: "units" | "lineage" | "lineage-history",
): string {
  return `${slice}.${table}.csv`;
}

/**
 * Cuts the dataset (the text of units.csv and lineage.csv) by new province. Every unit and link
 * lands in the slice of the new province its territory is in (a link in the slices of both its
 * ends when they differ, with both units). Rows keep their text and order. With the versions since
 * 2004 (`unitsText` holding them too, as {@link withHistory} merges them, and the text of
 * lineage-history.csv), each slice also has its share of lineage-history.csv.
 *
 * @example
 * const slices = sliceByProvince(unitsText, lineageText);
 * slices.byProvince.get("01")?.units; // Hà Nội's districts and communes, old and new
 */
export function sliceByProvince(unitsText: string, lineageText: string, historyText?: string): Slices {
  const units = parseUnitsCsv(unitsText);
  const recent = parseLineageCsv(lineageText);
  const older = historyText === undefined ? [] : parseLineageHistoryCsv(historyText);
  const links: Link[] = [...recent, ...older];
  const unitLines = recordLines(unitsText, units.length, "units.csv");
  const linkLines = recordLines(lineageText, recent.length, "lineage.csv");
  const historyLines =
    historyText === undefined ? undefined : recordLines(historyText, older.length, "lineage-history.csv");
  const registry = new UnitRegistry(units);
  const lineage = new Lineage(links, registry);
  const homeOf = homes(registry, lineage);
  const rowOfUnit = new Map(units.map((unit, i) => [unit, i]));
  const rowOfLink = new Map(links.map((link, i) => [link, i]));
  const unitRows = new Map<string, Set<number>>();
  const linkRows = new Map<string, Set<number>>();
  const baseUnits: number[] = [];
  const baseLinks: number[] = [];
  const addUnit = (code: string, unit: Unit) => {
    const rows = unitRows.get(code) ?? new Set<number>();
    rows.add(rowOfUnit.get(unit) as number);
    unitRows.set(code, rows);
  };
  const addLink = (code: string, link: Link) => {
    const rows = linkRows.get(code) ?? new Set<number>();
    rows.add(rowOfLink.get(link) as number);
    linkRows.set(code, rows);
  };
  const addChains = (code: string, unit: Unit) => {
    for (const { unit: end, path } of lineage.destinations(unit)) {
      for (const version of registry.versionsOf(end.code, end.level)) addUnit(code, version);
      for (const link of path) {
        addLink(code, link);
        for (const version of registry.versionsOf(link.oldCode, link.oldLevel)) addUnit(code, version);
      }
    }
  };
  units.forEach((unit, i) => {
    // Districts are in the base slice too: an address's district tells which provinces it names
    // ("Huyện Phù Yên" is Sơn La's, not the province Phú Yên).
    if (unit.level !== "commune") baseUnits.push(i);
    if (unit.level === "province") return;
    const [home, then] = homeOf(unit);
    if (home !== undefined) addUnit(home, unit);
    // In the slice of its province then too, and each with its chain to today's units, which may
    // end in another province (Xã Đông Xuân of Lương Sơn, Hòa Bình, went to Hà Nội in 2008).
    for (const code of [home, then]) if (code !== undefined && code !== "") addChains(code, unit);
  });
  links.forEach((link, i) => {
    if (link.oldLevel === "province") {
      baseLinks.push(i);
      return;
    }
    const ends = [
      versionOf(registry, link.oldCode, link.oldLevel, link.effectiveDate, "ending"),
      versionOf(registry, link.newCode, newLevelOf(link), link.effectiveDate, "starting"),
    ].filter((u): u is Unit => u !== undefined);
    for (const code of new Set(ends.map((unit) => homeOf(unit)[0] ?? ""))) {
      for (const unit of ends) addUnit(code, unit);
      addLink(code, link);
    }
  });
  // Rows of links: lineage.csv's first, then lineage-history.csv's.
  const sliceOf = (unitIndexes: number[], linkIndexes: number[]): Slice => {
    const slice: Slice = {
      units: textOf(unitLines, unitIndexes),
      lineage: textOf(
        linkLines,
        linkIndexes.filter((i) => i < recent.length),
      ),
    };
    if (historyLines)
      slice.lineageHistory = textOf(
        historyLines,
        linkIndexes.filter((i) => i >= recent.length).map((i) => i - recent.length),
      );
    return slice;
  };
  const byProvince = new Map<string, Slice>();
  for (const code of [...unitRows.keys()].sort()) {
    if (!code) continue;
    byProvince.set(
      code,
      sliceOf(
        [...(unitRows.get(code) ?? [])].sort((a, b) => a - b),
        [...(linkRows.get(code) ?? [])].sort((a, b) => a - b),
      ),
    );
  }
  return { provinces: sliceOf(baseUnits, baseLinks), byProvince };
}

/** The header and the record lines of a table whose records each take one line. */
function recordLines(text: string, records: number, file: string): string[] {
  const lines = text.replace(/\n$/, "").split("\n");
  if (lines.length !== records + 1)
    throw new Error(`${file}: a record spans several lines; cannot slice by line`);
  return lines;
}

/** The header and the given records (0-based) as CSV text. */
function textOf(lines: string[], rows: number[]): string {
  return `${[lines[0], ...rows.map((i) => lines[i + 1])].join("\n")}\n`;
}

/**
 * A function giving the codes of the new provinces a unit's territory is in: one, but for a commune of
 * a district that later moved to another province (Mê Linh from Vĩnh Phúc to Hà Nội in 2008), whose
 * version of that time also goes where an address naming its province then will look for it.
 */
function homes(registry: UnitRegistry, lineage: Lineage): (unit: Unit) => string[] {
  const successorOfProvince = new Map<string, string>();
  for (const province of registry.units) {
    if (province.level !== "province") continue;
    const successor = lineage.successorsOf(province)[0]?.newCode;
    successorOfProvince.set(
      province.code,
      successor && province.validTo < "2025-07-01" ? successor : province.code,
    );
  }
  // A district code moved between provinces (Hà Tây's to Hà Nội in 2008): its last province.
  const provinceOfDistrict = new Map<string, string>();
  for (const unit of registry.units)
    if (unit.level === "district") provinceOfDistrict.set(unit.code, unit.parentCode);
  return (unit) => {
    if (unit.level === "province") return [successorOfProvince.get(unit.code) ?? unit.code];
    if (unit.level === "district") return [successorOfProvince.get(unit.parentCode) ?? ""];
    const isNew = unit.validFrom !== "" && unit.validFrom >= "2025-07-01";
    if (isNew) return [unit.parentCode];
    const last = successorOfProvince.get(provinceOfDistrict.get(unit.parentCode) ?? "") ?? "";
    const district = registry
      .versionsOf(unit.parentCode, "district")
      .find((d) => d.validTo !== "" && d.validFrom <= unit.validTo && unit.validTo <= d.validTo);
    const then = district ? (successorOfProvince.get(district.parentCode) ?? last) : last;
    return then === last ? [last] : [last, then];
  };
}

/** The version of a unit that ends the day before `date` ("ending") or starts on it ("starting"). */
function versionOf(
  registry: UnitRegistry,
  code: string,
  level: Unit["level"],
  date: string,
  which: "ending" | "starting",
): Unit | undefined {
  const versions = registry.versionsOf(code, level);
  return which === "starting"
    ? versions.find((u) => u.validFrom === date)
    : versions.find((u) => u.validTo !== "" && dayAfter(u.validTo) === date);
}
