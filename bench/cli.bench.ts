/**
 * The `diagioi` command as a whole process (compiled: run `pnpm build` first):
 * - one address in a fresh process (median of 15), beside `node -e 0`;
 * - the same 30,000 addresses of the evaluation set, against the peer vietnam-address-converter
 *   1.1.0 built from its repository when it is present ($DIAGIOI_PEER, default ../peer/
 *   vietnam-address-converter beside the checkout), runs interleaved, median of 3, and the ratio;
 * - a 1,200,000-row CSV with --jobs 1 and --jobs 2 (three runs each, in turn; the median): rows per
 *   second and peak resident memory (with /usr/bin/time), and a 120,000-row CSV to show the memory
 *   does not grow with the input, and a 2,400,000-row one with --jobs 2 to show where it levels off.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadDiagioi } from "@diagioi/data";
import { buildEvalSet } from "./eval-set.ts";

interface Run {
  seconds: number;
  maxRssMB?: number;
}

const TIME = "/usr/bin/time";

function run(command: string, args: string[], cwd?: string): Run {
  const timed = existsSync(TIME);
  const started = performance.now();
  const result = timed
    ? spawnSync(TIME, ["-f", "%M", command, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 30 })
    : spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${result.stderr.slice(-500)}`);
  const rss = timed ? Number(result.stderr.trim().split("\n").pop()) : Number.NaN;
  return { seconds, maxRssMB: Number.isFinite(rss) ? Math.round(rss / 1024) : undefined };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export function benchCli(root: string, sourcesDir: string, outDir: string): Record<string, unknown> {
  const bin = join(root, "packages/cli/bin/diagioi.js");
  if (!existsSync(join(root, "packages/cli/dist/bin.js"))) {
    console.log("\nCLI: skipped (run pnpm build first)");
    return {};
  }
  mkdirSync(outDir, { recursive: true });
  const node = process.execPath;
  const inputs = buildEvalSet(loadDiagioi(), sourcesDir)
    .map((c) => c.input.replace(/[\r\n]+/g, " "))
    .slice(0, 30_000);
  const addresses = join(outDir, "cli-30000.txt");
  writeFileSync(addresses, `${inputs.join("\n")}\n`);
  const one = join(outDir, "cli-one.txt");
  writeFileSync(one, "Phường Phúc Xá, Quận Ba Đình, Hà Nội\n");

  const start: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 15; i++) {
    bare.push(run(node, ["-e", "0"]).seconds);
    start.push(run(node, [bin, "convert", one]).seconds);
  }
  console.log(
    `\nCLI, one address in a fresh process (median of 15): ${Math.round(median(start) * 1000)} ms (node -e 0 alone: ${Math.round(median(bare) * 1000)} ms)`,
  );

  const peerDir = process.env.DIAGIOI_PEER ?? join(root, "../peer/vietnam-address-converter");
  const havePeer = existsSync(join(peerDir, "dist/index.esm.js"));
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < 3; i++) {
    ours.push(run(node, [bin, "convert", addresses, "--output", join(outDir, "cli-30000.jsonl")]).seconds);
    if (havePeer)
      theirs.push(run(node, [join(root, "bench/peer-convert.mjs"), peerDir, addresses], peerDir).seconds);
  }
  const ratio = havePeer ? median(theirs) / median(ours) : undefined;
  console.log(
    `CLI, the same ${inputs.length.toLocaleString("en")} addresses, whole process (median of 3): diagioi ${median(ours).toFixed(2)} s` +
      (havePeer
        ? `, vietnam-address-converter ${median(theirs).toFixed(2)} s: ${ratio?.toFixed(1)}× faster`
        : " (peer not found: set DIAGIOI_PEER to a built vietnam-address-converter to compare)"),
  );

  const csvOf = (rows: number) => {
    const file = join(outDir, `cli-${rows}.csv`);
    let text = "id,name,address,phone\n";
    for (let i = 0; i < rows; i++) {
      const address = inputs[i % inputs.length] as string;
      text += `${i + 1},Người ${i % 977},"${address.replaceAll('"', '""')}",09${String(i).padStart(8, "0")}\n`;
    }
    writeFileSync(file, text);
    return file;
  };
  const jobs: Record<string, { rowsPerSecond: number; maxRssMB?: number }> = {};
  // The large file three times, --jobs 1 and 2 in turn: a single run moved by a fifth on this host.
  // 2,400,000 rows once with --jobs 2: its peak beside the two others shows whether memory levels off.
  for (const [rows, rounds, counts] of [
    [120_000, 1, [1, 2]],
    [1_200_000, 3, [1, 2]],
    [2_400_000, 1, [2]],
  ] as const) {
    const file = csvOf(rows);
    const runs: Record<number, Run[]> = { 1: [], 2: [] };
    for (let round = 0; round < rounds; round++)
      for (const n of counts)
        runs[n]?.push(
          run(node, [
            bin,
            "convert",
            file,
            "--format",
            "csv",
            "--jobs",
            String(n),
            "--output",
            `${file}.out`,
          ]),
        );
    for (const n of counts) {
      const seconds = (runs[n] ?? []).map((r) => r.seconds);
      const peaks = (runs[n] ?? []).map((r) => r.maxRssMB ?? Number.NaN);
      const rate = Math.round(rows / median(seconds));
      const maxRssMB = Math.max(...peaks);
      jobs[`${rows}:${n}`] = {
        rowsPerSecond: rate,
        maxRssMB: Number.isFinite(maxRssMB) ? maxRssMB : undefined,
      };
      console.log(
        `CLI, ${rows.toLocaleString("en")}-row CSV → CSV, --jobs ${n}: ${rate.toLocaleString("en")} rows/s` +
          `${rounds > 1 ? ` (median of ${rounds}; ${seconds.map((s) => s.toFixed(1)).join(", ")} s)` : ""}, peak ${jobs[`${rows}:${n}`]?.maxRssMB ?? "?"} MB resident`,
      );
    }
  }
  const speedup = (jobs["1200000:2"]?.rowsPerSecond ?? 0) / (jobs["1200000:1"]?.rowsPerSecond ?? 1);
  console.log(`CLI, --jobs 2 over --jobs 1 on 1,200,000 rows: ${speedup.toFixed(2)}×`);
  return {
    startMs: Math.round(median(start) * 1000),
    ours: median(ours),
    theirs: median(theirs),
    ratio,
    jobs,
    speedup,
  };
}
