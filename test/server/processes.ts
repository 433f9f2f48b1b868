/**
 * Fresh databases and real server processes, for the register's tests and its benchmark (no test
 * runner here, so the benchmark can import it).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export type Kind = "sqlite" | "postgres";

const TRACKER = fileURLToPath(new URL("../../packages/server/bin/tracker.js", import.meta.url));

/**
 * A fresh database of the kind; `drop` removes it. PostgreSQL needs `adminUrl`, a role that may
 * create databases.
 */
export async function freshDatabase(
  kind: Kind,
  adminUrl?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "diagioi-register-"));
    return {
      url: join(dir, "register.sqlite"),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!adminUrl) throw new Error("PostgreSQL needs the URL of a role that may create databases");
  const name = `diagioi_test_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    // Right after a large write, autovacuum may be working in the database; FORCE may not end a
    // superuser's process for a role without pg_signal_backend, so wait for it instead.
    for (let attempt = 1; ; attempt++) {
      try {
        return await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } catch (error) {
        if (attempt >= 30 || (error as { code?: string }).code !== "42501") throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };
  return { url: url.toString(), drop };
}

/** `tracker serve` on a free loopback port, in its own process. */
export async function startServer(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<{ port: number; process: ChildProcess }> {
  const child = spawn(process.execPath, ["--conditions=source", TRACKER, "serve"], {
    env: { ...process.env, ...env, DIAGIOI_DB: databaseUrl, PORT: "0", HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const m = /127\.0\.0\.1:(\d+)/.exec(chunk.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { port, process: child };
}

/** One `tracker` command to its end: its exit status and what it wrote. */
export function runTracker(
  databaseUrl: string,
  args: string[],
  input = "",
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ["--conditions=source", TRACKER, ...args], {
    env: { ...process.env, DIAGIOI_DB: databaseUrl },
    input,
    encoding: "utf8",
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
