/**
 * Accounts that can be disabled and API tokens that expire: `users.disabled_at` (a disabled user's
 * sessions and tokens stop working) and `tokens.expires_at`. Tokens made before this migration get a
 * year from it, as new ones get by default (a migration keeps its own figure: it never changes).
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").addColumn("disabled_at", "text").execute();
  await db.schema.alterTable("tokens").addColumn("expires_at", "text").execute();
  const expires = new Date(Date.now() + 365 * 86_400_000).toISOString();
  await sql`UPDATE tokens SET expires_at = ${expires}`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("the register's migrations are not reversible");
}
