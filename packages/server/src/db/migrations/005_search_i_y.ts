/**
 * Search keys spell a syllable's final "y" after one consonant or "qu" as "i" ("Chuyên Mĩ" finds
 * "Chuyên Mỹ"): both keys of the rows already stored are made again.
 */
import type { Kysely } from "kysely";
import { publicSearchText, searchText } from "../../repo/facilities.ts";
import { rewriteFacilities } from "./rewrite.ts";

interface Row {
  id: number;
  name: string;
  external_id: string;
  address: string | null;
  address_new: string | null;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await rewriteFacilities<Row>(db, ["id", "name", "external_id", "address", "address_new"], (row) => ({
    search_text: searchText(row),
    public_search_text: publicSearchText(row),
  }));
}

export async function down(): Promise<void> {
  throw new Error("the register's migrations are not reversible");
}
