/** Reads the committed dataset for the tests. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

export const distDir = join(dirname(fileURLToPath(import.meta.url)), "../dist");
export const sourcesDir = process.env.DIAGIOI_SOURCES ?? join(distDir, "../../../shared/data/sources");

export type UnitCsvRow = Record<
  | "code"
  | "level"
  | "kind"
  | "name"
  | "full_name"
  | "name_en"
  | "full_name_en"
  | "parent_code"
  | "valid_from"
  | "valid_to",
  string
>;
export type LineageCsvRow = Record<
  | "effective_date"
  | "old_code"
  | "old_level"
  | "old_full_name"
  | "new_code"
  | "new_full_name"
  | "kind"
  | "legal_ref"
  | "legal_clause"
  | "sources",
  string
>;

export function readTable<T extends Record<string, string>>(file: string): { header: string[]; rows: T[] } {
  const text = readFileSync(join(distDir, file), "utf8");
  const header = (text.slice(0, text.indexOf("\n")) || "").split(",");
  const rows = parse(text, { columns: true }) as T[];
  return { header, rows };
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(distDir, file), "utf8")) as T;
}
