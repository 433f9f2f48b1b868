/**
 * The register under load: `pnpm bench:tracker`. For SQLite (and PostgreSQL when DIAGIOI_BENCH_PG or
 * DIAGIOI_TEST_PG names a role that may create databases): seed the 31,509-facility demo register,
 * start `tracker serve` in its own process on loopback, and drive it with autocannon (50 connections)
 * for list, detail, PATCH and stats; then time stats as of a past day, the GeoJSON export and the
 * import of 30,000 rows, and read the server's peak resident memory. Targets (issue 8): ≥ 2,000
 * reads/s with p99 ≤ 50 ms on SQLite, ≥ 1,000 on PostgreSQL; stats ≤ 100 ms; 30,000 rows ≤ 15 s.
 */
import { readFileSync } from "node:fs";
import { random, vietnamDay } from "@diagioi/core";
import { loadDiagioi } from "@diagioi/data";
import autocannon from "autocannon";
import { freshDatabase, startServer } from "../../../test/server/processes.ts";
import { addUser, createToken, openDatabase, seedDemo } from "../src/index.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
/** Server processes sharing the port (BENCH_WORKERS; the machine has 2 cores, and autocannon needs one too). */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const PG_URL = process.env.DIAGIOI_BENCH_PG ?? process.env.DIAGIOI_TEST_PG;

interface Row {
  measure: string;
  sqlite?: string;
  postgres?: string;
  target: string;
}
const rows: Row[] = [];
function record(measure: string, kind: "sqlite" | "postgres", value: string, target: string) {
  let row = rows.find((r) => r.measure === measure);
  if (!row) {
    row = { measure, target };
    rows.push(row);
  }
  row[kind] = value;
}

async function main() {
  const diagioi = loadDiagioi();
  const kinds: ("sqlite" | "postgres")[] = PG_URL ? ["sqlite", "postgres"] : ["sqlite"];
  if (!PG_URL) console.error("no DIAGIOI_BENCH_PG / DIAGIOI_TEST_PG: PostgreSQL is not measured");
  for (const kind of kinds) {
    const { url, drop } = await freshDatabase(kind, PG_URL);
    try {
      await benchOne(kind, url, diagioi);
    } finally {
      await drop();
    }
  }
  console.log(
    `\nRegister benchmark (${CONNECTIONS} connections, ${SECONDS} s per run, ${WORKERS} server process(es), loopback)`,
  );
  console.table(rows);
}

