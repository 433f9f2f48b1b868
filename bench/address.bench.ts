/**
 * Address conversion: accuracy per kind on the evaluation set of 2025 addresses and per era and
 * kind of change on addresses written at past dates, answers in a district other than the one
 * named, and throughput on one core.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressResult, Diagioi } from "@diagioi/core";
import { loadDiagioi } from "@diagioi/data";
import { buildEvalSet, type EvalCase } from "./eval-set.ts";
import { buildPastEvalSet, type PastCase } from "./past-eval-set.ts";

export function benchAddresses(sourcesDir: string, outDir: string): Record<string, unknown> {
  const diagioi = loadDiagioi();
  const cases = buildEvalSet(diagioi, sourcesDir);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "addresses.jsonl"), cases.map((c) => JSON.stringify(c)).join("\n"));
  diagioi.convert("warm up");
  const reachable = reachableFromDistricts(diagioi);
  let wrongDistrict = 0;
  const wrongDistrictOk = (c: { district?: string }, result: AddressResult) =>
    result.status === "ok" &&
    c.district !== undefined &&
    !reachable.get(c.district)?.has(result.new?.code ?? "");

  const perKind = new Map<
    string,
    { n: number; top1: number; inCandidates: number; wrongOkOnSplit: number }
  >();
  const failures: string[] = [];
  for (const c of cases) {
    const result = diagioi.convert(c.input, { coords: c.coords });
    const stats = perKind.get(c.kind) ?? { n: 0, top1: 0, inCandidates: 0, wrongOkOnSplit: 0 };
    stats.n++;
    const candidates = new Set(result.candidates.map((x) => x.code));
    const correct = isRight(result, c.truth);
    if (correct) stats.top1++;
    else if (failures.length < 60)
      failures.push(
        `${c.kind}\t${c.input}\t→ ${result.status} ${[...candidates].join(";")} (truth ${c.truth.join(";")})`,
      );
    if (c.truth.some((t) => candidates.has(t))) stats.inCandidates++;
    if (c.split && !c.coords && result.status === "ok") stats.wrongOkOnSplit++;
    if (wrongDistrictOk(c, result)) wrongDistrict++;
    perKind.set(c.kind, stats);
  }
  writeFileSync(join(outDir, "address-failures.txt"), failures.join("\n"));

  const { rates, compiled } = throughput(
    cases.map((c) => c.input),
    outDir,
  );
  const rate = rates[3] as number;
  // After the passes, so that they run in the same state as before this set existed.
  const past = benchPast(diagioi, outDir, wrongDistrictOk);

  const table = [...perKind].map(([kind, s]) => ({
    kind,
    cases: s.n,
    top1: pct(s.top1, s.n),
    in_candidates: pct(s.inCandidates, s.n),
    ok_on_split: s.wrongOkOnSplit,
  }));
  const total = [...perKind.values()].reduce(
    (a, s) => ({
      n: a.n + s.n,
      top1: a.top1 + s.top1,
      inc: a.inc + s.inCandidates,
      wrong: a.wrong + s.wrongOkOnSplit,
    }),
    { n: 0, top1: 0, inc: 0, wrong: 0 },
  );
  console.log(
    "\nAddresses (evaluation set: bench/out/addresses.jsonl, failures: bench/out/address-failures.txt)",
  );
  console.table(table);
  console.log(
    `all: ${total.n} cases, top-1 ${pct(total.top1, total.n)} %, truth among candidates ${pct(total.inc, total.n)} %, ok on a split commune without coordinates: ${total.wrong}, ok in a district other than the one named: ${wrongDistrict}`,
  );
  console.log(
    "\nAddresses written at past dates (bench/out/past-addresses.jsonl, failures: bench/out/past-failures.txt): top-1 without and with the day of writing (asOf)",
  );
  console.table(past.table);
  console.log(
    `all: ${past.n} cases, top-1 ${past.top1} % (with asOf ${past.top1AsOf} %), ok in a district other than the one named: ${past.wrongDistrict} (with asOf ${past.wrongDistrictAsOf})`,
  );
  console.log(
    `\nthroughput: ${rate.toLocaleString("en")} addresses/s on one core (the 2025 set; median of 7 passes in a process of its own, ${compiled ? "the compiled packages" : "from source: run pnpm build for the compiled packages' figure"}; slowest ${rates[0]?.toLocaleString("en")}, fastest ${rates[6]?.toLocaleString("en")})`,
  );
  return {
    top1: pct(total.top1, total.n),
    inCandidates: pct(total.inc, total.n),
    wrongOkOnSplit: total.wrong,
    wrongDistrict,
    past,
    rate,
    table,
  };
}

/**
 * Seven passes over the inputs in a fresh process (bench/throughput.mjs), sorted: with the compiled
 * packages when `pnpm build` made them, as a developer runs the library; else from source. In this
 * process the passes ran 15–25 % slower: the evaluation sets' garbage, and the TypeScript loader's
 * output being slower than the bundler's.
 */
