/** `diagioi lookup`, `trace` and `locate`. */

import { createReadStream, statSync } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { CODE_WIDTHS, type Diagioi, type Link, type Unit, type UnitLevel } from "@diagioi/core";
import { UnusableInput } from "./errors.ts";
import { linesOf, textChunks } from "./input.ts";
import { type Format, RecordWriter, type Row } from "./output.ts";
import { columnNamedOneOf, detectDelimiter, splitCsvLine } from "./plan.ts";
import { LAT_COLUMNS, LNG_COLUMNS, type PointReading, readPoint, readPointLine } from "./point.ts";
import { MAX_MESSAGES } from "./process.ts";
import { pendingOutput } from "./temporary.ts";

const UNIT_COLUMNS = [
  "code",
  "level",
  "kind",
  "full_name",
  "full_name_en",
  "parent_code",
  "valid_from",
  "valid_to",
];

function unitRow(unit: Unit): Row {
  return {
    code: unit.code,
    level: unit.level,
    kind: unit.kind,
    full_name: unit.fullName,
    full_name_en: unit.fullNameEn,
    parent_code: unit.parentCode,
    valid_from: unit.validFrom,
    valid_to: unit.validTo,
  };
}

/** Units by code (every version when no date is given) or by name. */
export async function runLookup(
  diagioi: Diagioi,
  query: string,
  options: { date?: string; level?: UnitLevel; format: Format },
  out: Writable,
): Promise<number> {
  const byCode = (code: string) =>
    options.date
      ? [diagioi.units.byCode(code, { date: options.date, level: options.level })].filter(
          (u): u is Unit => !!u,
        )
      : [...diagioi.units.versionsOf(code, options.level)];
  const units = /^\d{1,5}$/.test(query.trim())
    ? unitsOfDigits(query.trim(), options.level, byCode)
    : diagioi.units.byName(query, { date: options.date ?? "*", level: options.level });
  const writer = new RecordWriter(out, options.format, UNIT_COLUMNS);
  for (const unit of units) await writer.row(unitRow(unit));
  await writer.end();
  return units.length;
}

/**
 * The units digits name: the code as written; when it names none, or is narrower than the level's
 * codes, with the leading zeros a spreadsheet took off put back ("97" → "097" and "00097"; "4567" →
 * "04567"; "97" with the commune level → "00097").
 */
export function unitsOfDigits(
  digits: string,
  level: UnitLevel | undefined,
  find: (code: string) => Unit[],
): Unit[] {
  if (level) return find(digits.padStart(CODE_WIDTHS[level], "0"));
  const asWritten = find(digits);
  if (asWritten.length > 0) return asWritten;
  return Object.values(CODE_WIDTHS)
    .filter((width) => width > digits.length)
    .flatMap((width) => find(digits.padStart(width, "0")));
}

const TRACE_COLUMNS = [
  "direction",
  "unit",
  "valid",
  "kind",
  "other_code",
  "other_full_name",
  "legal_ref",
  "legal_clause",
  "sources",
  "certainty",
];

/** Every version of a code since 2004, what each was formed from and what it became. */
export async function runTrace(
  diagioi: Diagioi,
  code: string,
  options: { level?: UnitLevel; format: Format },
  out: Writable,
): Promise<number> {
  if (!/^\d{1,5}$/.test(code.trim()))
    throw new UnusableInput(`trace needs a unit code (digits), got "${code}"`);
  const versions = unitsOfDigits(code.trim(), options.level, (c) => [
    ...diagioi.units.versionsOf(c, options.level),
  ]);
  if (versions.length === 0) return 0;
  const writer = new RecordWriter(out, options.format, TRACE_COLUMNS);
  const valid = (u: Unit) => `${u.validFrom || "…"} – ${u.validTo || "now"}`;
  const linkRow = (direction: string, unit: Unit, link: Link, other: "old" | "new"): Row => ({
    direction,
    unit: `${unit.code} ${unit.fullName}`,
    valid: valid(unit),
    kind: link.kind,
    other_code: other === "old" ? link.oldCode : link.newCode,
    other_full_name: other === "old" ? link.oldFullName : link.newFullName,
    legal_ref: link.legalRef,
    legal_clause: link.legalClause,
    sources: link.sources.join(";"),
    // Before 2025: "uncertain" when the link is one of several alternatives within a district.
    certainty: link.certainty ?? "",
  });
  for (const unit of versions) {
    const before = diagioi.lineage.predecessorsOf(unit);
    const after = diagioi.lineage.successorsOf(unit);
    if (before.length === 0 && after.length === 0) {
      await writer.row({ direction: "version", unit: `${unit.code} ${unit.fullName}`, valid: valid(unit) });
    }
    for (const link of before)
      await writer.row(linkRow("formed from", unit, link, "old"), {
        direction: "formed_from",
        unit: unitRow(unit),
        link,
      });
    for (const link of after)
      await writer.row(linkRow("became", unit, link, "new"), {
        direction: "became",
        unit: unitRow(unit),
        link,
      });
    // A version that ended: where its chain of changes leads today, however many steps away.
    if (unit.validTo === "") continue;
    for (const { unit: now, path } of diagioi.lineage.destinations(unit))
      await writer.row(
        {
          direction: "today",
          unit: `${unit.code} ${unit.fullName}`,
          valid: valid(unit),
          kind: path.length === 1 ? (path[0]?.kind ?? "") : `${path.length} steps`,
          other_code: now.code,
          other_full_name: now.fullName,
          legal_ref: path.map((link) => link.legalRef || "?").join(" → "),
          certainty: path.some((link) => link.certainty === "uncertain") ? "uncertain" : "certain",
        },
        { direction: "today", unit: unitRow(unit), today: unitRow(now), path },
      );
  }
  await writer.end();
  return versions.length;
}

