/**
 * The export worker: builds export files on its own thread, from its own connection to the database,
 * so that a file that takes seconds to build (the whole register as XLSX) holds no other request.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../db/database.ts";
import type { FacilityFilter } from "../repo/facilities.ts";
import { buildExport, type ExportFormat } from "./build-export.ts";

export interface ExportRequest {
  id: number;
  format: ExportFormat;
  filter: FacilityFilter;
  signedIn: boolean;
}

const { db } = await openDatabase((workerData as { url: string }).url, { migrate: false });
const port = parentPort as NonNullable<typeof parentPort>;
port.on("message", async ({ id, format, filter, signedIn }: ExportRequest) => {
  try {
    const { name, body } = await buildExport(db, format, filter, signedIn);
    port.postMessage({ id, name, body }, typeof body === "string" ? [] : [body.buffer]);
  } catch (error) {
    port.postMessage({ id, error: (error as Error).message });
  }
});
