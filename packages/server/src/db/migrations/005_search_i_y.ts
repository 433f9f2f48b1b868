/**
 * Search keys spell a syllable's final "y" after one consonant or "qu" as "i" ("Chuyên Mĩ" finds
 * "Chuyên Mỹ"): both keys of the rows already stored are made again.
 */
import type { Kysely } from "kysely";
import { publicSearchText, searchText } from "../../repo/facilities.ts";

/** Rows read and written per round. */
const BATCH = 2000;

interface Row {
  id: number;
  name: string;
  external_id: string;
  address: string | null;
  address_new: string | null;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const facilities = db as unknown as Kysely<{
    facilities: Row & { search_text: string; public_search_text: string };
  }>;
  for (let after = 0; ; ) {
    const rows = await facilities
      .selectFrom("facilities")
      .select(["id", "name", "external_id", "address", "address_new"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows)
      await facilities
        .updateTable("facilities")
        .set({ search_text: searchText(row), public_search_text: publicSearchText(row) })
        .where("id", "=", row.id)
        .execute();
    after = (rows.at(-1) as Row).id;
  }
}

export async function down(): Promise<void> {
  throw new Error("the register's migrations are not reversible");
}
