/** Export files built on one worker thread (started on the first export, one file at a time). */
import { Worker } from "node:worker_threads";
import type { FacilityFilter } from "../repo/facilities.ts";
import type { BuiltExport, ExportBuilder, ExportFormat } from "./build-export.ts";

type Reply = { id: number; name: string; body: BuiltExport["body"] } | { id: number; error: string };

/** An {@link ExportBuilder} whose files are built by a worker thread reading the database at `url`. */
export function exportThread(url: string): ExportBuilder {
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<number, { resolve: (file: BuiltExport) => void; reject: (e: Error) => void }>();
  const start = () => {
    const started = new Worker(new URL("./export-worker.js", import.meta.url), { workerData: { url } });
    // Idle, it does not keep the process alive.
    started.unref();
    started.on("message", (reply: Reply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if ("error" in reply) waiting?.reject(new Error(reply.error));
      else waiting?.resolve({ name: reply.name, body: reply.body });
    });
    // A worker that failed is replaced on the next export; what it was building fails.
    const fail = (error: Error) => {
      if (worker === started) worker = undefined;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    started.on("error", fail);
    started.on("exit", (code) => fail(new Error(`the export worker stopped (${code})`)));
    return started;
  };
  return (format: ExportFormat, filter: FacilityFilter, signedIn: boolean) => {
    worker ??= start();
    const id = next++;
    const promise = new Promise<BuiltExport>((resolve, reject) => pending.set(id, { resolve, reject }));
    worker.postMessage({ id, format, filter, signedIn });
    return promise;
  };
}
