/** Cutting a stream of text into chunks of whole records, so that each chunk converts on its own. */

/** A chunk of whole records and the input line it starts on. */
export interface Chunk {
  text: string;
  firstLine: number;
}

/** About this many characters per chunk: big enough that a worker's round trip costs little. */
export const CHUNK_CHARS = 256 * 1024;

/**
 * Collects text and hands out chunks that end at a record end: a line end, outside quotes for CSV
 * (a quoted field may hold line ends).
 */
export class RecordSplitter {
  private pending = "";
  /** Where scanning resumes (the start of a line), and the quote state there. */
  private scanned = 0;
  private quoted = false;
  /** Index just after the last record end found in `pending`. */
  private recordEnd = 0;
  private nextLine: number;

  constructor(
    private readonly csv: boolean,
    firstLine: number,
  ) {
    this.nextLine = firstLine;
  }

  push(text: string): void {
    this.pending += text;
    if (!this.csv) {
      const end = this.pending.lastIndexOf("\n");
      this.recordEnd = end + 1;
      return;
    }
    // Line by line, toggling the quote state at each quote; native searches, no loop per character.
    const s = this.pending;
    let quoted = this.quoted;
    let recordEnd = this.recordEnd;
    let i = this.scanned;
    let quote = s.indexOf('"', i);
    for (;;) {
      const end = s.indexOf("\n", i);
      if (end < 0) break;
      while (quote >= 0 && quote < end) {
        quoted = !quoted;
        quote = s.indexOf('"', quote + 1);
      }
      if (!quoted) recordEnd = end + 1;
      i = end + 1;
    }
    this.quoted = quoted;
    this.recordEnd = recordEnd;
    this.scanned = i;
  }

  /** Characters held. */
  get size(): number {
    return this.pending.length;
  }

  /** All of the text held, without taking it. */
  peek(): Chunk {
    return { text: this.pending, firstLine: this.nextLine };
  }

  /** The whole records held (all of the text when `final`), or undefined when there are none. */
  take(final = false): Chunk | undefined {
    const end = final ? this.pending.length : this.recordEnd;
    if (end === 0) return undefined;
    const text = this.pending.slice(0, end);
    this.pending = this.pending.slice(end);
    this.scanned = Math.max(0, this.scanned - end);
    this.recordEnd = 0;
    const chunk = { text, firstLine: this.nextLine };
    this.nextLine += countLines(text);
    return chunk;
  }
}

function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