const LOCATE_COLUMNS = ["lng", "lat", "code", "full_name", "province_code", "error"];
/** What a CSV of points gets after its own columns (its coordinates are among them already). */
const LOCATED_COLUMNS = ["code", "full_name", "province_code", "error"];

export interface LocateSummary {
  points: number;
  located: number;
  outside: number;
  unreadable: number;
}

/**
 * Points → the commune containing each, one record per point in the input's order (an unreadable
 * point gives a record with its `error`, so the output stays aligned with the input). Points come
 * as arguments ("lng,lat"), from files named as arguments, or from standard input: lines "lng,lat"
 * (or separated by ";", a tab or spaces), or a CSV whose header names the longitude and latitude
 * columns (`lng`/`lon`/`longitude`/`x`, `lat`/`latitude`/`y`). A lone CSV written as CSV or a table
 * keeps its own columns, the result's after them, so that its rows can be told apart.
 */
export async function runLocate(
  diagioi: Diagioi,
  args: string[],
  stdin: Readable,
  options: { format: Format; output?: string },
  out: Writable,
  err: Writable,
): Promise<LocateSummary> {
  const locator = diagioi.locator;
  if (!locator) throw new Error("boundaries are not loaded");
  const sources =
    args.length > 0
      ? args.map((arg) => pointSourceOf(arg, stdin))
      : [{ name: "standard input", stream: stdin }];
  const keepsColumns = sources.length === 1 && options.format !== "jsonl";
  // An output that is one of the input files would be replaced while it is read.
  const files = sources.flatMap((source) =>
    "name" in source && source.stream !== stdin ? [source.name] : [],
  );
  const output = pendingOutput(options.output, out, files);
  let writer: RecordWriter | undefined;
  /** The writer, made at the first record (or the end): a CSV's header decides its columns. */
  const writerFor = (header?: string[]) => {
    if (!writer) {
      const columns = header ? [...header, ...LOCATED_COLUMNS] : LOCATE_COLUMNS;
      // Rows are keyed by position: the input may have a column named like a result's ("code").
      writer = new RecordWriter(
        output.stream,
        options.format,
        columns.map((_, i) => String(i)),
        columns,
      );
    }
    return writer;
  };
  const summary: LocateSummary = { points: 0, located: 0, outside: 0, unreadable: 0 };
  const emit = async (reading: PointReading, where: string, row?: { header: string[]; fields: string[] }) => {
    summary.points++;
    let result: Row;
    if ("error" in reading) {
      if (summary.unreadable++ < MAX_MESSAGES) err.write(`${where}: ${reading.error}\n`);
      result = {
        lng: null,
        lat: null,
        code: null,
        full_name: null,
        province_code: null,
        error: reading.error,
      };
    } else {
      const [lng, lat] = reading.point;
      const found = locator.locate(lng, lat);
      if (found) summary.located++;
      else summary.outside++;
      const unit = found ? diagioi.units.byCode(found.code, { level: "commune" }) : undefined;
      result = {
        lng,
        lat,
        code: found?.code ?? null,
        full_name: unit?.fullName ?? null,
        province_code: found?.province_code ?? null,
        error: null,
      };
    }
    const header = keepsColumns ? row?.header : undefined;
    const cells =
      header && row
        ? [...header.map((_, i) => row.fields[i] ?? ""), ...LOCATED_COLUMNS.map((c) => result[c] ?? null)]
        : LOCATE_COLUMNS.map((column) => result[column] ?? null);
    await writerFor(header).row(positional(cells), result);
  };
  try {
    for (const source of sources) {
      if ("point" in source) await emit(readPointLine(source.point), `"${source.point}"`);
      else
        for await (const { reading, line, row } of pointsOf(source.stream, source.name))
          await emit(reading, `${source.name}, line ${line}`, row);
    }
    await writerFor().end();
    await output.commit();
  } catch (error) {
    output.abandon();
    throw error;
  }
  if (summary.unreadable > MAX_MESSAGES)
    err.write(`${summary.unreadable - MAX_MESSAGES} more unreadable points not listed\n`);
  err.write(
    summary.points === 0
      ? "no points in the input\n"
      : `${summary.points} ${summary.points === 1 ? "point" : "points"}: ${summary.located} in a commune, ${summary.outside} outside every commune, ${summary.unreadable} unreadable\n`,
  );
  return summary;
}

