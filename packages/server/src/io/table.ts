/**
 * Reads an uploaded table (CSV in UTF-8 with or without BOM or in UTF-16 with its BOM, comma,
 * semicolon or tab; or the first sheet of an XLSX) into a header and rows of text, or says exactly why it cannot.
 */

import { inflateRawSync } from "node:zlib";
import { utf16ByteOrder } from "@diagioi/core";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { GUARDED_START } from "./export.ts";

export interface Table {
  header: string[];
  /** Rows of text; `line` is the row's number in the file (the header is row 1). */
  rows: { line: number; cells: string[] }[];
}

export interface FileError {
  row: number;
  column: string | null;
  message: string;
  message_vi: string;
}

export type TableResult = { ok: true; table: Table } | { ok: false; errors: FileError[] };

/**
 * Rows an import takes at most: more than the whole country's surplus list (about 25,000 facilities),
 * where an import is one province's. It bounds the work one request makes the server do.
 */
export const MAX_IMPORT_ROWS = 30_000;

const fileError = (
  message: string,
  message_vi: string,
  row = 0,
  column: string | null = null,
): TableResult => ({
  ok: false,
  errors: [{ row, column, message, message_vi }],
});

/** Whether the bytes are a ZIP container (XLSX). */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function readTable(bytes: Uint8Array): Promise<TableResult> {
  if (bytes.length === 0) return fileError("the file is empty", "tệp rỗng");
  if (isXlsx(bytes)) return readXlsx(bytes);
  return readCsv(bytes);
}

/** A cell as written before the export guarded it: "'=x" is "=x", "''=x" is "'=x" (see `inert` in export.ts). */
function withoutFormulaGuard(cell: string): string {
  return cell.startsWith("'") && GUARDED_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function readCsv(bytes: Uint8Array): TableResult {
  // Excel's "Unicode text": UTF-16 with its byte-order mark, tabs between the cells.
  const utf16 = utf16ByteOrder(bytes);
  if (utf16) {
    try {
      return readCsvText(new TextDecoder(utf16, { fatal: true }).decode(bytes));
    } catch {
      return fileError(
        `the file starts as UTF-16 text but is not valid UTF-16: save it as "CSV UTF-8"`,
        `tệp bắt đầu như văn bản UTF-16 nhưng không hợp lệ: lưu tệp dạng "CSV UTF-8"`,
      );
    }
  }
  if (bytes.includes(0)) {
    return fileError(
      "this is a binary file, not CSV or XLSX",
      "đây là tệp nhị phân, không phải CSV hoặc XLSX",
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const row = lineOfFirstInvalidByte(bytes);
    return fileError(
      `row ${row} is not valid UTF-8: save the file as "CSV UTF-8"`,
      `dòng ${row} không phải UTF-8: lưu tệp dạng "CSV UTF-8"`,
      row,
    );
  }
  return readCsvText(text);
}

function readCsvText(decoded: string): TableResult {
  const text = decoded.replace(/^\uFEFF/, "");
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [",", ";", "\t"].reduce(
    (best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best),
    ",",
  );
  const columns = count(firstLine, delimiter) + 1;
  if (columns > MAX_COLUMNS) return tooManyColumns(columns);
  let parsed: string[][];
  try {
    // Empty lines are kept: rows are numbered as a spreadsheet shows the file (one row per record,
    // a quoted cell spanning lines included, blank rows counted), then blank rows are dropped.
    // Records past the limit are not parsed (blank lines count as records until dropped below).
    parsed = parse(text, {
      delimiter,
      relax_column_count: true,
      bom: true,
      to: PARSED_RECORDS,
    }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 0;
    return fileError(
      `the CSV cannot be read near line ${line}: ${(e as Error).message}`,
      `không đọc được CSV gần dòng ${line}`,
      line,
    );
  }
  const records = parsed
    .map((record, i) => ({ record, row: i + 1 }))
    .filter((r) => r.record.some((cell) => cell.trim() !== ""));
  const [head, ...body] = records;
  if (!head) return fileError("the file has no header row", "tệp không có dòng tiêu đề");
  if (body.length > MAX_IMPORT_ROWS || parsed.length >= PARSED_RECORDS) return tooManyRows();
  // Cells beyond the header's columns would be dropped unseen (a shifted row, a stray delimiter);
  // empty ones, which spreadsheets often leave, are harmless. A row short of cells has lost some (a
  // cell cut off, a delimiter missing): read as empty, they would empty fields of the register.
  const width = head.record.length;
  const ragged = body.filter(
    (r) => r.record.length < width || r.record.slice(width).some((cell) => cell.trim() !== ""),
  );
  if (ragged.length > 0)
    return {
      ok: false,
      errors: ragged.slice(0, 1000).map((r) => raggedError(r.row, r.record.length, width)),
    };
  return {
    ok: true,
    table: {
      header: head.record.map((h) => h.trim()),
      rows: body.map((r) => ({ line: r.row, cells: r.record.map(withoutFormulaGuard) })),
    },
  };
}

/** Records parsed at most: the rows allowed, the header, and room for blank lines among them. */
const PARSED_RECORDS = MAX_IMPORT_ROWS * 2 + 1;

function tooManyRows(): TableResult {
  return fileError(
    `the file has more than ${MAX_IMPORT_ROWS.toLocaleString("en")} rows: an import is one province's facilities; split the file`,
    `tệp có hơn ${MAX_IMPORT_ROWS.toLocaleString("vi")} dòng: mỗi lần nhập là cơ sở của một tỉnh; hãy chia nhỏ tệp`,
  );
}

/** A row with more or fewer cells than the header has columns. */
function raggedError(row: number, cells: number, width: number): FileError {
  return {
    row,
    column: null,
    message: `row ${row} has ${cells} cells where the header has ${width} columns`,
    message_vi: `dòng ${row} có ${cells} ô, dòng tiêu đề có ${width} cột`,
  };
}

/**
 * What an XLSX may inflate to: a sheet of the most rows an import takes, in the template's columns,
 * is about a tenth of it. 1.3 MB of repeated rows inflate to 375 MB, which took the workbook reader a
 * minute and a half and 2.6 GB: the files are inflated first, up to this, without keeping them.
 */
const MAX_XLSX_INFLATED = 256 * 1024 * 1024;

/**
 * Columns a table may have: the template has 29; a header of a million cells took seconds to report
 * cell by cell.
 */
export const MAX_COLUMNS = 200;

function tooManyColumns(columns: number): TableResult {
  return fileError(
    `the header has ${columns.toLocaleString("en")} columns, more than ${MAX_COLUMNS}: use the import template's columns`,
    `dòng tiêu đề có ${columns.toLocaleString("vi")} cột, quá ${MAX_COLUMNS}: hãy dùng các cột của mẫu nhập`,
  );
}

/**
 * Whether a ZIP's files inflate to `limit` bytes or less, each inflated to find out (what its
 * directory says may be a lie): "unreadable" when its directory cannot be read.
 */
export function inflatesWithin(bytes: Uint8Array, limit: number): boolean | "unreadable" {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-directory record: 22 bytes, then a comment of up to 65,535.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--)
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  if (end < 0) return "unreadable";
  let at = view.getUint32(end + 16, true);
  let left = limit;
  for (let i = view.getUint16(end + 10, true); i > 0; i--) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return "unreadable";
    const method = view.getUint16(at + 10, true);
    const packed = view.getUint32(at + 20, true);
    const local = view.getUint32(at + 42, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) return "unreadable";
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + packed);
    try {
      left -= method === 0 ? data.length : inflateRawSync(data, { maxOutputLength: left + 1 }).length;
    } catch (error) {
      // Past maxOutputLength, a RangeError; a stream that is no deflate, another.
      return error instanceof RangeError ? false : "unreadable";
    }
    if (left < 0) return false;
  }
  return true;
}

