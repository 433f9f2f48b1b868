/**
 * The table worker: reads uploaded files (CSV parsing, an XLSX's unzipping) on its own thread, so
 * that a large file holds no other request while it is read.
 */
import { readTable } from "./table.ts";
import { answerRequests } from "./worker-requests.ts";

answerRequests(async ({ bytes }: { bytes: Uint8Array }) => ({ result: await readTable(bytes) }));
