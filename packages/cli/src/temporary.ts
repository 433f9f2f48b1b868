/**
 * Temporary output files: written beside --output and renamed over it when complete. Any that
 * remain when the process ends (an error, Ctrl-C, SIGTERM, a closed pipe) are removed.
 */
import {
  createWriteStream,
  fchmodSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { reasonOf, UnusableInput } from "./errors.ts";

const files = new Set<string>();
let installed = false;

/** Registers a temporary file to remove unless {@link release}d. */
export function track(file: string): void {
  files.add(file);
  if (installed) return;
  installed = true;
  process.on("exit", removeAll);
  for (const [signal, status] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const) {
    process.once(signal, () => {
      const partial = files.size > 0;
      removeAll();
      process.stderr.write(`\ndiagioi: interrupted${partial ? ": the partial output is removed" : ""}\n`);
      process.exit(status);
    });
  }
}

/** The file is complete (renamed) or already removed. */
export function release(file: string): void {
  files.delete(file);
}

/** Removes every temporary file still registered. */
export function removeAll(): void {
  for (const file of files) rmSync(file, { force: true });
  files.clear();
}

/** Output that appears under its name only when complete. */
export interface PendingOutput {
  stream: Writable;
  /** Ends the stream and renames the temporary file over the output. */
  commit(): Promise<void>;
  /** Removes the temporary file. */
  abandon(): void;
}

/**
 * Standard output as it is (no `file`, or "-"); a device or pipe (`/dev/null`, a FIFO) written as
 * it is; else a regular file written beside itself (beside its target, for a link) and renamed over
 * it when complete, keeping an existing file's permissions. What cannot be written is said before
 * any work, as UnusableInput; so is an output that is the input itself.
 */
export function pendingOutput(
  file: string | undefined,
  stdout: Writable,
  inputs: readonly string[] = [],
): PendingOutput {
  if (!file || file === "-") return { stream: stdout, commit: async () => {}, abandon: () => {} };
  const target = existingTarget(file);
  if (target && inputs.some((input) => isFile(target.stats, input)))
    throw new UnusableInput(`--output ${file} is the input file: write the output elsewhere`);
  if (target?.stats.isDirectory()) throw new UnusableInput(`--output ${file} is a folder, not a file`);
  if (target && !target.stats.isFile()) {
    const stream = createWriteStream("", { fd: openOrSay(file, "w", file) });
    return {
      stream: reportingPath(stream, file),
      commit: () => endOf(stream),
      abandon: () => stream.destroy(),
    };
  }
  const path = target?.path ?? file;
  const temporary = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  const mode = target ? target.stats.mode & 0o777 : 0o666;
  const fd = openOrSay(temporary, "wx", file, mode);
  track(temporary);
  if (target) fchmodSync(fd, mode);
  const stream = reportingPath(createWriteStream("", { fd }), file);
  return {
    stream,
    async commit() {
      await endOf(stream);
      renameSync(temporary, path);
      release(temporary);
    },
    abandon() {
      stream.destroy();
      rmSync(temporary, { force: true });
      release(temporary);
    },
  };
}

/** The file a path names now, through links, with its kind and permissions; undefined when none. */
function existingTarget(file: string): { path: string; stats: Stats } | undefined {
  try {
    const path = realpathSync(file);
    return { path, stats: statSync(path) };
  } catch {
    return undefined;
  }
}

/** True when `path` names the file `stats` describe. */
function isFile(stats: Stats, path: string): boolean {
  try {
    const other = statSync(path);
    return other.dev === stats.dev && other.ino === stats.ino;
  } catch {
    return false;
  }
}

/** Opens a file for writing, or says in one line why --output cannot be written. */
function openOrSay(path: string, flags: string, output: string, mode?: number): number {
  try {
    return openSync(path, flags, mode);
  } catch (error) {
    throw new UnusableInput(`--output ${output}: cannot write (${reasonOf(error)})`);
  }
}

/**
 * A failed write (a full disk) is no unhandled event: writers see it through `errored` (see
 * output.ts), and the command reports it with the path as a system error.
 */
function reportingPath<T extends Writable>(stream: T, output: string): T {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    error.path ??= output;
  });
  return stream;
}

async function endOf(stream: Writable): Promise<void> {
  stream.end();
  await finished(stream);
}
