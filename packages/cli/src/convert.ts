/** `diagioi convert`: addresses in, addresses in today's units out, streaming with flat memory. */
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from "node:fs";
import { Readable, type Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { AddressResult, ConvertOptions, Diagioi } from "@diagioi/core";
import { parse } from "csv-parse";
import { UnusableInput } from "./errors.ts";
import { hasReplacement, lineBatchesOf, textChunks } from "./input.ts";
import { type Format, RecordWriter, type Row } from "./output.ts";
import { Progress } from "./progress.ts";

export interface ConvertCommand {
  input?: string;
  output?: string;
  format: Format;
  /** CSV or JSONL field that holds the address; CSV input when given (JSONL for .jsonl files). */
  column?: string;
  inputFormat?: "lines" | "csv" | "jsonl";
  coords: boolean;
  lngColumn: string;
  latColumn: string;
  date?: string;
  era?: "old" | "new" | "auto";
}

export interface Summary {
  rows: number;
  ok: number;
  ambiguous: number;
  not_found: number;
  bad: number;
  seconds: number;
}

const RESULT_COLUMNS = [
  "status",
  "new_code",
  "new_full_name",
  "new_province_code",
  "new_province_full_name",
  "new_address",
  "confidence",
  "candidates",
];

export async function runConvert(
  diagioi: Diagioi,
  command: ConvertCommand,
  stdin: Readable,
  stdout: Writable,
  stderr: Writable,
): Promise<Summary> {
  const started = Date.now();
  const mode =
    command.inputFormat ?? (command.input?.endsWith(".jsonl") ? "jsonl" : command.column ? "csv" : "lines");
  const name = command.input ?? "standard input";
  const stream = command.input ? openInput(command.input) : stdin;
  const total = command.input ? statSync(command.input).size : undefined;
  const progress = new Progress(total);
  const summary: Summary = { rows: 0, ok: 0, ambiguous: 0, not_found: 0, bad: 0, seconds: 0 };
  const bad = (where: string, reason: string) => {
    summary.bad++;
    if (summary.bad <= 100) stderr.write(`${name}: ${where}: ${reason}\n`);
    else if (summary.bad === 101) stderr.write(`${name}: more bad rows; only the first 100 are listed\n`);
  };
  const temporary = command.output ? `${command.output}.tmp-${process.pid}` : undefined;
  const out = temporary ? createWriteStream(temporary) : stdout;
  let bytes = 0;
  const counted = async function* (chunks: AsyncIterable<string>) {
    for await (const chunk of chunks) {
      bytes += Buffer.byteLength(chunk);
      yield chunk;
    }
  };
  const convert = (text: string, options: ConvertOptions): AddressResult => {
    const result = diagioi.convert(text, options);
    summary.rows++;
    summary[result.status]++;
    progress.update(bytes, summary.rows);
    return result;
  };
  try {
    const chunks = counted(textChunks(stream, name));
    if (mode === "csv") await convertCsv(chunks, command, convert, out, bad);
    else await convertLines(chunks, command, mode, convert, out, bad);
    if (temporary) {
      out.end();
      await finished(out);
      renameSync(temporary, command.output as string);
    }
  } catch (error) {
    if (temporary) {
      out.destroy();
      rmSync(temporary, { force: true });
    }
    throw error;
  } finally {
    progress.clear();
  }
  summary.seconds = (Date.now() - started) / 1000;
  const rate = summary.seconds > 0 ? Math.round(summary.rows / summary.seconds) : summary.rows;
  stderr.write(
    `${summary.rows} rows in ${summary.seconds.toFixed(1)} s (${rate}/s): ok ${summary.ok}, ambiguous ${summary.ambiguous}, not_found ${summary.not_found}; bad rows ${summary.bad}\n`,
  );
  return summary;
}

type Convert = (text: string, options: ConvertOptions) => AddressResult;
type Bad = (where: string, reason: string) => void;

async function convertLines(
  chunks: AsyncIterable<string>,
  command: ConvertCommand,
  mode: "lines" | "jsonl",
  convert: Convert,
  out: Writable,
  bad: Bad,
): Promise<void> {
  const writer = new RecordWriter(out, command.format, ["input", ...RESULT_COLUMNS]);
  let line = 0;
  for await (const lines of lineBatchesOf(chunks)) {
    for (const text of lines) {
      line++;
      if (hasReplacement(text)) bad(`line ${line}`, "invalid UTF-8 (replaced by U+FFFD); converted anyway");
      let address = text;
      let coords: [number, number] | undefined;
      if (mode === "jsonl") {
        if (!text.trim()) continue;
        const parsed = parseJsonLine(text, command.column ?? "address", command);
        if (typeof parsed === "string") {
          bad(`line ${line}`, parsed);
          continue;
        }
        ({ address, coords } = parsed);
      } else if (command.coords) {
        ({ address, coords } = splitCoords(text));
      }
      const result = convert(address, { coords, date: command.date, era: command.era });
      writer.add({ input: address, ...resultColumns(result) }, contract(result));
    }
    await writer.drained();
  }
  await writer.end();
}

async function convertCsv(
  chunks: AsyncIterable<string>,
  command: ConvertCommand,
  convert: Convert,
  out: Writable,
  bad: Bad,
): Promise<void> {
  const parser = Readable.from(chunks).pipe(
    parse({ skip_records_with_error: true, bom: true, skip_empty_lines: true, relax_quotes: false }),
  );
  parser.on("skip", (error: Error & { lines?: number }) => bad(`line ${error.lines ?? "?"}`, error.message));
  let header: string[] | undefined;
  let writer: RecordWriter | undefined;
  let addressAt = -1;
  let lngAt = -1;
  let latAt = -1;
  const start = (record: string[]) => {
    header = record;
    addressAt = header.indexOf(command.column as string);
    if (addressAt < 0) {
      throw new UnusableInput(`no column "${command.column}" in the header (${header.join(", ")})`);
    }
    lngAt = header.indexOf(command.lngColumn);
    latAt = header.indexOf(command.latColumn);
    if (command.coords && (lngAt < 0 || latAt < 0)) {
      throw new UnusableInput(`--coords needs columns "${command.lngColumn}" and "${command.latColumn}"`);
    }
    writer = new RecordWriter(out, command.format, [...header, ...RESULT_COLUMNS]);
  };
  const convertRecord = (record: string[], columns: string[], writer: RecordWriter) => {
    const address = record[addressAt] ?? "";
    const coords = command.coords ? toCoords(record[lngAt], record[latAt]) : undefined;
    const result = convert(address, { coords, date: command.date, era: command.era });
    const row: Row = resultColumns(result);
    for (let i = 0; i < columns.length; i++) row[columns[i] as string] ??= record[i] ?? "";
    writer.add(row, contract(result));
  };
  // Records are handled as the parser emits them, without a promise each; the parser pauses while
  // the output catches up.
  await new Promise<void>((resolve, reject) => {
    parser.on("data", (record: string[]) => {
      try {
        if (!header) start(record);
        else if (writer) {
          convertRecord(record, header, writer);
          if (out.writableNeedDrain && !parser.isPaused()) {
            parser.pause();
            out.once("drain", () => parser.resume());
          }
        }
      } catch (error) {
        parser.destroy();
        reject(error);
      }
    });
    parser.on("end", resolve);
    parser.on("error", reject);
  });
  if (!header) writer = new RecordWriter(out, command.format, RESULT_COLUMNS);
  await writer?.end();
}

/** "address|lng,lat" → the address and the point; a line without a valid point is all address. */
export function splitCoords(line: string): { address: string; coords?: [number, number] } {
  const bar = line.lastIndexOf("|");
  if (bar < 0) return { address: line };
  const [lng, lat] = line.slice(bar + 1).split(",");
  const coords = toCoords(lng, lat);
  return coords ? { address: line.slice(0, bar), coords } : { address: line };
}

function toCoords(lng: string | undefined, lat: string | undefined): [number, number] | undefined {
  const x = Number(lng);
  const y = Number(lat);
  return lng?.trim() && lat?.trim() && Number.isFinite(x) && Number.isFinite(y) ? [x, y] : undefined;
}

function parseJsonLine(
  text: string,
  field: string,
  command: ConvertCommand,
): { address: string; coords?: [number, number] } | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "not valid JSON";
  }
  if (typeof value === "string") return { address: value };
  if (!value || typeof value !== "object") return `expected an object with "${field}" or a string`;
  const record = value as Record<string, unknown>;
  if (typeof record[field] !== "string") return `no string field "${field}"`;
  const coords = toCoords(String(record[command.lngColumn] ?? ""), String(record[command.latColumn] ?? ""));
  return { address: record[field] as string, coords };
}

/** The stable JSON contract of one result (see the README). */
export function contract(result: AddressResult): Omit<AddressResult, "matched"> {
  const { matched: _matched, ...rest } = result;
  return rest;
}

function resultColumns(result: AddressResult): Row {
  return {
    status: result.status,
    new_code: result.new?.code ?? "",
    new_full_name: result.new?.full_name ?? "",
    new_province_code: result.new?.province_code ?? "",
    new_province_full_name: result.new?.province_full_name ?? "",
    new_address: result.address ?? "",
    confidence: result.confidence,
    candidates: result.candidates.map((c) => c.code).join(";"),
  };
}

function openInput(file: string): Readable {
  try {
    if (!statSync(file).isFile()) throw new UnusableInput(`${file}: not a file`);
  } catch (error) {
    if (error instanceof UnusableInput) throw error;
    throw new UnusableInput(
      `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return createReadStream(file);
}
