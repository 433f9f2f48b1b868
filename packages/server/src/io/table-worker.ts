/**
 * The table worker: reads uploaded files (CSV parsing, an XLSX's unzipping) on its own thread, so
 * that a large file holds no other request while it is read.
 */
import { parentPort } from "node:worker_threads";
import { readTable } from "./table.ts";

const port = parentPort as NonNullable<typeof parentPort>;
port.on("message", async ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  try {
    port.postMessage({ id, result: await readTable(bytes) });
  } catch (error) {
    port.postMessage({ id, error: (error as Error).message });
  }
});
