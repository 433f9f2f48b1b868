/** Writing the dataset: deterministic bytes (LF, fixed column order, sorted rows), written atomically. */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { stringify } from "csv-stringify/sync";

export function toCsv<T extends object>(rows: T[], columns: (keyof T & string)[]): string {
  return stringify(rows, { header: true, columns, record_delimiter: "\n" });
}

/** Writes through a temporary file and a rename, so a failed build never leaves a half-written output. */
export function writeOutput(file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}
