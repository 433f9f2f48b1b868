/** A pass over the facilities already stored, in id order and batches, for migrations that fill a column. */
import type { Kysely } from "kysely";

/** Rows read and written per round. */
const BATCH = 2000;

/** Reads `columns` of every facility and sets what `change` gives for it, one row at a time. */
export async function rewriteFacilities<Row extends { id: number }>(
  db: Kysely<unknown>,
  columns: readonly (keyof Row & string)[],
  change: (row: Row) => Record<string, string>,
): Promise<void> {
  // The table as this pass sees it: the columns it reads and those it writes, typed by the caller.
  const facilities = db as unknown as Kysely<{ facilities: Row & Record<string, string> }>;
  for (let after = 0; ; ) {
    const rows = (await facilities
      .selectFrom("facilities")
      .select(columns as never)
      .where("id", ">", after as never)
      .orderBy("id")
      .limit(BATCH)
      .execute()) as unknown as Row[];
    if (rows.length === 0) break;
    for (const row of rows)
      await facilities
        .updateTable("facilities")
        .set(change(row) as never)
        .where("id", "=", row.id as never)
        .execute();
    after = (rows.at(-1) as Row).id;
  }
}
