/** Uploaded files read on one worker thread (started on the first import, kept while there is work). */
import { Worker } from "node:worker_threads";
import type { TableResult } from "./table.ts";

type Reply = { id: number; result: TableResult } | { id: number; error: string };

let worker: Worker | undefined;
let next = 0;
const pending = new Map<number, { resolve: (result: TableResult) => void; reject: (e: Error) => void }>();

function start(): Worker {
  const started = new Worker(new URL("./table-worker.js", import.meta.url));
  // Idle, it does not keep the process alive.
  started.unref();
  started.on("message", (reply: Reply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ("error" in reply) waiting?.reject(new Error(reply.error));
    else waiting?.resolve(reply.result);
  });
  // A worker that failed is replaced on the next file; what it was reading fails.
  const fail = (error: Error) => {
    if (worker === started) worker = undefined;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  started.on("error", fail);
  started.on("exit", (code) => fail(new Error(`the table worker stopped (${code})`)));
  return started;
}

/** `readTable` of table.ts, on the worker thread (the bytes are copied: the caller keeps them). */
export function readTableOffThread(bytes: Uint8Array): Promise<TableResult> {
  worker ??= start();
  const id = next++;
  const promise = new Promise<TableResult>((resolve, reject) => pending.set(id, { resolve, reject }));
  worker.postMessage({ id, bytes });
  return promise;
}
