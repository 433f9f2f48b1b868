/**
 * Cutting a stream into chunks of whole records, so that each chunk converts on its own: as text,
 * or as UTF-8 bytes that a worker thread decodes (in UTF-8 a line end or a quote is one byte that is
 * never part of another character, so records end at the same places in both).
 */

/** A chunk of whole records and the input line it starts on. */
export interface Chunk<T extends string | Buffer = string> {
  text: T;
  firstLine: number;
}

/** About this many characters (or bytes) per chunk: big enough that a worker's round trip costs little. */
export const CHUNK_CHARS = 256 * 1024;

/**
 * A quoted field never holds this much: past it without a record end, a chunk ends at a line end
 * all the same, so that one stray quote does not hold the rest of a file in memory.
 */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;

const LINE_END = 0x0a;
const QUOTE = 0x22;

/**
 * Collects text or bytes and hands out chunks that end at a record end: a line end, outside quotes
 * for CSV (a quoted field may hold line ends).
 */
export class RecordSplitter<T extends string | Buffer = string> {
  /** Where scanning resumes (the start of a line), and the quote state there. */
  private scanned = 0;
  private quoted = false;
  /** Index just after the last record end found in `pending`. */
  private recordEnd = 0;
  private nextLine: number;

  /** `pending` starts empty: "" for text, an empty Buffer for bytes. */
  constructor(
    private readonly csv: boolean,
    firstLine: number,
    private pending: T,
  ) {
    this.nextLine = firstLine;
  }

  push(more: T): void {
    this.pending = (
      this.pending.length === 0
        ? more
        : typeof more === "string"
          ? (this.pending as string) + more
          : Buffer.concat([this.pending as Buffer, more])
    ) as T;
    if (!this.csv) this.recordEnd = lastIndexOfLineEnd(this.pending) + 1;
    else this.scan(this.pending);
  }

  /**
   * Line by line, toggling the quote state at each quote: native searches, no loop per character
   * (bytes are searched for as numbers, which is a plain memory search).
   */
  private scan(s: string | Buffer): void {
    const [lineEnd, quoteMark] = typeof s === "string" ? ["\n", '"'] : [LINE_END, QUOTE];
    const find = s.indexOf.bind(s) as (needle: string | number, from: number) => number;
    let quoted = this.quoted;
    let recordEnd = this.recordEnd;
    let i = this.scanned;
    let quote = find(quoteMark, i);
    for (;;) {
      const end = find(lineEnd, i);
      if (end < 0) break;
      while (quote >= 0 && quote < end) {
        quoted = !quoted;
        quote = find(quoteMark, quote + 1);
      }
      if (!quoted) recordEnd = end + 1;
      i = end + 1;
    }
    this.quoted = quoted;
    this.recordEnd = recordEnd;
    this.scanned = i;
  }

  /** Characters (or bytes) held. */
  get size(): number {
    return this.pending.length;
  }

  /** All of what is held, without taking it. */
  peek(): Chunk<T> {
    return { text: this.pending, firstLine: this.nextLine };
  }

  /**
   * The whole records held (all of what is held when `final`), or undefined when there are none.
   * Bytes come in a buffer of their own, which can be moved to a worker thread.
   */
  take(final = false): Chunk<T> | undefined {
    let end = final ? this.pending.length : this.recordEnd;
    if (end === 0 && this.pending.length > MAX_RECORD_CHARS) {
      // No field is this long: a stray quote holds the quote state, and the reader skips its line.
      end = lastIndexOfLineEnd(this.pending) + 1;
      this.quoted = false;
    }
    if (end === 0) return undefined;
    const s = this.pending;
    const text = (typeof s === "string" ? s.slice(0, end) : ownCopy(s, end)) as T;
    this.pending = (typeof s === "string" ? s.slice(end) : s.subarray(end)) as T;
    this.scanned = Math.max(0, this.scanned - end);
    this.recordEnd = 0;
    const chunk = { text, firstLine: this.nextLine };
    this.nextLine += countLines(text);
    return chunk;
  }
}

/** The first `end` bytes in a memory block of their own (never Node's shared pool). */
function ownCopy(bytes: Buffer, end: number): Buffer {
  const copy = Buffer.allocUnsafeSlow(end);
  bytes.copy(copy, 0, 0, end);
  return copy;
}

function countLines(text: string | Buffer): number {
  const find = text.indexOf.bind(text) as (needle: string | number, from: number) => number;
  const lineEnd = typeof text === "string" ? "\n" : LINE_END;
  let count = 0;
  for (let at = find(lineEnd, 0); at >= 0; at = find(lineEnd, at + 1)) count++;
  return count;
}

function lastIndexOfLineEnd(text: string | Buffer): number {
  return typeof text === "string" ? text.lastIndexOf("\n") : text.lastIndexOf(LINE_END);
}
