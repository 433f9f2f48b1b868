/** Worker threads that convert chunks; results come back in the order the chunks were sent. */
import { Worker } from "node:worker_threads";
import type { Plan } from "./plan.ts";
import type { ChunkResult } from "./process.ts";

interface Pending {
  resolve: (result: ChunkResult) => void;
  reject: (error: Error) => void;
}

const YOUNG_GENERATION_MB = 64;

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private readonly pending = new Map<number, Pending & { worker: number }>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(size: number, plan: Plan) {
    const here = import.meta.url;
    // In the repository the sources run as TypeScript (tsx); the published package runs dist/worker.js.
    const source = here.endsWith(".ts");
    const url = new URL(source ? "./worker.ts" : "./worker.js", here);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url, {
        workerData: { plan },
        // A larger young generation than a worker's default: each conversion leaves short-lived
        // garbage, and on 1,200,000 rows two workers took 11.3–12.4 s with it against 13.3–14.4 s.
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
        execArgv: source ? ["--conditions=source", "--import", "tsx"] : [],
      });
      worker.on("message", (message: { id?: number; result?: ChunkResult; error?: string }) => {
        if (message.id === undefined) return;
        const job = this.pending.get(message.id);
        if (!job) return;
        this.pending.delete(message.id);
        this.load[job.worker] = (this.load[job.worker] as number) - 1;
        if (message.error !== undefined) job.reject(new Error(message.error));
        else job.resolve(message.result as ChunkResult);
      });
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (code !== 0) this.fail(new Error(`a conversion worker stopped with exit code ${code}`));
      });
      this.workers.push(worker);
      this.load.push(0);
    }
  }

  /** Sends a chunk to the least busy worker; bytes (UTF-8) are moved, not copied. */
  run(text: string | Buffer, firstLine: number): Promise<ChunkResult> {
    if (this.failure) return Promise.reject(this.failure);
    let worker = 0;
    for (let i = 1; i < this.workers.length; i++)
      if ((this.load[i] as number) < (this.load[worker] as number)) worker = i;
    const id = this.nextId++;
    this.load[worker] = (this.load[worker] as number) + 1;
    return new Promise<ChunkResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      const moved = typeof text === "string" ? [] : [text.buffer as ArrayBuffer];
      (this.workers[worker] as Worker).postMessage({ id, text, firstLine }, moved);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}
