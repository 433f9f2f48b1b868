/**
 * The export worker: builds export files on its own thread, from its own connection to the database,
 * so that a file that takes seconds to build (the whole register as XLSX) holds no other request.
 */
import { workerData } from "node:worker_threads";
import { openDatabase } from "../db/database.ts";
import { buildExport } from "./build-export.ts";
import type { ExportRequest } from "./export-thread.ts";
import { answerRequests } from "./worker-requests.ts";

const { db } = await openDatabase((workerData as { url: string }).url, { migrate: false });
answerRequests(async ({ format, filter, signedIn }: ExportRequest) => {
  const result = await buildExport(db, format, filter, signedIn);
  // A binary file's bytes are handed over, not copied.
  const body = result.body;
  return { result, transfer: typeof body === "string" ? [] : [body.buffer as ArrayBuffer] };
});
