/** Uploaded files read on one worker thread (started on the first import). */
import type { TableResult } from "./table.ts";
import { workerRequests } from "./worker-requests.ts";

const readOnWorker = workerRequests<{ bytes: Uint8Array }, TableResult>(
  new URL("./table-worker.js", import.meta.url),
  "table",
);

/** `readTable` of table.ts, on the worker thread (the bytes are copied: the caller keeps them). */
export function readTableOffThread(bytes: Uint8Array): Promise<TableResult> {
  return readOnWorker({ bytes });
}
