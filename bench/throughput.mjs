// Addresses per second of the library as a developer runs it: the compiled packages (`pnpm build`),
// in a process of their own, so that neither the bench's other work (its evaluation sets, its
// sources, their garbage) nor the TypeScript loader it runs under weighs on the figure.
// Usage: node bench/throughput.mjs FILE (one address per line); prints {"rates": [...]} in
// addresses per second, one per pass, after a warm-up pass.
import { readFileSync } from "node:fs";
import { loadDiagioi } from "@diagioi/data";

const PASSES = 7;
const inputs = readFileSync(process.argv[2], "utf8").split("\n");
if (inputs.at(-1) === "") inputs.pop();
const diagioi = loadDiagioi();
for (const input of inputs) diagioi.convert(input);
const rates = [];
for (let pass = 0; pass < PASSES; pass++) {
  const started = performance.now();
  for (const input of inputs) diagioi.convert(input);
  rates.push(Math.round(inputs.length / ((performance.now() - started) / 1000)));
}
process.stdout.write(`${JSON.stringify({ rates })}\n`);
