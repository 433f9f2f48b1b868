/**
 * Parsers for the dataset's tables (data/dist/units.csv and lineage.csv). Core reads no files:
 * callers pass the text, read from disk in Node or fetched in a browser.
 */
import { CHANGE_KINDS, type ChangeKind } from "../lineage/kinds.ts";
import { type UnitKind, type UnitLevel, unitKindOf, unitLevelOf } from "../units/kinds.ts";
import { parseDatasetCsv } from "./csv.ts";

/** One version of an administrative unit. */
export interface Unit {
  /** Statistics office code: 2 digits (province), 3 (district) or 5 (commune). */
  code: string;
  level: UnitLevel;
  kind: UnitKind;
  /** Bare name, e.g. "Phúc Xá". */
  name: string;
  /** Name with its designation, e.g. "Phường Phúc Xá". */
  fullName: string;
  nameEn: string;
  fullNameEn: string;
  /** District of an old commune; province of a district or of a new commune; "" for a province. */
  parentCode: string;
  /** First day in force (ISO date); "" when in force before the dataset begins. */
  validFrom: string;
  /** Last day in force (ISO date); "" while in force. */
  validTo: string;
}

/** One link from an old unit to a new one. */
export interface Link {
  effectiveDate: string;
  oldCode: string;
  oldLevel: UnitLevel;
  oldFullName: string;
  newCode: string;
  newFullName: string;
  kind: ChangeKind;
  /** The legal act, e.g. "1656/NQ-UBTVQH15". */
  legalRef: string;
  /** Article and clause of the act, e.g. "Điều 1, khoản 14"; "" when not known. */
  legalClause: string;
  /** Which sources state the link: "nso", "sapnhap", "resolution", … */
  sources: string[];
  /**
   * Links of lineage-history.csv (before 2025-07-01) only: the level of the unit reached (a district
   * renamed stays a district), whether the successor is certain or one of several alternatives, and
   * how it was established ("same_code", "alias_ward", "district_units" …).
   */
  newLevel?: UnitLevel;
  certainty?: "certain" | "uncertain";
  basis?: string;
}

const UNIT_HEADER = "code,level,kind,name,full_name,name_en,full_name_en,parent_code,valid_from,valid_to";
const LINEAGE_HEADER =
  "effective_date,old_code,old_level,old_full_name,new_code,new_full_name,kind,legal_ref,legal_clause,sources";
const HISTORY_HEADER =
  "effective_date,old_code,old_level,old_full_name,new_code,new_level,new_full_name,kind,certainty,basis,legal_ref,sources";

/**
 * Parses units.csv.
 *
 * @example
 * const units = parseUnitsCsv(await (await fetch("/data/units.csv")).text());
 */
export function parseUnitsCsv(text: string, file = "units.csv"): Unit[] {
  return unitsFromRows(rowsOf(text, UNIT_HEADER, file), file);
}

/** Units from rows of units.csv's columns (without the header), as {@link unitRows} writes them. */
export function unitsFromRows(rows: readonly (readonly string[])[], file = "units.csv"): Unit[] {
  return rows.map((r, i) => ({
    code: r[0] as string,
    level: known(unitLevelOf(r[1] as string), "level", r[1], i, file),
    kind: known(unitKindOf(r[2] as string), "kind", r[2], i, file),
    name: r[3] as string,
    fullName: r[4] as string,
    nameEn: r[5] as string,
    fullNameEn: r[6] as string,
    parentCode: r[7] as string,
    validFrom: r[8] as string,
    validTo: r[9] as string,
  }));
}

/**
 * Parses lineage.csv.
 *
 * @example
 * const links = parseLineageCsv(readFileSync("data/dist/lineage.csv", "utf8"));
 */
export function parseLineageCsv(text: string): Link[] {
  return linksFromRows(rowsOf(text, LINEAGE_HEADER, "lineage.csv"));
}

/**
 * Parses lineage-history.csv: the links between the versions of 2004-08-31 to 2025-06-30.
 *
 * @example
 * const links = parseLineageHistoryCsv(readFileSync("data/dist/lineage-history.csv", "utf8"));
 * links.find((l) => l.oldFullName === "Tỉnh Hà Tây")?.newFullName; // "Thành phố Hà Nội"
 */
