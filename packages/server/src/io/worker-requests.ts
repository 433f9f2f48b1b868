/**
 * Requests answered by one worker thread, in the main thread's words and the worker's: the worker is
 * started on the first request, does not keep the process alive while idle, and is replaced on the
 * next request after it failed (what it was doing fails with it).
 */
import { parentPort, Worker } from "node:worker_threads";

type Reply<Result> = { id: number; result: Result } | { id: number; error: string };

/** A function that sends a request to the worker at `file` and resolves with its result. */
export function workerRequests<Request extends object, Result>(
  file: URL,
  what: string,
  workerData?: unknown,
): (request: Request) => Promise<Result> {
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<number, { resolve: (result: Result) => void; reject: (e: Error) => void }>();
  const start = () => {
    const started = new Worker(file, { workerData });
    started.unref();
    started.on("message", (reply: Reply<Result>) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if ("error" in reply) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.result);
    });
    const fail = (error: Error) => {
      if (worker === started) worker = undefined;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    started.on("error", fail);
    started.on("exit", (code) => fail(new Error(`the ${what} worker stopped (${code})`)));
    return started;
  };
  return (request) => {
    worker ??= start();
    const id = next++;
    const promise = new Promise<Result>((resolve, reject) => pending.set(id, { resolve, reject }));
    worker.postMessage({ id, ...request });
    return promise;
  };
}

/**
 * In the worker: answers each request with what `handle` gives (and hands over the buffers it names
 * rather than copying them), or with its error's message.
 */
export function answerRequests<Request, Result>(
  handle: (request: Request) => Promise<{ result: Result; transfer?: ArrayBuffer[] }>,
): void {
  const port = parentPort as NonNullable<typeof parentPort>;
  port.on("message", async ({ id, ...request }: { id: number } & Request) => {
    try {
      const { result, transfer = [] } = await handle(request as Request);
      port.postMessage({ id, result }, transfer);
    } catch (error) {
      port.postMessage({ id, error: (error as Error).message });
    }
  });
}
