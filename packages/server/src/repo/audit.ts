/**
 * The audit log: append-only (the database refuses UPDATE and DELETE) and hash-chained: each entry's
 * hash covers its content and the previous entry's hash, so an entry altered behind the API's back
 * breaks the chain from there on.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { isPostgres } from "../db/dialect.ts";
import type { Executor } from "./facilities.ts";

export const GENESIS = "0".repeat(64);

export interface AuditInput {
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  payload: unknown;
}

interface ChainedFields {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  payload: string;
}

export function entryHash(prevHash: string, entry: ChainedFields): string {
  const content = JSON.stringify([
    entry.id,
    entry.at,
    entry.actor_id,
    entry.actor_name,
    entry.action,
    entry.entity,
    entry.entity_id,
    entry.payload,
  ]);
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}

/**
 * Appends one entry; call inside the write's transaction. On PostgreSQL an advisory lock keeps
 * concurrent writers (several server processes) from forking the chain; SQLite serialises writers.
 */
export async function appendAudit(
  trx: Executor,
  input: AuditInput,
  at = new Date().toISOString(),
): Promise<void> {
  if (isPostgres(trx as never)) await sql`SELECT pg_advisory_xact_lock(7352001)`.execute(trx);
  const head = await trx
    .selectFrom("audit_log")
    .select(["id", "hash"])
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const id = (head?.id ?? 0) + 1;
  const prev_hash = head?.hash ?? GENESIS;
  const entry = { id, at, ...input, payload: JSON.stringify(input.payload ?? null) };
  await trx
    .insertInto("audit_log")
    .values({ ...entry, prev_hash, hash: entryHash(prev_hash, entry) })
    .execute();
}

/** Entries checked between two turns of the event loop: about 10 ms of hashing. */
const AUDIT_PAGE = 1000;

export interface AuditCheck {
  ok: boolean;
  entries: number;
  head: string;
  first_bad?: number;
}

/** The check running now, by database: callers that ask meanwhile share its answer. */
const running = new WeakMap<Executor, Promise<AuditCheck>>();

/**
 * Recomputes the chain. `ok` is false at the first entry whose hash, link or id does not match.
 * Between pages of entries the server answers other requests (a check of 500,000 entries held them
 * all for 4 s), and callers who ask while a check runs get that check's answer.
 *
 * @example
 * await verifyAudit(db); // { ok: true, entries: 1204, head: "9f2c…" }
 */
export function verifyAudit(db: Executor): Promise<AuditCheck> {
  let check = running.get(db);
  if (!check) {
    check = checkChain(db).finally(() => running.delete(db));
    running.set(db, check);
  }
  return check;
}

async function checkChain(db: Executor): Promise<AuditCheck> {
  let prev = GENESIS;
  let entries = 0;
  let lastId = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("id", ">", lastId)
      .orderBy("id")
      .limit(AUDIT_PAGE)
      .execute();
    if (rows.length === 0) break;
    await new Promise((resolve) => setImmediate(resolve));
    for (const row of rows) {
      const expectedId = lastId + 1;
      if (row.id !== expectedId || row.prev_hash !== prev || entryHash(prev, row) !== row.hash) {
        return { ok: false, entries, head: prev, first_bad: row.id };
      }
      prev = row.hash;
      lastId = row.id;
      entries++;
    }
  }
  return { ok: true, entries, head: prev };
}
