/** Loading everything in a fresh Node process: time and heap, median of 5 runs. */
import { execFileSync } from "node:child_process";

const PROBE = `
const started = performance.now();
const { loadDiagioi } = await import("@diagioi/data");
const imported = performance.now();
const diagioi = loadDiagioi();
const loaded = performance.now();
globalThis.gc?.();
console.log(JSON.stringify({ importMs: imported - started, loadMs: loaded - imported, heapMB: process.memoryUsage().heapUsed / 1e6, units: diagioi.units.units.length }));
`;

export function benchLoad(root: string): Record<string, unknown> {
  const runs = Array.from({ length: 5 }, () => {
    const out = execFileSync(
      process.execPath,
      ["--expose-gc", "--conditions=source", "--import", "tsx", "--input-type=module", "-e", PROBE],
      {
        cwd: `${root}/data`,
        encoding: "utf8",
      },
    );
    return JSON.parse(out) as { importMs: number; loadMs: number; heapMB: number };
  });
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const loadMs = Math.round(median(runs.map((r) => r.loadMs)));
  const heapMB = Math.round(median(runs.map((r) => r.heapMB)));
  const importMs = Math.round(median(runs.map((r) => r.importMs)));
  console.log(
    `\nLoad (fresh process, median of 5): loadDiagioi() ${loadMs} ms, heap after load ${heapMB} MB (module import and TypeScript transpilation ${importMs} ms more)`,
  );
  return { loadMs, heapMB, importMs };
}
