/** Figures as of a day, and the seats the merger emptied with the facilities registered for each. */

import {
  addDays,
  type Diagioi,
  emptiedSeats,
  SERIES_WEEKS,
  type Seat,
  summarize,
  vietnamDay,
} from "@diagioi/core";
import { createRoute, z } from "@hono/zod-openapi";
import type { Db } from "../db/database.ts";
import { type ApiError, invalidField } from "../errors.ts";
import { AnswerCache } from "../http/cached.ts";
import type { App } from "../http/context.ts";
import { DateQuery, Day } from "../http/schemas.ts";
import { checkCodes } from "./filters.ts";

let seatsCache: { diagioi: unknown; seats: Seat[] } | undefined;

/** The emptied seats of a dataset, computed once. */
export function seatsOf(diagioi: Diagioi): Seat[] {
  if (seatsCache?.diagioi !== diagioi)
    seatsCache = { diagioi, seats: emptiedSeats(diagioi.units, diagioi.lineage) };
  return seatsCache.seats;
}

export function statsRoutes(app: App): void {
  const answers = new AnswerCache();
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/stats",
      tags: ["stats"],
      summary: "Figures at the end of a day (Vietnam time), computed from the event history",
      request: { query: DateQuery },
      responses: {
        200: {
          description:
            "`{date, total, handled, pending, overdue, by_category, by_province}` (422 for a day after today).",
        },
      },
    }),
    async (c) => {
      const { date = vietnamDay(), province } = c.req.valid("query");
      checkCodes(c.get("services").diagioi, "province", province);
      refuseFuture("date", date);
      return answers.respond(c, { date, province }, async () =>
        summarize(date, await c.get("services").history.statesAsOf(date, province)),
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/stats/series",
      tags: ["stats"],
      summary: "Figures at the end of each week between two days (for a progress chart)",
      request: {
        query: z.object({
          from: Day,
          to: Day,
          province: z
            .string()
            .regex(/^\d{2}$/)
            .optional(),
        }),
      },
      responses: {
        200: {
          description:
            "`{items: [{date, total, handled, pending, overdue}]}`, at most 121 points, the last on `to` (422 when `to` is before `from` or after today, or the days span more).",
        },
      },
    }),
    async (c) => {
      const { from, to, province } = c.req.valid("query");
      checkCodes(c.get("services").diagioi, "province", province);
      refuseFuture("to", to);
      const days: string[] = [];
      for (let day = from; day <= to && days.length <= SERIES_WEEKS; day = addDays(day, 7)) days.push(day);
      // The line ends on `to` itself, even where that is no whole week after the last point.
      if (days.length > 0 && days.at(-1) !== to) days.push(to);
      if (days.length === 0 || days.length > SERIES_WEEKS + 1) throw badSeries(from, to);
      return answers.respond(c, { days, province }, async () => {
        const states = await c.get("services").history.statesAsOfMany(days, province);
        const items = days.map((day, k) => {
          const { by_province: _p, by_category: _c, ...figures } = summarize(day, states[k] ?? []);
          return figures;
        });
        return { items };
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/coverage",
      tags: ["stats"],
      summary: "The seats the merger emptied and the facilities registered for each; seats with none first",
      request: {
        query: z.object({
          province: z
            .string()
            .regex(/^\d{2}$/)
            .optional(),
        }),
      },
      responses: {
        200: {
          description:
            "`{seats: [{code, level, full_name, old_province_code, new_province_codes, facility_count, facilities: [{id, name, stage}]}], without_facility}`.",
        },
      },
    }),
    async (c) => {
      const { db, diagioi } = c.get("services");
      const { province } = c.req.valid("query");
      checkCodes(diagioi, "province", province);
      return answers.respond(c, { province }, () => coverageOf(db, seatsOf(diagioi), province));
    },
  );
}

/** A facility registered for a seat, as the coverage lists it. */
interface SeatFacility {
  id: number;
  name: string;
  stage: string;
}

/**
 * The emptied seats (of one new province) with the facilities registered for each (id, name and
 * stage: enough to list and open them), those with none first.
 */
async function coverageOf(db: Db, all: Seat[], province: string | undefined) {
  const seats = all.filter((s) => !province || s.new_province_codes.includes(province));
  // Every province's facilities: one registered for a seat may lie outside the seat's new province.
  const registered = await db
    .selectFrom("facilities")
    .select(["id", "name", "stage", "origin_unit_code", "origin_unit_level"])
    .where("origin_unit_code", "is not", null)
    .where("stage", "!=", "withdrawn")
    .orderBy("id")
    .execute();
  const bySeat = new Map<string, SeatFacility[]>();
  for (const f of registered) {
    const key = `${f.origin_unit_level}:${f.origin_unit_code}`;
    const list = bySeat.get(key) ?? [];
    list.push({ id: f.id, name: f.name, stage: f.stage });
    bySeat.set(key, list);
  }
  const rows = seats
    .map((s) => {
      const facilities = bySeat.get(`${s.level}:${s.code}`) ?? [];
      return { ...s, facility_count: facilities.length, facilities };
    })
    .sort((a, b) => Number(a.facility_count > 0) - Number(b.facility_count > 0));
  return { seats: rows, without_facility: rows.filter((r) => r.facility_count === 0).length };
}

/** Figures exist up to today (Vietnam time): a later day would be a guess, not the register's state. */
function refuseFuture(field: string, day: string): void {
  const today = vietnamDay();
  if (day <= today) return;
  throw invalidField(
    field,
    `${field} (${day}) is after today (${today}): figures exist up to today`,
    `${field} (${day}) sau hôm nay (${today}): số liệu chỉ có đến hôm nay`,
  );
}

function badSeries(from: string, to: string): ApiError {
  const [message, message_vi] =
    to < from
      ? [`to (${to}) is before from (${from})`, `ngày kết thúc (${to}) trước ngày bắt đầu (${from})`]
      : [
          `from ${from} to ${to} is more than ${SERIES_WEEKS} weeks: ask for a shorter range`,
          `từ ${from} đến ${to} dài hơn ${SERIES_WEEKS} tuần: hãy chọn khoảng ngắn hơn`,
        ];
  return invalidField("to", message, message_vi);
}
