/**
 * `public_search_text`: the loose key of a facility's public name and address (today's units), which
 * an anonymous `q` searches; `search_text` also holds the identifier and the address as written, which
 * only signed-in users may search by. Filled here for the rows already stored.
 */
import type { Kysely } from "kysely";
import { publicSearchText } from "../../repo/facilities.ts";
import { rewriteFacilities } from "./rewrite.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("facilities")
    .addColumn("public_search_text", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await rewriteFacilities<{ id: number; name: string; address_new: string | null }>(
    db,
    ["id", "name", "address_new"],
    (row) => ({ public_search_text: publicSearchText(row) }),
  );
}

export async function down(): Promise<void> {
  throw new Error("the register's migrations are not reversible");
}
