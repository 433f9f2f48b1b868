/** Export files built on one worker thread (started on the first export, one file at a time). */
import type { FacilityFilter } from "../repo/facilities.ts";
import type { BuiltExport, ExportBuilder, ExportFormat } from "./build-export.ts";
import { workerRequests } from "./worker-requests.ts";

export interface ExportRequest {
  format: ExportFormat;
  filter: FacilityFilter;
  signedIn: boolean;
}

/** An {@link ExportBuilder} whose files are built by a worker thread reading the database at `url`. */
export function exportThread(url: string): ExportBuilder {
  const build = workerRequests<ExportRequest, BuiltExport>(
    new URL("./export-worker.js", import.meta.url),
    "export",
    { url },
  );
  return (format, filter, signedIn) => build({ format, filter, signedIn });
}
