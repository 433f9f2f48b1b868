/**
 * One chunk of complete input records → its output text (or table rows), counts and bad-row
 * messages. The same function runs in the main thread (--jobs 1) and in each worker.
 */
import type { AddressResult, ConvertOptions } from "@diagioi/core";
import { csvRows, parseCsv } from "./csv.ts";
import { addressColumnOf, type Plan } from "./plan.ts";
import { type PointReading, readPoint, readPointLine } from "./point.ts";

export type Convert = (text: string, options: ConvertOptions) => AddressResult;

export interface Counts {
  rows: number;
  ok: number;
  ambiguous: number;
  not_found: number;
  bad: number;
}

export interface ChunkResult {
  /** Output text for csv and jsonl (without the CSV header). */
  text: string;
  /** The output as UTF-8, in place of `text`, when it comes from a worker (moved, not copied). */
  bytes?: Uint8Array;
  /** Rows for the table format. */
  rows: string[][];
  counts: Counts;
  /** Messages about bad rows ("line 12: …"), at most {@link MAX_MESSAGES}. */
  messages: string[];
}

export const MAX_MESSAGES = 100;

export const RESULT_COLUMNS = [
  "status",
  "new_code",
  "new_full_name",
  "new_province_code",
  "new_province_full_name",
  "new_address",
  "confidence",
  "candidates",
  "candidate_names",
];

/** The output header for a plan (CSV and table formats). */
export function outputColumns(plan: Plan): string[] {
  return [...(plan.mode === "csv" ? plan.header : ["input"]), ...RESULT_COLUMNS];
}

/**
 * Converts the records of `text`, which starts on line `firstLine` of the input and holds whole
 * records only (the splitter cuts at record ends).
 */
export function processChunk(text: string, firstLine: number, plan: Plan, convert: Convert): ChunkResult {
  const result: ChunkResult = {
    text: "",
    rows: [],
    counts: { rows: 0, ok: 0, ambiguous: 0, not_found: 0, bad: 0 },
    messages: [],
  };
  const bad = (line: number, reason: string) => {
    result.counts.bad++;
    if (result.messages.length < MAX_MESSAGES) result.messages.push(`line ${line}: ${reason}`);
  };
  const options: ConvertOptions = { date: plan.date, era: plan.era, asOf: plan.asOf };
  const records: string[][] = [];
  const json: string[] = [];
  const emit = (cells: string[], converted: AddressResult) => {
    result.counts.rows++;
    result.counts[converted.status]++;
    if (plan.format === "jsonl") json.push(contractJson(converted));
    else records.push([...cells, ...resultCells(converted)]);
  };
  const run = (address: string, coords: [number, number] | undefined) => {
    options.coords = coords;
    return convert(address, options);
  };

  if (plan.mode === "csv") {
    const width = plan.header.length;
    const rows = parseCsv(text, plan.delimiter, firstLine, bad);
    for (const { fields: record, line } of rows) {
      if (record.length > width) {
        // Empty cells past the header's columns ("a;b;" under "x;y") are a spreadsheet's leftovers.
        if (record.slice(width).some((cell) => cell.trim() !== "")) {
          bad(line, `${record.length} fields, the header has ${width}`);
          continue;
        }
        record.length = width;
      }
      const address = record[plan.addressAt] ?? "";
      if (address.includes("\uFFFD")) bad(line, "invalid UTF-8 (replaced by U+FFFD); converted anyway");
      const coords = plan.coords ? pointOf(record[plan.lngAt], record[plan.latAt], line, bad) : undefined;
      while (record.length < width) record.push("");
      emit(record, run(address, coords));
    }
  } else {
    let start = 0;
    let line = firstLine;
    while (start < text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      const raw = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
      start = end + 1;
      const number = line++;
      if (raw.includes("\uFFFD")) bad(number, "invalid UTF-8 (replaced by U+FFFD); converted anyway");
      if (plan.mode === "jsonl") {
        if (!raw.trim()) continue;
        const parsed = parseJsonLine(raw, plan);
        if (typeof parsed === "string") bad(number, parsed);
        else emit([parsed.address], run(parsed.address, pointOf(parsed.lng, parsed.lat, number, bad)));
      } else if (plan.coords) {
        const { address, point } = splitCoords(raw);
        // The point after "|" is read as `locate` reads one ("105,85;21,03" too).
        emit(
          [address],
          run(address, point === undefined ? undefined : reported(readPointLine(point), number, bad)),
        );
      } else {
        emit([raw], run(raw, undefined));
      }
    }
  }
  if (plan.format === "jsonl") result.text = json.length > 0 ? `${json.join("\n")}\n` : "";
  else if (plan.format === "csv") result.text = csvRows(records);
  else result.rows = records;
  return result;
}

