/** Readers for the raw unit history 2004–2025 (see ../shared/data/sources/history/README.md). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { UnitLevel } from "@diagioi/core";
import { parse } from "csv-parse/sync";

/** One maximal run of snapshots in which a unit's entry stayed identical (units-spans.csv.gz). */
export interface Span {
  /** 1-based line in the CSV file, for error messages. */
  line: number;
  level: UnitLevel;
  code: string;
  /** Exactly as listed ("Phường 05", "Thị Trấn Ngọc Lặc", "Xã  Đắk Lao"). */
  name: string;
  districtCode: string;
  provinceCode: string;
  firstSnapshot: string;
  lastSnapshot: string;
}

/** A resolution or decree of the statistics office's lists, by effective date. */
export interface HistoryResolution {
  effectiveDate: string;
  /** Verbatim: may carry a signing date or a misspelling. */
  number: string;
  description: string;
}

/** One row of alias_ward.csv: `alias` is an earlier or alternative name of (part of) a commune of 2025-03-01. */
export interface WardAlias {
  line: number;
  provinceKey: string;
  districtKey: string;
  wardKey: string;
  alias: string;
  /** The year the page gives, or undefined. */
  year?: number;
}

export interface HistorySources {
  /** Snapshot dates in order, 2004-08-31 … 2025-03-01. */
  snapshots: string[];
  spans: Span[];
  resolutions: HistoryResolution[];
  aliases: WardAlias[];
}

export function readHistorySources(dir: string): HistorySources {
  const folder = join(dir, "history");
  const snapshots = readCsv(join(folder, "snapshots.csv")).map((r) => required(r, "date", "snapshots.csv"));
  const spans = readCsv(join(folder, "units-spans.csv.gz")).map((r, i): Span => {
    const level = r.level;
    if (level !== "province" && level !== "district" && level !== "commune") {
      throw new Error(`history/units-spans.csv.gz line ${i + 2}: unknown level "${level}"`);
    }
    return {
      line: i + 2,
      level,
      code: required(r, "code", "units-spans.csv.gz"),
      name: required(r, "name", "units-spans.csv.gz"),
      districtCode: r.district_code ?? "",
      provinceCode: r.province_code ?? "",
      firstSnapshot: required(r, "first_snapshot", "units-spans.csv.gz"),
      lastSnapshot: required(r, "last_snapshot", "units-spans.csv.gz"),
    };
  });
  const resolutions = readCsv(join(folder, "resolutions.csv")).map((r) => ({
    effectiveDate: required(r, "effective_date", "resolutions.csv"),
    number: required(r, "number", "resolutions.csv"),
    description: r.description ?? "",
  }));
  const aliases = readCsv(join(folder, "alias_ward.csv")).map((r, i) => ({
    line: i + 2,
    provinceKey: r.province_key ?? "",
    districtKey: r.district_key ?? "",
    wardKey: r.ward_key ?? "",
    alias: r.alias_keyword ?? "",
    year: r.year ? Number(r.year) : undefined,
  }));
  return { snapshots, spans, resolutions, aliases };
}

function readCsv(file: string): Record<string, string>[] {
  const bytes = readFileSync(file);
  const text = (file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
  try {
    return parse(text, { columns: true, bom: true }) as Record<string, string>[];
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

function required(row: Record<string, string>, column: string, file: string): string {
  const value = row[column];
  if (!value) throw new Error(`history/${file}: a row has no ${column}`);
  return value;
}