/** Cells as a row keyed by their positions ("0", "1", …). */
function positional(cells: (string | number | null)[]): Row {
  return Object.fromEntries(cells.map((cell, i) => [String(i), cell]));
}

/** An argument: a point, "-" for standard input, or a file of points. */
function pointSourceOf(arg: string, stdin: Readable): { point: string } | { name: string; stream: Readable } {
  if (arg === "-") return { name: "standard input", stream: stdin };
  if (!("error" in readPointLine(arg))) return { point: arg };
  let file = false;
  try {
    // A pipe is read as a file is ("<(cut -d, -f2,3 points.csv)").
    const stats = statSync(arg);
    file = stats.isFile() || stats.isFIFO();
  } catch {}
  if (file) return { name: arg, stream: createReadStream(arg) };
  // Letters mean a name (a file that is not there), not a point mistyped ("21,0285,105,85").
  if (/[a-z]/i.test(arg)) throw new UnusableInput(`"${arg}" is neither a point "lng,lat" nor a file`);
  return { point: arg };
}

/** The points of a text stream: lines of two numbers, or a CSV with longitude and latitude columns. */
async function* pointsOf(
  stream: Readable,
  name: string,
): AsyncGenerator<{ reading: PointReading; line: number; row?: { header: string[]; fields: string[] } }> {
  let line = 0;
  let columns: { delimiter: string; lngAt: number; latAt: number; header: string[] } | undefined;
  let first = true;
  for await (const raw of linesOf(textChunks(stream, name))) {
    line++;
    const text = first ? raw.replace(/^\uFEFF/, "") : raw;
    if (!text.trim()) continue;
    if (first) {
      first = false;
      columns = pointColumnsOf(text, name);
      if (columns) continue;
    }
    if (!columns) {
      yield { reading: readPointLine(text), line };
      continue;
    }
    const fields = splitCsvLine(text, columns.delimiter);
    yield {
      reading: readPoint(fields[columns.lngAt] ?? "", fields[columns.latAt] ?? ""),
      line,
      row: { header: columns.header, fields },
    };
  }
}

/**
 * Where a CSV header has its longitude and latitude; undefined for a line that is no header (no field
 * starts with a letter, as "lng" or "Kinh độ" do). Throws UnusableInput, listing the columns, for a
 * header without them.
 */
function pointColumnsOf(
  line: string,
  name: string,
): { delimiter: string; lngAt: number; latAt: number; header: string[] } | undefined {
  if (line.trimStart().startsWith("{"))
    throw new UnusableInput(
      `${name}: JSON lines are not read here: give lines "lng,lat" or a CSV with longitude and latitude columns`,
    );
  const delimiter = detectDelimiter(line);
  const names = splitCsvLine(line, delimiter);
  if (!names.some((field) => /^\p{L}/u.test(field))) return undefined;
  const lngAt = columnNamedOneOf(names, LNG_COLUMNS);
  const latAt = columnNamedOneOf(names, LAT_COLUMNS);
  if (lngAt < 0 || latAt < 0)
    throw new UnusableInput(
      `${name}: the first line is neither a point "lng,lat" nor a header naming longitude and latitude columns (lng, lat); columns: ${names.join(", ")}`,
    );
  return { delimiter, lngAt, latAt, header: names };
}
