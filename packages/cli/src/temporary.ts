/**
 * Temporary output files: written beside --output and renamed over it when complete. Any that
 * remain when the process ends (an error, Ctrl-C, SIGTERM, a closed pipe) are removed.
 */
import { rmSync } from "node:fs";

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
