/**
 * `diagioi convert`: addresses in, addresses in today's units out, in chunks of whole records with
 * flat memory; on N worker threads with --jobs N, the output in the input's order.
 */
import { closeSync, createReadStream, fstatSync, openSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Readable, Writable } from "node:stream";
import type { AddressResult, Diagioi } from "@diagioi/core";
import { CHUNK_CHARS, type Chunk, RecordSplitter } from "./chunks.ts";
import { reasonOf, UnusableInput } from "./errors.ts";
import { byteChunks } from "./input.ts";
import { RecordWriter } from "./output.ts";
import { makePlan, type Plan, type PlanOptions } from "./plan.ts";
import {
  type ChunkResult,
  type Convert,
  type Counts,
  MAX_MESSAGES,
  outputColumns,
  processChunk,
} from "./process.ts";
import { Progress } from "./progress.ts";
import { pendingOutput } from "./temporary.ts";

export { contract, splitCoords } from "./process.ts";

export interface ConvertCommand extends PlanOptions {
  output?: string;
  /** Worker threads; 1 converts in the main thread; by default {@link defaultJobs}. */
  jobs?: number;
}

/**
 * A file at least this large converts on worker threads unless --jobs says otherwise. Each worker
 * loads the dataset and warms up its own code, which costs about 1.2 s more than one thread, and two
 * workers then convert at twice the speed: on 88-byte CSV rows, one thread took 2.8 s for 120,000
 * rows (10.6 MB) against 3.0 s for two, and 5.8 s for 300,000 rows (26.6 MB) against 4.4 s.
 */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

/** Worker threads for an input of `bytes` (undefined: standard input, of unknown size). */
export function defaultJobs(bytes: number | undefined): number {
  if (bytes === undefined || bytes < PARALLEL_MIN_BYTES) return 1;
  return Math.min(availableParallelism(), MAX_DEFAULT_JOBS);
}

/**
 * The worker threads to use: --jobs, but no more than the machine's cores (each worker holds a
 * dataset, and more of them than cores only share the same cores), else {@link defaultJobs}.
 */
function jobsFor(asked: number | undefined, bytes: number | undefined, stderr: Writable): number {
  if (asked === undefined) return defaultJobs(bytes);
  const cores = availableParallelism();
  if (asked <= cores) return asked;
  stderr.write(`diagioi convert: --jobs ${asked}: this machine has ${cores} cores; using ${cores}\n`);
  return cores;
}

/** More workers than this each hold a dataset for little more speed. */
const MAX_DEFAULT_JOBS = 4;

/** Where the dataset comes from: all of it, or what a few addresses need. */
export interface DatasetSource {
  full(boundaries: boolean): Promise<Diagioi>;
  /** What converting these addresses needs (one province's data when they all name it). */
  forAddresses?(addresses: string[], date: string | undefined): Promise<Diagioi>;
}

export interface Summary extends Counts {
  seconds: number;
}

/** An input that ends within this many characters converts with the provinces it names only. */
const SMALL_INPUT_CHARS = 64 * 1024;
/** Chunks converting or converted but not written yet, per worker: bounds memory. */
const IN_FLIGHT_PER_WORKER = 3;