export function parseLineageHistoryCsv(text: string): Link[] {
  const file = "lineage-history.csv";
  return rowsOf(text, HISTORY_HEADER, file).map((r, i) => ({
    effectiveDate: r[0] as string,
    oldCode: r[1] as string,
    oldLevel: known(unitLevelOf(r[2] as string), "level", r[2], i, file),
    oldFullName: r[3] as string,
    newCode: r[4] as string,
    newLevel: known(unitLevelOf(r[5] as string), "level", r[5], i, file),
    newFullName: r[6] as string,
    kind: known(
      CHANGE_KINDS.find((k) => k === r[7]),
      "kind",
      r[7],
      i,
      file,
    ),
    certainty: known(
      r[8] === "certain" || r[8] === "uncertain" ? r[8] : undefined,
      "certainty",
      r[8],
      i,
      file,
    ),
    basis: r[9] as string,
    legalRef: r[10] as string,
    legalClause: "",
    sources: (r[11] as string).split(";").filter(Boolean),
  }));
}

/** The text of lineage-history.csv for these links (those with a `certainty`), as the dataset writes it. */
export function lineageHistoryCsv(links: readonly Link[]): string {
  const rows = links.map((l) => [
    l.effectiveDate,
    l.oldCode,
    l.oldLevel,
    l.oldFullName,
    l.newCode,
    l.newLevel ?? "",
    l.newFullName,
    l.kind,
    l.certainty ?? "",
    l.basis ?? "",
    l.legalRef,
    l.sources.join(";"),
  ]);
  return csvText(HISTORY_HEADER, rows);
}

/** The text of units.csv for these units, as the dataset writes it. */
export function unitsCsv(units: readonly Unit[]): string {
  return csvText(UNIT_HEADER, unitRows(units));
}

/** Units as rows of units.csv's columns, without the header. */
export function unitRows(units: readonly Unit[]): string[][] {
  return units.map((u) => [
    u.code,
    u.level,
    u.kind,
    u.name,
    u.fullName,
    u.nameEn,
    u.fullNameEn,
    u.parentCode,
    u.validFrom,
    u.validTo,
  ]);
}

/** Links as rows of lineage.csv's columns, without the header. */
export function linkRows(links: readonly Link[]): string[][] {
  return links.map((l) => [
    l.effectiveDate,
    l.oldCode,
    l.oldLevel,
    l.oldFullName,
    l.newCode,
    l.newFullName,
    l.kind,
    l.legalRef,
    l.legalClause,
    l.sources.join(";"),
  ]);
}

/**
 * The text of lineage.csv for these links, as the dataset writes it (a field is quoted when it holds
 * a comma, a quote or a line end).
 */
export function lineageCsv(links: readonly Link[]): string {
  return csvText(LINEAGE_HEADER, linkRows(links));
}

/** A header and rows as CSV text; a field is quoted when it holds a comma, a quote or a line end. */
function csvText(header: string, rows: readonly (readonly string[])[]): string {
  const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return `${header}\n${rows.map((row) => row.map(field).join(",")).join("\n")}\n`;
}

/** Links from rows of lineage.csv's columns (without the header), as {@link linkRows} writes them. */
export function linksFromRows(rows: readonly (readonly string[])[]): Link[] {
  return rows.map((r, i) => {
    const kind = known(
      CHANGE_KINDS.find((k) => k === r[6]),
      "kind",
      r[6],
      i,
      "lineage.csv",
    );
    return {
      effectiveDate: r[0] as string,
      oldCode: r[1] as string,
      oldLevel: known(unitLevelOf(r[2] as string), "level", r[2], i, "lineage.csv"),
      oldFullName: r[3] as string,
      newCode: r[4] as string,
      newFullName: r[5] as string,
      kind,
      legalRef: r[7] as string,
      legalClause: r[8] as string,
      sources: (r[9] as string).split(";").filter(Boolean),
    };
  });
}

/** A parsed level or kind, or an error naming the row (numbered from the header, line 1). */
function known<T>(
  value: T | undefined,
  what: string,
  raw: string | undefined,
  row: number,
  file = "units.csv",
): T {
  if (value === undefined) throw new Error(`${file} row ${row + 2}: unknown ${what} "${raw}"`);
  return value;
}

function rowsOf(text: string, header: string, file: string): string[][] {
  const firstLine = text.slice(0, text.indexOf("\n")).replace(/\r$/, "");
  if (firstLine !== header)
    throw new Error(`${file}: expected the header "${header}", found "${firstLine.slice(0, 120)}"`);
  const width = header.split(",").length;
  const rows = parseDatasetCsv(text, file).slice(1);
  rows.forEach((row, i) => {
    if (row.length !== width)
      throw new Error(`${file} row ${i + 2}: ${row.length} columns, expected ${width}`);
  });
  return rows;
}
