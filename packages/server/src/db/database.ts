/**
 * Opens the register's database from `DIAGIOI_DB`: a file path → SQLite (created and migrated
 * when missing, WAL journal), `postgres://…` → PostgreSQL. One query layer (Kysely) for both.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import {
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
} from "kysely";
import pg from "pg";
import * as initial from "./migrations/001_initial.ts";
import * as pointsIndex from "./migrations/002_points_index.ts";
import * as publicSearch from "./migrations/003_public_search.ts";
import * as revocation from "./migrations/004_revocation.ts";
import * as searchIY from "./migrations/005_search_i_y.ts";
import * as searchWords from "./migrations/006_search_words.ts";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;

export interface OpenedDatabase {
  db: Db;
  kind: "sqlite" | "postgres";
  /** Where it is, without a password. */
  where: string;
  close(): Promise<void>;
}

// PostgreSQL's COUNT and SUM are bigint/numeric: read them as numbers (counts stay far below 2^53).
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/**
 * @example
 * const { db, close } = await openDatabase("register.sqlite");
 * await close();
 */
export async function openDatabase(
  url: string,
  options: { migrate?: boolean } = {},
): Promise<OpenedDatabase> {
  const postgres = /^postgres(ql)?:\/\//.test(url);
  let db: Db;
  if (postgres) {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DIAGIOI_PG_POOL ?? 10) });
    // An idle connection the server ends (a restart, an administrator) is dropped from the pool and
    // replaced on the next query; unheard, its error would stop the process.
    pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    if (url !== ":memory:") mkdirSync(dirname(url), { recursive: true });
    const file = new SQLite(url);
    file.pragma("journal_mode = WAL");
    file.pragma("synchronous = NORMAL");
    file.pragma("foreign_keys = ON");
    file.pragma("busy_timeout = 5000");
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: keepingStatements(file) }) });
  }
  if (options.migrate !== false) await migrate(db);
  return {
    db,
    kind: postgres ? "postgres" : "sqlite",
    where: postgres ? url.replace(/\/\/[^@/]*@/, "//") : url,
    close: () => db.destroy(),
  };
}

/** How many prepared statements a SQLite connection keeps (the register's queries are a few dozen shapes). */
const KEPT_STATEMENTS = 500;

/**
 * A better-sqlite3 database that keeps its prepared statements by SQL text: Kysely prepares every
 * query anew, which costs a one-row read about a sixth of its time. Kysely runs one query at a time on
 * this connection (a stream holds it until read), so a kept statement is never busy when asked again.
 */
function keepingStatements(file: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => file.close(),
    prepare(sql: string) {
      let statement = kept.get(sql);
      if (!statement) {
        statement = file.prepare(sql);
        if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value as string);
        kept.set(sql, statement);
      }
      return statement;
    },
  };
}

const MIGRATIONS: Record<string, Migration> = {
  "001_initial": initial,
  "002_points_index": pointsIndex,
  "003_public_search": publicSearch,
  "004_revocation": revocation,
  "005_search_i_y": searchIY,
  "006_search_words": searchWords,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Applies the migrations not yet applied; returns their names. */
export async function migrate(db: Db): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
