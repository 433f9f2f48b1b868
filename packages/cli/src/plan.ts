/**
 * How `convert` reads its input: text lines, JSON lines or CSV, told by the options, the file's
 * name or its first line; for CSV, the delimiter and the address column, found by name.
 */
import { decodeLegacyFont } from "@diagioi/core";
import { UnusableInput } from "./errors.ts";
import type { Format } from "./output.ts";
import { LAT_COLUMNS, LNG_COLUMNS } from "./point.ts";

export type InputMode = "lines" | "csv" | "jsonl";

/** Everything a worker needs to turn a chunk of records into output: plain data, sent to workers as is. */
export interface Plan {
  mode: InputMode;
  /**
   * The first line is a header, not a record: a CSV's, or over plain lines a lone address column
   * name ("address", "Địa chỉ") left by cutting one column out of a table.
   */
  headed: boolean;
  format: Format;
  /** CSV: the delimiter, the header and where the address (and the point) are. */
  delimiter: string;
  header: string[];
  addressAt: number;
  lngAt: number;
  latAt: number;
  /** What the user should know of how the input is read (the address column among several). */
  notice?: string;
  /** JSON lines: the field holding the address ("": found by name in each record, as in a CSV header). */
  field: string;
  coords: boolean;
  lngColumn: string;
  latColumn: string;
  date?: string;
  era?: "old" | "new" | "auto";
  /** The day the addresses were written, when known. */
  asOf?: string;
}

export interface PlanOptions {
  input?: string;
  format: Format;
  /** CSV column or JSON field that holds the address (found by name in a CSV header when not given). */
  column?: string;
  delimiter?: string;
  inputFormat?: InputMode;
  coords: boolean;
  /** Found by name (lng, longitude, Kinh độ, …) when not given. */
  lngColumn?: string;
  latColumn?: string;
  date?: string;
  era?: "old" | "new" | "auto";
  asOf?: string;
}

/**
 * Column names that hold an address, compared without case, diacritics, spaces, "_" or "-".
 * The first ones win when a header has several.
 */
const ADDRESS_COLUMNS = [
  "address",
  "diachi",
  "fulladdress",
  "diachidaydu",
  "diachicu",
  "oldaddress",
  "addr",
  "diachithuongtru",
  "diachilienhe",
  "noio",
  "diachinha",
];

/** A column name as compared with ADDRESS_COLUMNS. */
export function columnKey(name: string): string {
  // A header of an older file may be in a font of before Unicode ("§Þa chØ" in TCVN3).
  return decodeLegacyFont(name)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[\s_\-.]+/g, "");
}

const KEYS = ADDRESS_COLUMNS.map((name) => name.replace(/\s/g, ""));

/** True when a name is one of ADDRESS_COLUMNS, not only contains one. */
function isAddressColumnName(name: string): boolean {
  return KEYS.includes(columnKey(name));
}

/** Index of the column named `name`: as written, else compared as {@link columnKey} does; or -1. */
export function columnIndexOf(header: readonly string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const key = columnKey(name);
  return header.findIndex((column) => columnKey(column) === key);
}

/** Index of the first column whose name is one of `names` (compared as {@link columnKey} does), or -1. */
export function columnNamedOneOf(header: readonly string[], names: readonly string[]): number {
  return header.findIndex((column) => names.includes(columnKey(column)));
}

/** Index of the column holding the address, or -1. */
export function addressColumnOf(header: readonly string[]): number {
  const keys = header.map(columnKey);
  for (const wanted of KEYS) {
    const at = keys.indexOf(wanted);
    if (at >= 0) return at;
  }
  return keys.findIndex(holdsAddressWord);
}

/** "diachi", or "address" but not a mail's, a machine's or a page's ("email_address", "ip_address"). */
function holdsAddressWord(key: string): boolean {
  return key.includes("diachi") || (key.includes("address") && !/mail|ip|mac|url|web/.test(key));
}

/** True when a column's name says it holds an address, as {@link addressColumnOf} reads names. */
function namesAnAddress(column: string): boolean {
  const key = columnKey(column);
  return KEYS.includes(key) || holdsAddressWord(key);
}

/**
 * True for a header's cell, false for a line of text that only looks split ("Người nhận: An; SĐT:
 * 0961 826 242; Địa chỉ: Ngõ 68 …" is one address with its labels, not three columns).
 */
function looksLikeColumnName(cell: string): boolean {
  return cell.length <= 64 && !cell.includes(":");
}

/** The delimiter of a CSV header line: the most frequent of , ; tab and | outside quotes (comma on a tie). */
export function detectDelimiter(line: string): string {
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
    ["|", 0],
  ]);
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) as number) + 1);
  }
  let best = ",";
  for (const [char, count] of counts) if (count > (counts.get(best) as number)) best = char;
  return best;
}

