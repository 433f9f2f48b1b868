/** Storage of facilities and their events. No business rule lives here: core decides, this stores. */
import {
  BOOLEAN_FIELDS,
  CATEGORIES,
  type Category,
  CLOSED_STAGES,
  type Facility,
  FIELD_NAMES,
  HANDLED_STAGES,
  looseKey,
  NATIONAL_DECISION_DEADLINE,
  OPTION_CATEGORY,
  OPTIONS,
  STAGES,
  type Stage,
} from "@diagioi/core";
import {
  type ExpressionBuilder,
  type Insertable,
  type Selectable,
  type SqlBool,
  sql,
  type Transaction,
} from "kysely";
import type { Db } from "../db/database.ts";
import type { Database, EventTable, FacilityTable } from "../db/schema.ts";

export type FacilityRow = Selectable<FacilityTable>;

/** The columns that hold a facility's fields (not the search key or the drafter). */
export const FACILITY_COLUMNS = FIELD_NAMES as (keyof FacilityTable & keyof Facility)[];
export type Executor = Db | Transaction<Database>;

/** Filters of the list, the exports and the map's points. */
export interface FacilityFilter {
  province?: string[];
  commune?: string[];
  stage?: string[];
  option?: string[];
  category?: string[];
  flag?: string[];
  /** Overdue (or, with `is` false, not overdue) on this day of Vietnam's calendar. */
  overdue?: { on: string; is: boolean };
  bbox?: [number, number, number, number];
  q?: string;
  /** `q` searches the public fields only (an anonymous caller). */
  publicOnly?: boolean;
}

export function toFacility(row: Partial<FacilityRow>): Facility {
  const { drafted_by: _d, search_text: _s, public_search_text: _p, ...rest } = row;
  const out = { ...rest } as Record<string, unknown>;
  for (const field of BOOLEAN_FIELDS) {
    const v = out[field];
    out[field] =
      v === null || v === undefined ? (field === "land_certificate" ? null : false) : v === 1 || v === true;
  }
  return out as unknown as Facility;
}

/** Columns of a facility record as stored. */
export function toRow(facility: Omit<Facility, "id">, draftedBy: number | null): Insertable<FacilityTable> {
  const row: Record<string, unknown> = { ...facility };
  delete row.id;
  for (const field of BOOLEAN_FIELDS) {
    const v = row[field];
    row[field] = v === null || v === undefined ? (field === "land_certificate" ? null : 0) : v ? 1 : 0;
  }
  row.drafted_by = draftedBy;
  row.search_text = searchText(facility);
  row.public_search_text = publicSearchText(facility);
  return row as Insertable<FacilityTable>;
}

export function searchText(f: Pick<Facility, "name" | "address" | "address_new" | "external_id">): string {
  return searchable([f.name, f.external_id, f.address, f.address_new]);
}

/** What an anonymous `q` searches: the public name and today's address, loose. */
export function publicSearchText(f: Pick<Facility, "name" | "address_new">): string {
  return searchable([f.name, f.address_new]);
}

/**
 * The texts given as the words of their search keys, each after a space (" ubnd huyen tra bong hn 1"):
 * a search word matches the start of a word, not its inside ("hang" finds "Hàng Bạc", not "Thắng").
 */
function searchable(texts: (string | null)[]): string {
  return ` ${keyWords(texts.filter(Boolean).join(" ")).join(" ")}`;
}

/** The words of a text's search key, split at whatever is not a letter or a digit ("hđnd–ubnd": two). */
function keyWords(text: string): string[] {
  return searchKey(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * A text without case or diacritics, and a syllable's final "y" after one consonant or "qu" spelled
 * "i", as it is as often ("Mỹ" / "Mĩ", "Kỳ" / "Kì", "Quý" / "Quí").
 */
function searchKey(text: string): string {
  return looseKey(text).replace(/\b(qu|[dhklmnstvx])y\b/g, "$1i");
}

/** The words of a search as keys, each once, at most 12 (q holds at most 200 characters). */
function searchWords(q: string): string[] {
  return [...new Set(keyWords(q))].slice(0, 12);
}

/** Applies a filter to a query over `facilities`. */
export function whereFilter(filter: FacilityFilter) {
  return (eb: ExpressionBuilder<Database, "facilities">) => {
    const and = [];
    if (filter.province?.length) and.push(eb("province_code", "in", filter.province));
    if (filter.commune?.length) and.push(eb("commune_code", "in", filter.commune));
    if (filter.stage?.length) and.push(eb("stage", "in", filter.stage));
    if (filter.option?.length) and.push(eb("option", "in", filter.option));
    if (filter.category?.length)
      and.push(eb.or(filter.category.map((c) => categoryCondition(eb, c as Category))));
    for (const flag of filter.flag ?? []) {
      if (flag === "no_certificate") and.push(eb("land_certificate", "=", 0));
      else if (flag === "location_mismatch")
        and.push(
          eb.and([
            eb("address_commune_code", "is not", null),
            eb("commune_code", "is not", null),
            eb("address_commune_code", "!=", eb.ref("commune_code")),
          ]),
        );
      else if (flag === "disputed" || flag === "encroached" || flag === "over_norm" || flag === "misused")
        and.push(eb(flag, "=", 1));
    }
    if (filter.overdue) {
      const overdue = overdueCondition(eb, filter.overdue.on);
      and.push(filter.overdue.is ? overdue : eb.not(overdue));
    }
    if (filter.bbox) {
      const [w, s, e, n] = filter.bbox;
      and.push(eb.and([eb("lng", ">=", w), eb("lng", "<=", e), eb("lat", ">=", s), eb("lat", "<=", n)]));
    }
    if (filter.q) {
      // Every word, in any order, at the start of a word ("ubnd tra bong" finds "HĐND – UBND huyện
      // Trà Bồng"). "!" escapes: a backslash is read differently by SQLite and PostgreSQL literals.
      const column = filter.publicOnly ? "public_search_text" : "search_text";
      const words = searchWords(filter.q);
      // A search of signs only ("%", "–") names no word, and finds nothing.
      if (words.length === 0) and.push(sql<SqlBool>`1 = 0`);
      for (const word of words)
        and.push(sql<SqlBool>`${eb.ref(column)} like ${`% ${escapeLike(word)}%`} escape '!'`);
    }
    return eb.and(and);
  };
}

/** core's categoryOf as a condition: handled with an option of the category, or not handled. */
function categoryCondition(eb: ExpressionBuilder<Database, "facilities">, category: Category) {
  const handled = [...HANDLED_STAGES];
  // Withdrawn facilities have left the list: in no category, as in the figures (core's summarize).
  if (category === "pending")
    return eb.and([
      eb("stage", "!=", "withdrawn"),
      eb.or([eb("stage", "not in", handled), eb("option", "is", null)]),
    ]);
  const options = OPTIONS.values.filter((o) => OPTION_CATEGORY[o] === category);
  if (!CATEGORIES.has(category) || options.length === 0) return eb("id", "<", 0);
  return eb.and([eb("stage", "in", handled), eb("option", "in", options)]);
}

/** core's isOverdue as a condition (the tests check the two agree). */
function overdueCondition(eb: ExpressionBuilder<Database, "facilities">, day: string) {
  const own = eb.and([eb("deadline", "is not", null), eb("deadline", "<", day)]);
  const undecided = STAGES.values.filter((s) => !HANDLED_STAGES.has(s) && s !== "withdrawn");
  const national = NATIONAL_DECISION_DEADLINE < day ? [eb("stage", "in", undecided)] : [];
  return eb.and([eb("stage", "not in", [...CLOSED_STAGES]), eb.or([own, ...national])]);
}

/** The text as a LIKE pattern that matches it literally ("%" and "_" are plain characters). */
function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, "!$&");
}

