/** Writes the demo register into an empty database, marked as synthetic. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Diagioi, Facility } from "@diagioi/core";
import { dataFile } from "@diagioi/data";
import type { Insertable } from "kysely";
import type { Db } from "../db/database.ts";
import type { EventTable } from "../db/schema.ts";
import { placeOf } from "../place.ts";
import { changesBetween, eventOf } from "../register.ts";
import { appendAudit } from "../repo/audit.ts";
import { toRow } from "../repo/facilities.ts";
import { type Centre, DEMO_SEED, type DemoFacility, generateDemo } from "./generate.ts";

export const DEMO_LABEL =
  "Sổ minh họa, dữ liệu tổng hợp (synthetic demo register): generated from the real units, not real facilities";
const CHUNK = 300;

/** Reads data/dist/centres-pre2025.csv into `level:code` → point. */
export function readCentres(path = dataFile("centres-pre2025.csv")): Map<string, Centre> {
  const lines = readFileSync(path, "utf8").trim().split("\n").slice(1);
  return new Map(
    lines.map((line) => {
      const [code, level, lng, lat] = line.split(",");
      return [`${level}:${code}`, { lng: Number(lng), lat: Number(lat) }];
    }),
  );
}

export interface SeedSummary {
  facilities: number;
  events: number;
}

/**
 * @example
 * await seedDemo(db, loadDiagioi()); // { facilities: 31509, events: 180000 }
 */
export async function seedDemo(db: Db, diagioi: Diagioi, seed = DEMO_SEED): Promise<SeedSummary> {
  const existing = await db
    .selectFrom("facilities")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0)
    throw new Error("the register is not empty: the demo is seeded only into an empty database");
  const demo = generateDemo(diagioi, readCentres(), seed);
  const digest = createHash("sha256");
  let events = 0;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < demo.length; i += CHUNK) {
      const chunk = demo.slice(i, i + CHUNK).map((d) => finalState(diagioi, d));
      const ids = await trx
        .insertInto("facilities")
        .values(chunk.map(({ facility }) => toRow(facility, null)))
        .returning("id")
        .execute();
      const rows = chunk.flatMap(({ states }, k) => eventRows((ids[k] as { id: number }).id, states));
      for (let j = 0; j < rows.length; j += CHUNK)
        await trx
          .insertInto("events")
          .values(rows.slice(j, j + CHUNK))
          .execute();
      events += rows.length;
      for (const { facility } of chunk)
        digest.update(`${facility.external_id}:${facility.version}:${facility.stage}\n`);
    }
    await trx
      .insertInto("meta")
      .values([
        { key: "synthetic", value: "1" },
        { key: "label", value: DEMO_LABEL },
        { key: "seeded_at", value: new Date().toISOString() },
        { key: "seed", value: String(seed) },
      ])
      .execute();
    await appendAudit(trx, {
      actor_id: null,
      actor_name: "tracker demo",
      action: "demo_seed",
      entity: "register",
      entity_id: null,
      payload: { facilities: demo.length, events, seed, sha256: digest.digest("hex") },
    });
  });
  return { facilities: demo.length, events };
}

interface State {
  facility: Omit<Facility, "id">;
  event: DemoFacility["events"][number];
  changes: Record<string, [unknown, unknown]>;
}

/** Applies the events in turn: the facility as it stands at the end and its state after each event. */
function finalState(
  diagioi: Diagioi,
  demo: DemoFacility,
): { facility: Omit<Facility, "id">; states: State[] } {
  const { place } = placeOf(diagioi, demo.record);
  const first = demo.events[0] as DemoFacility["events"][number];
  let facility: Omit<Facility, "id"> = {
    ...demo.record,
    province_code: demo.province,
    commune_code: demo.commune,
    address_new: place?.address_new ?? null,
    address_commune_code: place?.address_commune_code ?? null,
    version: 0,
    created_at: instant(first.at, 0),
    updated_at: instant(first.at, 0),
  };
  const states: State[] = [];
  demo.events.forEach((event, i) => {
    const before = facility;
    facility = {
      ...facility,
      ...event.fields,
      stage: event.stage,
      version: i + 1,
      updated_at: instant(event.at, i),
    };
    states.push({
      facility,
      event,
      changes: changesBetween(i === 0 ? null : before, i === 0 ? demo.record : facility),
    });
  });
  return { facility, states };
}

function eventRows(id: number, states: State[]): Insertable<EventTable>[] {
  return states.map(({ facility, event, changes }) =>
    eventOf({ ...facility, id }, { id: null, name: event.actor }, event.action, changes, event.note),
  );
}

/** 09:00 in Vietnam on the day, a minute later per event so that a day's events keep their order. */
function instant(day: string, index: number): string {
  return new Date(Date.parse(`${day}T02:00:00Z`) + index * 60_000).toISOString();
}
