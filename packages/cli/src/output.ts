/** Writing records as JSON lines, CSV or an aligned table, with back-pressure. */
import type { Writable } from "node:stream";
import { stringify } from "csv-stringify/sync";

export type Format = "csv" | "jsonl" | "table";

export const FORMATS: readonly Format[] = ["csv", "jsonl", "table"];

export type Row = Record<string, string | number | null>;

/** Writes a chunk and waits when the stream asks for it, so memory stays flat. */
export async function write(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once("drain", resolve));
}

export class RecordWriter {
  private headerWritten = false;
  private readonly tableRows: Row[] = [];

  constructor(
    private readonly stream: Writable,
    private readonly format: Format,
    private readonly columns: string[],
  ) {}

  async row(record: Row, json: unknown = record): Promise<void> {
    if (this.format === "jsonl") return write(this.stream, `${JSON.stringify(json)}\n`);
    if (this.format === "table") {
      this.tableRows.push(record);
      return;
    }
    const header = this.headerWritten ? "" : stringify([this.columns]);
    this.headerWritten = true;
    await write(this.stream, header + stringify([this.columns.map((c) => record[c] ?? "")]));
  }

  /** Tables are aligned once every row is known; CSV gets its header even with no rows. */
  async end(): Promise<void> {
    if (this.format === "csv" && !this.headerWritten) await write(this.stream, stringify([this.columns]));
    if (this.format !== "table") return;
    const cells = [this.columns, ...this.tableRows.map((r) => this.columns.map((c) => String(r[c] ?? "")))];
    const widths = this.columns.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? "")].length)));
    for (const row of cells) {
      await write(
        this.stream,
        `${row
          .map((cell, i) => cell + " ".repeat((widths[i] ?? 0) - [...cell].length))
          .join("  ")
          .trimEnd()}\n`,
      );
    }
  }
}