async function readXlsx(bytes: Uint8Array): Promise<TableResult> {
  if (inflatesWithin(bytes, MAX_XLSX_INFLATED) === false)
    return fileError(
      `the XLSX inflates to more than ${MAX_XLSX_INFLATED / 1024 / 1024} MB, far more than ${MAX_IMPORT_ROWS.toLocaleString("en")} rows of the template take: split the file`,
      `tệp XLSX giải nén ra hơn ${MAX_XLSX_INFLATED / 1024 / 1024} MB, lớn hơn nhiều so với ${MAX_IMPORT_ROWS.toLocaleString("vi")} dòng của mẫu: hãy chia nhỏ tệp`,
    );
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return fileError(
      "the file looks like XLSX but cannot be opened",
      "tệp có vẻ là XLSX nhưng không mở được",
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return fileError("the workbook has no sheet", "tệp không có trang tính");
  const header: string[] = [];
  const rows: Table["rows"] = [];
  const errors: FileError[] = [];
  const columns = sheet.getRow(1).cellCount;
  if (columns > MAX_COLUMNS) return tooManyColumns(columns);
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    const width = line === 1 ? row.cellCount : header.length;
    for (let col = 1; col <= width; col++) {
      const cell = row.getCell(col);
      if (cell.type === ExcelJS.ValueType.Formula || cell.formula) {
        errors.push({
          row: line,
          column: header[col - 1] ?? String(col),
          message: "formulas are not accepted: paste the values instead",
          message_vi: "không nhận công thức: hãy dán giá trị",
        });
      }
      cells.push(cellText(cell.value));
    }
    // As in CSV, a cell beyond the header's columns would be dropped unseen: a shifted row.
    if (line > 1) {
      let last = row.cellCount;
      while (last > width && cellText(row.getCell(last).value).trim() === "") last--;
      if (last > width && errors.length < 1000) errors.push(raggedError(line, last, width));
    }
    if (line === 1) header.push(...cells.map((h) => h.trim()));
    else if (cells.some((c) => c.trim() !== "")) rows.push({ line, cells });
  });
  if (rows.length > MAX_IMPORT_ROWS) return tooManyRows();
  if (errors.length > 0) return { ok: false, errors };
  if (header.length === 0)
    return fileError("the sheet has no header row", "trang tính không có dòng tiêu đề");
  return { ok: true, table: { header, rows } };
}

/** Text of a cell as a person would read it; dates as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    return "";
  }
  if (typeof value === "number") return numberText(value);
  return String(value);
}

/**
 * A number cell's value as text the import reads back to the same number: three decimals get a
 * fourth zero, since "1.234" alone is refused as either 1234 or 1.234 (a typed number is neither).
 */
function numberText(value: number): string {
  const text = String(value);
  return /^-?\d+\.\d{3}$/.test(text) ? `${text}0` : text;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
