/** Writing records as JSON lines, CSV or an aligned table, with back-pressure. */
import type { Writable } from "node:stream";
import { csvRow, csvRows } from "./csv.ts";

export type Format = "csv" | "jsonl" | "table";

export const FORMATS: readonly Format[] = ["csv", "jsonl", "table"];

export type Row = Record<string, string | number | null>;

/** Writes a chunk and waits when the stream asks for it, so memory stays flat. */
export async function write(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await drainOf(stream);
}

/** Until the stream wants more; a stream that fails meanwhile (a full disk) rejects with its error. */
function drainOf(stream: Writable): Promise<void> {
  if (stream.errored) return Promise.reject(stream.errored);
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      if (stream.errored) reject(stream.errored);
      else resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}

/**
 * Rows are written in batches: one stringify call and one stream write per batch rather than per
 * row. A batch also goes out as soon as the process would wait (for more input, say), so a caller
 * that sends one line and waits for its answer gets it at once.
 */
const BATCH_ROWS = 512;

export class RecordWriter {
  private headerWritten = false;
  private readonly tableRows: Row[] = [];
  private csvBatch: (string | number | null)[][] = [];
  private jsonBatch = "";
  private batched = 0;
  private idleFlush: NodeJS.Immediate | undefined;

  /** `columns` are the rows' keys; `labels` head the CSV or table when they differ from the keys. */
  constructor(
    private readonly stream: Writable,
    private readonly format: Format,
    readonly columns: string[],
    private readonly labels: string[] = columns,
  ) {}

  /** Writes output already formatted (CSV rows without the header, or JSON lines), after the CSV header. */
  async text(text: string | Uint8Array): Promise<void> {
    if (this.format === "csv" && !this.headerWritten) {
      this.stream.write(csvRow(this.labels));
      this.headerWritten = true;
    }
    if (text.length > 0) this.stream.write(text);
    await this.drained();
  }

  async row(record: Row, json: unknown = record): Promise<void> {
    this.add(record, json);
    await this.drained();
  }

  /** Waits while the stream holds more than it wants. */
  async drained(): Promise<void> {
    if (this.stream.writableNeedDrain || this.stream.errored) await drainOf(this.stream);
  }

  /** Adds a row without waiting: the caller awaits {@link drained} now and then. */
  add(record: Row, json: unknown = record): void {
    if (this.format === "table") {
      this.tableRows.push(record);
      return;
    }
    if (this.format === "jsonl") this.jsonBatch += `${JSON.stringify(json)}\n`;
    else this.csvBatch.push(this.columns.map((c) => record[c] ?? ""));
    if (++this.batched >= BATCH_ROWS) this.writeBatch();
    else this.idleFlush ??= setImmediate(() => this.writeBatch());
  }

  /** Writes the rows batched so far and waits when the stream asks for it. */
  async flush(): Promise<void> {
    this.writeBatch();
    await this.drained();
  }

  private writeBatch(): void {
    if (this.idleFlush) clearImmediate(this.idleFlush);
    this.idleFlush = undefined;
    this.batched = 0;
    if (this.format === "jsonl") {
      if (this.jsonBatch) this.stream.write(this.jsonBatch);
      this.jsonBatch = "";
    } else if (this.format === "csv" && (this.csvBatch.length > 0 || !this.headerWritten)) {
      this.stream.write(csvRows(this.headerWritten ? this.csvBatch : [this.labels, ...this.csvBatch]));
      this.headerWritten = true;
      this.csvBatch = [];
    }
  }

  /** Tables are aligned once every row is known; CSV gets its header even with no rows. */
  async end(): Promise<void> {
    await this.flush();
    if (this.format !== "table") return;
    const cells = [this.labels, ...this.tableRows.map((r) => this.columns.map((c) => String(r[c] ?? "")))];
    const widths = this.columns.map((_, i) =>
      cells.reduce((widest, row) => Math.max(widest, [...(row[i] ?? "")].length), 0),
    );
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