/** Splits one CSV line (the header) into fields. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === "") quoted = true;
    else if (char === delimiter) {
      fields.push(field);
      field = "";
    } else field += char;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/**
 * The plan for an input whose first line is `firstLine` (without its line end and BOM). Throws
 * UnusableInput, naming the columns, when a CSV has no address column.
 */
export function makePlan(options: PlanOptions, firstLine: string): Plan {
  const name = options.input?.toLowerCase() ?? "";
  const byName: InputMode | undefined =
    name.endsWith(".jsonl") || name.endsWith(".ndjson")
      ? "jsonl"
      : name.endsWith(".csv") || name.endsWith(".tsv")
        ? "csv"
        : undefined;
  const delimiter = options.delimiter ?? (name.endsWith(".tsv") ? "\t" : detectDelimiter(firstLine));
  const header = splitCsvLine(firstLine, delimiter);
  const looksLikeCsv =
    header.length > 1 &&
    header.every(looksLikeColumnName) &&
    (addressColumnOf(header) >= 0 ||
      (options.column !== undefined && columnIndexOf(header, options.column) >= 0));
  const opening = firstLine.trimStart();
  if (name.endsWith(".json") || /^\[\s*([{"]|$)/.test(opening))
    throw new UnusableInput(
      `this looks like a JSON array; give JSON lines, one object per line (jq -c '.[]' ${options.input ?? "FILE"} turns one into the other)`,
    );
  const mode =
    options.inputFormat ??
    byName ??
    (opening.startsWith("{") ? "jsonl" : looksLikeCsv || options.delimiter ? "csv" : "lines");
  const plan: Plan = {
    mode,
    headed: mode === "csv" || (mode === "lines" && header.length === 1 && isAddressColumnName(firstLine)),
    format: options.format,
    delimiter,
    header: [],
    addressAt: -1,
    lngAt: -1,
    latAt: -1,
    field: options.column ?? "",
    coords: options.coords,
    lngColumn: options.lngColumn ?? "lng",
    latColumn: options.latColumn ?? "lat",
    date: options.date,
    era: options.era,
    asOf: options.asOf,
  };
  if (mode !== "csv") {
    if (options.column !== undefined && mode === "lines")
      throw new UnusableInput(
        `--column ${options.column}: the input reads as plain lines (its first line names no such column); pass --input csv or --input jsonl`,
      );
    return plan;
  }
  const columns = header.map((c) => JSON.stringify(c)).join(", ");
  const described = delimiter === "\t" ? "tab" : delimiter;
  plan.header = header;
  plan.addressAt =
    options.column !== undefined ? columnIndexOf(header, options.column) : addressColumnOf(header);
  if (plan.addressAt < 0) {
    // Bytes that were not UTF-8 became U+FFFD: the names cannot match, and --column would not help.
    if (firstLine.includes("\uFFFD"))
      throw new UnusableInput(
        "the header is not UTF-8 (a file saved as Windows-1258 or TCVN3?): save it as UTF-8 (Excel: CSV UTF-8)",
      );
    throw new UnusableInput(
      options.column !== undefined
        ? `no column "${options.column}" in the header (delimiter "${described}"; columns: ${columns})`
        : `no address column found by name (address, địa chỉ, dia_chi, …) in the header (delimiter "${described}"; columns: ${columns}); name it with --column`,
    );
  }
  const others = header.filter((column, i) => i !== plan.addressAt && namesAnAddress(column));
  if (options.column === undefined && others.length > 0)
    plan.notice = `the address is read from column "${header[plan.addressAt]}" (also named like an address: ${others.map((c) => `"${c}"`).join(", ")}; --column picks another)`;
  plan.lngAt =
    options.lngColumn !== undefined
      ? columnIndexOf(header, options.lngColumn)
      : columnNamedOneOf(header, LNG_COLUMNS);
  plan.latAt =
    options.latColumn !== undefined
      ? columnIndexOf(header, options.latColumn)
      : columnNamedOneOf(header, LAT_COLUMNS);
  if (options.coords && (plan.lngAt < 0 || plan.latAt < 0)) {
    throw new UnusableInput(
      options.lngColumn !== undefined || options.latColumn !== undefined
        ? `--coords needs columns "${plan.lngColumn}" and "${plan.latColumn}" (columns: ${columns})`
        : `--coords needs a longitude and a latitude column (lng, longitude, Kinh độ, … and lat, latitude, Vĩ độ, …), or --lng-column and --lat-column (columns: ${columns})`,
    );
  }
  return plan;
}