export async function runConvert(
  source: DatasetSource,
  command: ConvertCommand,
  stdin: Readable,
  stdout: Writable,
  stderr: Writable,
): Promise<Summary> {
  const started = Date.now();
  const name = command.input ?? "standard input";
  const stream = command.input ? openInput(command.input) : stdin;
  const total = command.input ? statSync(command.input).size : undefined;
  const progress = new Progress(total);
  const summary: Summary = { rows: 0, ok: 0, ambiguous: 0, not_found: 0, bad: 0, seconds: 0 };
  const chunks = byteChunks(stream, name, (message) => stderr.write(`diagioi convert: ${message}\n`))[
    Symbol.asyncIterator
  ]();
  let bytesRead = 0;
  let ended = false;
  const readBytes = async (): Promise<Buffer | undefined> => {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      return undefined;
    }
    bytesRead += next.value.length;
    return next.value;
  };

  // The first line tells the kind of input; a small input is read whole before choosing the dataset.
  const headParts: Buffer[] = [];
  let headSize = 0;
  let headLineEnd = -1;
  while (!ended && (headLineEnd < 0 || headSize < SMALL_INPUT_CHARS)) {
    const bytes = await readBytes();
    if (!bytes) break;
    if (headLineEnd < 0 && bytes.includes(10)) headLineEnd = headSize + bytes.indexOf(10);
    headParts.push(bytes);
    headSize += bytes.length;
  }
  let headBytes = Buffer.concat(headParts);
  if (headBytes[0] === 0xef && headBytes[1] === 0xbb && headBytes[2] === 0xbf) {
    headBytes = headBytes.subarray(3);
    headLineEnd -= 3;
  }
  const decoder = new TextDecoder("utf-8");
  const decode = (bytes: Buffer) => decoder.decode(bytes, { stream: !ended });
  const head = decode(headBytes);
  const inputs = command.input === undefined ? [] : [command.input];
  if (!head.trim()) {
    stderr.write(`diagioi convert: ${name} is empty: nothing to convert\n`);
    // An empty output all the same, for the next step of a pipeline to read.
    await pendingOutput(command.output, stdout, inputs).commit();
    return summary;
  }
  const lineEnd = head.indexOf("\n");
  const firstLine = (lineEnd < 0 ? head : head.slice(0, lineEnd)).replace(/\r$/, "");
  const plan = makePlan({ ...command }, firstLine);
  if (plan.notice) stderr.write(`diagioi convert: ${plan.notice}\n`);
  const csv = plan.mode === "csv";
  const headed = plan.headed;
  const small = ended && headSize < SMALL_INPUT_CHARS;
  if (ended && headed && (lineEnd < 0 || !head.slice(lineEnd + 1))) {
    stderr.write(`diagioi convert: ${name} has a header and no rows: nothing to convert\n`);
  }

  const output = pendingOutput(command.output, stdout, inputs);
  const writer = new RecordWriter(output.stream, plan.format, outputColumns(plan));
  let pool: import("./pool.ts").WorkerPool | undefined;
  let messages = 0;
  const take = async (result: ChunkResult) => {
    for (const key of ["rows", "ok", "ambiguous", "not_found", "bad"] as const)
      summary[key] += result.counts[key];
    for (const message of result.messages) {
      if (messages < MAX_MESSAGES) stderr.write(`${name}: ${message}\n`);
      messages++;
    }
    if (result.counts.bad > result.messages.length) messages += result.counts.bad - result.messages.length;
    progress.update(bytesRead, summary.rows);
    if (plan.format === "table") for (const row of result.rows) writer.add(rowOf(writer, row));
    else await writer.text(result.bytes ?? result.text);
  };

  const jobs = jobsFor(command.jobs, total, stderr);
  try {
    if (jobs > 1 && !small) {
      // The records go to the workers as bytes: decoding and copying strings here would take a
      // core's time from the workers.
      const splitter = new RecordSplitter<Buffer>(csv, headed ? 2 : 1, Buffer.alloc(0));
      splitter.push(
        headed ? (headLineEnd < 0 ? Buffer.alloc(0) : headBytes.subarray(headLineEnd + 1)) : headBytes,
      );
      const { WorkerPool } = await import("./pool.ts");
      pool = new WorkerPool(jobs, plan);
      const queue: Promise<ChunkResult>[] = [];
      const limit = jobs * IN_FLIGHT_PER_WORKER;
      const send = async (chunk: Chunk<Buffer>) => {
        queue.push((pool as import("./pool.ts").WorkerPool).run(chunk.text, chunk.firstLine));
        while (queue.length >= limit) await take(await (queue.shift() as Promise<ChunkResult>));
      };
      for (;;) {
        if (splitter.size >= CHUNK_CHARS || ended) {
          const chunk = splitter.take(ended);
          if (chunk) await send(chunk);
          if (ended) break;
        }
        const bytes = await readBytes();
        if (bytes) splitter.push(bytes);
      }
      while (queue.length > 0) await take(await (queue.shift() as Promise<ChunkResult>));
    } else {
      const splitter = new RecordSplitter<string>(csv, headed ? 2 : 1, "");
      splitter.push(headed ? (lineEnd < 0 ? "" : head.slice(lineEnd + 1)) : head);
      const convert = await converterFor(source, plan, small ? splitter : undefined);
      for (;;) {
        if (splitter.size >= CHUNK_CHARS / 4 || ended) {
          const chunk = splitter.take(ended);
          if (chunk) await take(processChunk(chunk.text, chunk.firstLine, plan, convert));
          if (ended) break;
        }
        const bytes = await readBytes();
        const text = bytes ? decode(bytes) : decoder.decode();
        if (text) splitter.push(text);
      }
    }
    if (summary.rows === 0 && summary.bad > 0)
      throw new UnusableInput(
        `${name}: none of its ${summary.bad} ${summary.bad === 1 ? "row" : "rows"} could be read (the reasons are above)`,
      );
    await writer.end();
    await output.commit();
  } catch (error) {
    output.abandon();
    throw error;
  } finally {
    progress.clear();
    await pool?.close();
    if (messages > MAX_MESSAGES)
      stderr.write(`${name}: ${messages - MAX_MESSAGES} more bad rows, not listed\n`);
  }
  summary.seconds = (Date.now() - started) / 1000;
  const rate = summary.seconds > 0 ? Math.round(summary.rows / summary.seconds) : summary.rows;
  stderr.write(
    `${summary.rows} ${summary.rows === 1 ? "row" : "rows"} in ${summary.seconds.toFixed(1)} s (${rate}/s${pool ? ` on ${jobs} worker threads` : ""}): ok ${summary.ok}, ambiguous ${summary.ambiguous}, not_found ${summary.not_found}; bad rows ${summary.bad}\n`,
  );
  return summary;
}

/**
 * The conversion function. A small input (`whole` holds all of it) loads only what its addresses
 * need; a large one, the whole dataset.
 */
async function converterFor(source: DatasetSource, plan: Plan, whole?: RecordSplitter): Promise<Convert> {
  if (whole && source.forAddresses && !plan.coords) {
    const addresses: string[] = [];
    const probe: Convert = (text) => {
      addresses.push(text);
      return NOT_FOUND;
    };
    const all = whole.peek();
    processChunk(all.text, all.firstLine, { ...plan, format: "jsonl" }, probe);
    return (await source.forAddresses(addresses, plan.date)).convert;
  }
  return (await source.full(plan.coords)).convert;
}

const NOT_FOUND: AddressResult = {
  input: "",
  status: "not_found",
  new: null,
  candidates: [],
  address: null,
  confidence: 0,
  matched: { commune: null, district: null, province: null, era: null },
};

function rowOf(writer: RecordWriter, cells: string[]): Record<string, string> {
  const row: Record<string, string> = {};
  writer.columns.forEach((column, i) => {
    row[column] ??= cells[i] ?? "";
  });
  return row;
}

/** The input file, opened now so that what stops reading it is said before any work. */
function openInput(file: string): Readable {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    throw new UnusableInput(`${file}: cannot read (${reasonOf(error)})`);
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw new UnusableInput(`${file}: not a file`);
  }
  return createReadStream("", { fd, highWaterMark: 256 * 1024 });
}