/** Orders of the facility list; each pages by its key and the id (a keyset, stable under inserts). */
export const LIST_SORTS = ["id", "deadline", "updated"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** Where a page ends: the last row's sort key (none for `id`) and its id. */
export interface ListPosition {
  key?: string;
  id: number;
}

/**
 * The deadline order puts what is still to do first: open facilities by deadline, those with none
 * after them, then the done and withdrawn ones, whose deadlines no longer matter. The two keys are
 * digits and dashes only, so every collation orders them after every real date.
 */
const NO_DEADLINE = "9999-12-31";
const CLOSED = "9999-12-32";

export async function listFacilities(
  db: Executor,
  filter: FacilityFilter,
  limit: number,
  sort: ListSort = "id",
  after?: ListPosition,
) {
  const query = db.selectFrom("facilities").select(FACILITY_COLUMNS).where(whereFilter(filter)).limit(limit);
  if (sort === "deadline") {
    const key = sql<string>`case when stage in (${sql.join([...CLOSED_STAGES])}) then ${CLOSED} else coalesce(deadline, ${NO_DEADLINE}) end`;
    return query
      .$if(after !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb(key, ">", after?.key ?? ""),
            eb.and([eb(key, "=", after?.key ?? ""), eb("id", ">", after?.id ?? 0)]),
          ]),
        ),
      )
      .orderBy(key)
      .orderBy("id")
      .execute();
  }
  if (sort === "updated") {
    return query
      .$if(after !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb("updated_at", "<", after?.key ?? ""),
            eb.and([eb("updated_at", "=", after?.key ?? ""), eb("id", "<", after?.id ?? 0)]),
          ]),
        ),
      )
      .orderBy("updated_at", "desc")
      .orderBy("id", "desc")
      .execute();
  }
  return query
    .where("id", ">", after?.id ?? 0)
    .orderBy("id")
    .execute();
}

/** The position after a row, in the order of `sort`. */
export function positionAfter(
  row: { id: number; stage: string; deadline: string | null; updated_at: string },
  sort: ListSort,
): ListPosition {
  if (sort === "deadline") return { key: deadlineKey(row), id: row.id };
  if (sort === "updated") return { key: row.updated_at, id: row.id };
  return { id: row.id };
}

function deadlineKey(row: { stage: string; deadline: string | null }): string {
  if (CLOSED_STAGES.has(row.stage as Stage)) return CLOSED;
  return row.deadline ?? NO_DEADLINE;
}

export async function getFacility(db: Executor, id: number): Promise<FacilityRow | undefined> {
  return db.selectFrom("facilities").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findByExternalId(db: Executor, province: string, externalId: string) {
  return db
    .selectFrom("facilities")
    .selectAll()
    .where("province_code", "=", province)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
}

export async function insertFacility(db: Executor, row: Insertable<FacilityTable>): Promise<number> {
  const inserted = await db.insertInto("facilities").values(row).returning("id").executeTakeFirstOrThrow();
  return inserted.id;
}

/** Writes a new version if nobody wrote one meanwhile; false when `version` is stale. */
export async function updateFacility(
  db: Executor,
  id: number,
  expectedVersion: number,
  row: Partial<Insertable<FacilityTable>>,
): Promise<boolean> {
  const result = await db
    .updateTable("facilities")
    .set({ ...row, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function appendEvent(db: Executor, event: Insertable<EventTable>): Promise<void> {
  await db.insertInto("events").values(event).execute();
}

export async function eventsOf(db: Executor, facilityId: number) {
  return db
    .selectFrom("events")
    .selectAll()
    .where("facility_id", "=", facilityId)
    .orderBy("version")
    .execute();
}