/**
 * "address|lng,lat" → the address and the point's text. A line whose text after its last "|" holds
 * no digit has no point: the "|" is the address's.
 */
export function splitCoords(line: string): { address: string; point?: string } {
  const bar = line.lastIndexOf("|");
  if (bar < 0 || !/\d/.test(line.slice(bar + 1))) return { address: line };
  return { address: line.slice(0, bar), point: line.slice(bar + 1) };
}

function pointOf(
  lng: string | undefined,
  lat: string | undefined,
  line: number,
  bad: (line: number, reason: string) => void,
): [number, number] | undefined {
  if (!lng?.trim() && !lat?.trim()) return undefined;
  return reported(readPoint(lng ?? "", lat ?? ""), line, bad);
}

/** The point read, or undefined with the reason reported (the address is converted without it). */
function reported(
  reading: PointReading,
  line: number,
  bad: (line: number, reason: string) => void,
): [number, number] | undefined {
  if ("point" in reading) return reading.point;
  bad(line, `${reading.error}; converted without the point`);
  return undefined;
}

function parseJsonLine(text: string, plan: Plan): { address: string; lng?: string; lat?: string } | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "not valid JSON";
  }
  if (typeof value === "string") return { address: value };
  if (!value || typeof value !== "object")
    return `expected an object with ${plan.field ? `"${plan.field}"` : "an address field"} or a string`;
  const record = value as Record<string, unknown>;
  const field = plan.field || addressKeyOf(record);
  if (typeof record[field] !== "string")
    return plan.field ? `no string field "${plan.field}"` : "no address field (address, dia_chi, …)";
  if (!plan.coords) return { address: record[field] as string };
  return {
    address: record[field] as string,
    lng: String(record[plan.lngColumn] ?? ""),
    lat: String(record[plan.latColumn] ?? ""),
  };
}

/**
 * The key of a JSON record that holds its address, found by name as a CSV's column is. The lines of
 * a file share their keys: the last answer is kept, not worked out again for each record.
 */
function addressKeyOf(record: Record<string, unknown>): string {
  if (typeof record.address === "string") return "address";
  const keys = Object.keys(record);
  const keyList = keys.join("\u0000");
  if (keyList !== lastKeys.list) lastKeys = { list: keyList, key: keys[addressColumnOf(keys)] ?? "address" };
  return lastKeys.key;
}

let lastKeys = { list: "", key: "address" };

/** The stable JSON contract of one result (see the README). */
export function contract(result: AddressResult): Omit<AddressResult, "matched"> {
  const { matched: _matched, ...rest } = result;
  return rest;
}

/**
 * `JSON.stringify(contract(result))`, about twice as fast: a result names a few thousand new communes
 * over and over, and each one's JSON is made once.
 */
export function contractJson(result: AddressResult): string {
  let candidates = "";
  for (const candidate of result.candidates) candidates += (candidates ? "," : "") + unitJson(candidate);
  return `{"input":${JSON.stringify(result.input)},"status":"${result.status}","new":${result.new ? unitJson(result.new) : "null"},"candidates":[${candidates}],"address":${result.address === null ? "null" : JSON.stringify(result.address)},"confidence":${JSON.stringify(result.confidence)}}`;
}

type Described = AddressResult["candidates"][number];

/** JSON of the units described so far, by code and province (checked against the names: dates differ). */
const UNIT_JSON = new Map<string, { unit: Described; json: string }>();

function unitJson(unit: Described): string {
  const key = `${unit.code}|${unit.province_code}`;
  const known = UNIT_JSON.get(key);
  if (
    known &&
    known.unit.full_name === unit.full_name &&
    known.unit.province_full_name === unit.province_full_name
  )
    return known.json;
  const json = JSON.stringify({
    code: unit.code,
    full_name: unit.full_name,
    province_code: unit.province_code,
    province_full_name: unit.province_full_name,
  });
  if (UNIT_JSON.size < 100_000) UNIT_JSON.set(key, { unit, json });
  return json;
}

function resultCells(result: AddressResult): string[] {
  return [
    result.status,
    result.new?.code ?? "",
    result.new?.full_name ?? "",
    result.new?.province_code ?? "",
    result.new?.province_full_name ?? "",
    result.address ?? "",
    String(result.confidence),
    result.candidates.map((c) => c.code).join(";"),
    result.candidates.map((c) => `${c.full_name}, ${c.province_full_name}`).join("; "),
  ];
}
