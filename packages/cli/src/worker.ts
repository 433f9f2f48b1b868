/**
 * A conversion worker (--jobs N): loads the dataset once, then turns each chunk it is sent into
 * output with {@link processChunk}.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadDiagioi } from "@diagioi/data";
import type { Plan } from "./plan.ts";
import { processChunk } from "./process.ts";

const { plan } = workerData as { plan: Plan };
const diagioi = loadDiagioi({ boundaries: plan.coords });
const convert = diagioi.convert;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

parentPort?.on("message", (job: { id: number; text: string | Uint8Array; firstLine: number }) => {
  try {
    const text = typeof job.text === "string" ? job.text : decoder.decode(job.text);
    const result = processChunk(text, job.firstLine, plan, convert);
    // Encoded here and moved to the main thread, which then only writes bytes.
    const bytes = encoder.encode(result.text);
    result.text = "";
    result.bytes = bytes;
    parentPort?.postMessage({ id: job.id, result }, [bytes.buffer]);
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: (error as Error).stack ?? String(error) });
  }
});
parentPort?.postMessage({ ready: true });