async function benchOne(kind: "sqlite" | "postgres", url: string, diagioi: ReturnType<typeof loadDiagioi>) {
  console.error(`\n[${kind}] seeding the demo register …`);
  const opened = await openDatabase(url);
  let started = performance.now();
  const seeded = await seedDemo(opened.db, diagioi);
  record("demo register: facilities / events", kind, `${seeded.facilities} / ${seeded.events}`, "");
  record("seeding the demo (s)", kind, ((performance.now() - started) / 1000).toFixed(1), "");
  const editorId = await addUser(opened.db, {
    username: "bench-editor",
    password: "bench-password",
    role: "editor",
    province_code: null,
  });
  const { token } = await createToken(opened.db, editorId, "bench");
  const versions = await opened.db
    .selectFrom("facilities")
    .select(["id", "version"])
    .where("stage", "!=", "withdrawn")
    .execute();
  await opened.close();

  const server = await startServer(url, { DIAGIOI_WORKERS: String(WORKERS) });
  const base = `http://127.0.0.1:${server.port}`;
  const auth = { authorization: `Bearer ${token}` };
  const next = random(11);
  const ids = versions.map((v) => v.id);
  const provinces = ["01", "79", "51", "68", "24", "38", "40", "92"];
  try {
    const list = await load(base, () => ({
      path: `/api/facilities?province=${provinces[Math.floor(next() * provinces.length)]}&limit=50`,
    }));
    record("list, 50 a page: req/s", kind, list.rps, "SQLite ≥ 2,000, PG ≥ 1,000");
    record("list: p50 / p99 ms", kind, list.latency, "p99 ≤ 50");
    const detail = await load(base, () => ({
      path: `/api/facilities/${ids[Math.floor(next() * ids.length)]}`,
      headers: auth,
    }));
    record("detail: req/s", kind, detail.rps, "SQLite ≥ 2,000, PG ≥ 1,000");
    record("detail: p50 / p99 ms", kind, detail.latency, "p99 ≤ 50");
    let cursor = 0;
    const patch = await load(base, () => {
      const v = versions[cursor++ % versions.length] as { id: number; version: number };
      v.version++;
      return {
        method: "PATCH",
        path: `/api/facilities/${v.id}`,
        headers: { ...auth, "content-type": "application/json", "if-match": `"${v.version - 1}"` },
        body: JSON.stringify({ current_use: `Bench ${cursor}` }),
      };
    });
    record("PATCH: req/s", kind, patch.rps, "");
    record("PATCH: p50 / p99 ms", kind, patch.latency, "");
    record("PATCH: non-2xx", kind, String(patch.non2xx), "0");
    const stats = await load(base, () => ({
      path: `/api/stats?date=2025-${String(7 + Math.floor(next() * 6)).padStart(2, "0")}-15`,
    }));
    record("stats as of a day: req/s", kind, stats.rps, "");
    record("stats: p50 / p99 ms", kind, stats.latency, "≤ 100");

    const single: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      await (await fetch(`${base}/api/stats?date=2025-12-26`)).json();
      single.push(performance.now() - t);
    }
    record("stats 2025-12-26, one request alone: median ms", kind, median(single).toFixed(0), "≤ 100");

    // A progress chart from a day not asked before (each `from` misses the answers kept): weekly to today.
    const series: number[] = [];
    for (let day = 1; day <= 7; day++) {
      const t = performance.now();
      const r = await fetch(`${base}/api/stats/series?from=2025-07-0${day}&to=${vietnamDay()}`);
      if (!r.ok) throw new Error(`stats/series: ${r.status}`);
      await r.json();
      series.push(performance.now() - t);
    }
    record("stats/series, weekly from July 2025, a new from: median ms", kind, median(series).toFixed(0), "");

    started = performance.now();
    const geo = await (await fetch(`${base}/api/export.geojson`, { headers: auth })).arrayBuffer();
    record(
      "GeoJSON export, whole register: s (MB)",
      kind,
      `${((performance.now() - started) / 1000).toFixed(2)} (${(geo.byteLength / 1e6).toFixed(1)})`,
      "",
    );

    // One-row reads while the whole register is built as XLSX (on the export worker, not the request thread).
    const building = fetch(`${base}/api/export.xlsx`, { headers: auth }).then((r) => r.arrayBuffer());
    const during: number[] = [];
    let done = false;
    void building.then(() => {
      done = true;
    });
    while (!done) {
      const t = performance.now();
      await (await fetch(`${base}/api/facilities/${1 + Math.floor(next() * 30_000)}`)).arrayBuffer();
      during.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    during.sort((a, b) => a - b);
    record(
      "one-row read during a whole XLSX export: median / max ms (reads)",
      kind,
      `${median(during).toFixed(0)} / ${(during.at(-1) ?? 0).toFixed(0)} (${during.length})`,
      "≤ 50",
    );

    const csv = importFile(30_000);
    started = performance.now();
    const imported = await fetch(`${base}/api/import?province=01`, {
      method: "POST",
      headers: { ...auth, "content-type": "text/csv" },
      body: csv,
    });
    const summary = (await imported.json()) as { created?: number };
    record(
      "import of 30,000 rows: s",
      kind,
      `${((performance.now() - started) / 1000).toFixed(1)} (created ${summary.created})`,
      "≤ 15",
    );
    record("server peak resident memory: MB", kind, String(peakRss(server.process.pid as number)), "");
  } finally {
    server.process.kill("SIGTERM");
  }
}

async function load(base: string, request: () => autocannon.Request) {
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, ...request() }) }],
  });
  return {
    rps: Math.round(result.requests.average).toLocaleString("en"),
    latency: `${result.latency.p50} / ${result.latency.p99}`,
    non2xx: result.non2xx,
  };
}

function importFile(rows: number): string {
  const next = random(3);
  const lines = ["external_id,name,lng,lat,land_area_m2,floor_area_m2,condition,disputed,minutes_date"];
  for (let i = 0; i < rows; i++) {
    const lng = (105.78 + next() * 0.1).toFixed(5);
    const lat = (20.98 + next() * 0.08).toFixed(5);
    lines.push(
      `BENCH-${i},Cơ sở nhập ${i},${lng},${lat},"1.${String(100 + Math.floor(next() * 899))},5",${200 + (i % 900)},fair,không,05/07/2025`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Peak resident memory of the server: its process and any workers it forked, added up. */
function peakRss(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let kb = 0;
  for (const p of [String(pid), ...children]) {
    kb += Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
  }
  return Math.round(kb / 1024);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

await main();