function throughput(inputs: string[], outDir: string): { rates: number[]; compiled: boolean } {
  const file = join(outDir, "throughput-inputs.txt");
  writeFileSync(file, `${inputs.map((input) => input.replace(/[\r\n]+/g, " ")).join("\n")}\n`);
  const root = fileURLToPath(new URL("..", import.meta.url));
  const compiled =
    existsSync(join(root, "packages/core/dist/index.js")) && existsSync(join(root, "data/lib/index.js"));
  const script = join(root, "bench/throughput.mjs");
  const args = compiled ? [script, file] : ["--conditions=source", "--import", "tsx", script, file];
  const child = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  if (child.status !== 0) throw new Error(`bench/throughput.mjs: ${child.stderr.slice(-500)}`);
  const { rates } = JSON.parse(child.stdout) as { rates: number[] };
  return { rates: rates.sort((a, b) => a - b), compiled };
}

/** Top-1 on the addresses of past dates, by era and by kind of change, without and with asOf. */
function benchPast(
  diagioi: Diagioi,
  outDir: string,
  wrongDistrictOk: (c: PastCase, result: AddressResult) => boolean,
) {
  const cases = buildPastEvalSet(diagioi);
  writeFileSync(join(outDir, "past-addresses.jsonl"), cases.map((c) => JSON.stringify(c)).join("\n"));
  const cells = new Map<string, { n: number; top1: number; top1AsOf: number }>();
  const failures: string[] = [];
  let wrongDistrict = 0;
  let wrongDistrictAsOf = 0;
  for (const c of cases) {
    const result = diagioi.convert(c.input);
    const dated = diagioi.convert(c.input, { asOf: c.asOf });
    const right = isRight(result, c.truth);
    if (!right && failures.length < 200)
      failures.push(
        `${c.era}\t${c.change}\t${c.asOf}\t${c.input}\t→ ${result.status} ${result.candidates.map((x) => x.code).join(";")} (truth ${c.truth.join(";")})`,
      );
    if (wrongDistrictOk(c, result)) wrongDistrict++;
    if (wrongDistrictOk(c, dated)) wrongDistrictAsOf++;
    for (const key of [`era ${c.era}`, `change ${c.change}`]) {
      const cell = cells.get(key) ?? { n: 0, top1: 0, top1AsOf: 0 };
      cell.n++;
      if (right) cell.top1++;
      if (isRight(dated, c.truth)) cell.top1AsOf++;
      cells.set(key, cell);
    }
  }
  writeFileSync(join(outDir, "past-failures.txt"), failures.join("\n"));
  const table = [...cells]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([group, s]) => ({ group, cases: s.n, top1: pct(s.top1, s.n), top1_as_of: pct(s.top1AsOf, s.n) }));
  const byEra = [...cells].filter(([key]) => key.startsWith("era "));
  const n = byEra.reduce((a, [, s]) => a + s.n, 0);
  return {
    n,
    top1: pct(
      byEra.reduce((a, [, s]) => a + s.top1, 0),
      n,
    ),
    top1AsOf: pct(
      byEra.reduce((a, [, s]) => a + s.top1AsOf, 0),
      n,
    ),
    wrongDistrict,
    wrongDistrictAsOf,
    table,
  };
}

/**
 * Right: `ok` with the one truth, or `ambiguous` with exactly the truths when there are several
 * (a split commune, or a successor the history leaves open).
 */
function isRight(result: AddressResult, truth: string[]): boolean {
  if (truth.length === 1) return result.status === "ok" && result.new?.code === truth[0];
  const candidates = new Set(result.candidates.map((x) => x.code));
  return (
    result.status === "ambiguous" && candidates.size === truth.length && truth.every((t) => candidates.has(t))
  );
}

/** District code → today's communes that a commune ever in that district leads to. */
function reachableFromDistricts(diagioi: Diagioi): Map<string, Set<string>> {
  const reachable = new Map<string, Set<string>>();
  for (const unit of diagioi.units.units) {
    if (unit.level !== "commune" || unit.validTo === "" || unit.validTo > "2025-06-30") continue;
    const codes = reachable.get(unit.parentCode) ?? new Set<string>();
    for (const d of diagioi.lineage.destinations(unit)) codes.add(d.unit.code);
    reachable.set(unit.parentCode, codes);
  }
  return reachable;
}

function pct(part: number, whole: number): number {
  return whole ? Math.round((part / whole) * 1000) / 10 : 0;
}

export type { EvalCase };
