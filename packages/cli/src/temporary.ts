/**
 * Temporary output files: written beside --output and renamed over it when complete. Any that
 * remain when the process ends (an error, Ctrl-C, SIGTERM, a closed pipe) are removed.
 */
import { createWriteStream, renameSync, rmSync } from "node:fs";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";

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
      removeAll();
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

/** Standard output as it is, or `file` written beside itself then renamed when complete. */
export function pendingOutput(file: string | undefined, stdout: Writable): PendingOutput {
  if (!file) return { stream: stdout, commit: async () => {}, abandon: () => {} };
  const temporary = `${file}.tmp-${process.pid}`;
  track(temporary);
  const stream = createWriteStream(temporary);
  return {
    stream,
    async commit() {
      stream.end();
      await finished(stream);
      renameSync(temporary, file);
      release(temporary);
    },
    abandon() {
      stream.destroy();
      rmSync(temporary, { force: true });
      release(temporary);
    },
  };
}
