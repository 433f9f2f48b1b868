/**
 * `public_search_text`: the loose key of a facility's public name and address (today's units), which
 * an anonymous `q` searches; `search_text` also holds the identifier and the address as written, which
 * only signed-in users may search by. Filled here for the rows already stored.
 */
import type { Kysely } from "kysely";
import { publicSearchText } from "../../repo/facilities.ts";

/** Rows read and written per round. */
const BATCH = 2000;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("facilities")
    .addColumn("public_search_text", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  const facilities = db as unknown as Kysely<{
    facilities: { id: number; name: string; address_new: string | null; public_search_text: string };
  }>;
  for (let after = 0; ; ) {
    const rows = await facilities
      .selectFrom("facilities")
      .select(["id", "name", "address_new"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows)
      await facilities
        .updateTable("facilities")
        .set({ public_search_text: publicSearchText(row) })
        .where("id", "=", row.id)
        .execute();
    after = (rows.at(-1) as { id: number }).id;
  }
}

export async function down(): Promise<void> {
  throw new Error("the register's migrations are not reversible");
}
