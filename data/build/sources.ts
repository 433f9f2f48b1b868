/** Readers for the raw public sources (see ../shared/data/sources/README.md). */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";

/** A unit as the community unit lists write it (all three snapshots). */
export interface SourceUnit {
  Code: string;
  Name: string;
  NameEn: string;
  FullName: string;
  FullNameEn: string;
  CodeName: string;
  District?: SourceUnit[] | null;
  Ward?: SourceUnit[] | null;
  Wards?: SourceUnit[] | null;
}

/** One (new commune, old commune) row of the statistics office's conversion table. */
export interface ConversionRow {
  /** 1-based line in the CSV file, for error messages and the quality report. */
  line: number;
  newFullName: string;
  newCode: string;
  oldFullName: string;
  oldCode: string;
  note: string;
  oldDistrictCode: string;
  oldDistrictFullName: string;
  oldProvinceCode: string;
}

/** The official merger map's "trước sáp nhập" (formed from) text of one new unit. */
export interface BeforeMergerText {
  code: string;
  fullName: string;
  /** "0" for provinces, else the new province code. */
  parentCode: string;
  text: string;
}

/** The Markdown text of one legal act. */
export interface LegalText {
  /** e.g. "1656/NQ-UBTVQH15" */
  ref: string;
  file: string;
  text: string;
}

export interface Sources {
  dir: string;
  unitsOld: SourceUnit[];
  unitsNew: SourceUnit[];
  unitsLater: SourceUnit[];
  conversion: ConversionRow[];
  beforeMerger: BeforeMergerText[];
  resolutions: LegalText[];
  /** Commune codes of the statistics office's letter 1027/CTK-CSCL, by code → full name. */
  officialCommuneCodes: Map<string, string>;
}

export type Boundaries = FeatureCollection<Polygon | MultiPolygon, Record<string, unknown>>;

export function readSources(dir: string): Sources {
  return {
    dir,
    unitsOld: readJson(join(dir, "units/units-2025-03-01.json")),
    unitsNew: readJson(join(dir, "units/units-2025-07-01.json")),
    unitsLater: readJson(join(dir, "units/units-2026-07-25.json")),
    conversion: readConversionTable(join(dir, "nso/conversion-table-2025-07-01.csv")),
    beforeMerger: readBeforeMerger(join(dir, "sapnhap/units-before-merger.json")),
    resolutions: readResolutions(join(dir, "legal")),
    officialCommuneCodes: readOfficialCodes(join(dir, "legal/1027_CTK-CSCL.md")),
  };
}

export function readBoundaries(dir: string, name: string): Boundaries {
  const file = join(dir, "gis", name);
  const collection = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as Boundaries;
  if (collection.type !== "FeatureCollection" || !Array.isArray(collection.features)) {
    throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  }
  return collection;
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

const CODE_IN_PARENS = /^(.*?)\s*\((\d+)\)\s*$/;

function readConversionTable(file: string): ConversionRow[] {
  const parsed = parse(readFileSync(file, "utf8"), { relaxColumnCount: true, info: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  // A cell may hold line breaks, so a record's line is counted back from the last line it reached.
  const records = parsed.map(({ record }) => record);
  const lines = parsed.map(
    ({ record, info }) => info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
  );
  const rows: ConversionRow[] = [];
  // Two header rows; a province title row (no new code) before each province.
  records.slice(2).forEach((record, index) => {
    const cells = record.map((cell) => cell.normalize("NFC").replace(/\s+/g, " ").trim());
    const [
      ,
      newFullName = "",
      newCode = "",
      oldFullName = "",
      oldCode = "",
      note = "",
      district = "",
      province = "",
    ] = cells;
    if (!newCode) return;
    const districtMatch = CODE_IN_PARENS.exec(district);
    const provinceMatch = CODE_IN_PARENS.exec(province);
    rows.push({
      line: lines[index + 2] ?? index + 3,
      newFullName,
      newCode,
      oldFullName,
      oldCode,
      note,
      oldDistrictFullName: districtMatch?.[1] ?? district,
      oldDistrictCode: districtMatch?.[2] ?? "",
      oldProvinceCode: provinceMatch?.[2] ?? "",
    });
  });
  return rows;
}

function readBeforeMerger(file: string): BeforeMergerText[] {
  const raw = readJson<{ ma: string; ten: string; magoc: string; truocsapnhap: string }[]>(file);
  return raw.map((entry) => ({
    code: entry.ma,
    fullName: entry.ten.normalize("NFC"),
    parentCode: entry.magoc,
    text: entry.truocsapnhap.normalize("NFC"),
  }));
}

function readResolutions(dir: string): LegalText[] {
  return readdirSync(dir)
    .filter((file) => /^\d+_NQ-UBTVQH15\.md$/.test(file))
    .sort()
    .map((file) => ({
      ref: file.replace(/\.md$/, "").replace("_", "/"),
      file: join(dir, file),
      text: readFileSync(join(dir, file), "utf8").normalize("NFC"),
    }));
}

function readOfficialCodes(file: string): Map<string, string> {
  const codes = new Map<string, string>();
  for (const line of readFileSync(file, "utf8").normalize("NFC").split("\n")) {
    const match = /^\|\s*\d+\s*\|\s*(\d{5})\s*\|\s*([^|]+?)\s*\|/.exec(line);
    if (match?.[1] && match[2]) codes.set(match[1], match[2].replace(/<br>/g, " ").replace(/\s+/g, " "));
  }
  return codes;
}
