/** Request schemas shared by several routes. Each validates the request and feeds the OpenAPI document. */

import { CATEGORIES, FLAGS, OPTIONS, STAGES } from "@diagioi/core";
import { z } from "@hono/zod-openapi";
import { LIST_SORTS } from "../repo/facilities.ts";

/**
 * A comma-separated list (at most `max` characters), each item checked: undefined when absent or
 * empty, else the items; an issue naming the bad items otherwise. The parameter may also be repeated.
 */
const commaList = <T extends string>(
  max: number,
  isItem: (item: string) => boolean,
  bad: (items: string[]) => string,
) =>
  z
    // A parameter given twice (?province=01&province=79) is one list, as if written with a comma.
    .preprocess((value) => (Array.isArray(value) ? value.join(",") : value), z.string().max(max).optional())
    .transform((s, ctx) => {
      if (s === undefined || s === "") return undefined;
      const items = s.split(",").map((v) => v.trim());
      const wrong = items.filter((v) => !isItem(v));
      if (wrong.length > 0) {
        ctx.addIssue({ code: "custom", message: bad(wrong) });
        return z.NEVER;
      }
      return items as T[];
    });

/** A comma-separated list of values of a closed set. */
const list = <T extends string>(values: readonly T[]) =>
  commaList<T>(
    500,
    (v) => values.includes(v as T),
    (wrong) => `unknown value(s) ${wrong.join(", ")}; expected: ${values.join(", ")}`,
  );

/** A comma-separated list of codes of `digits` digits ("01,79"). */
const codes = (digits: number, what: string) => {
  const code = new RegExp(`^\\d{${digits}}$`);
  return commaList(
    2000,
    (v) => code.test(v),
    (wrong) => `${wrong.join(", ")}: not a ${digits}-digit ${what} code`,
  );
};

/** The filters of the list, the points, the exports. */
export const FilterQuery = z.object({
  province: codes(2, "province").openapi({
    description: "comma-separated province codes",
    type: "string",
    example: "01",
  }),
  commune: codes(5, "commune").openapi({ description: "comma-separated commune codes", type: "string" }),
  stage: list(STAGES.values).openapi({ description: "comma-separated stages", type: "string" }),
  option: list(OPTIONS.values).openapi({ type: "string" }),
  category: list(CATEGORIES.values).openapi({ type: "string" }),
  // Other lists are any of their values; flags are all of them ("disputed,encroached": both), as
  // each narrows the list to a problem to look at.
  flag: list(FLAGS.values).openapi({
    description: "comma-separated flags: facilities carrying every one of them",
    type: "string",
  }),
  overdue: z
    .enum(["0", "1"])
    .optional()
    .openapi({ description: "1: overdue today (Vietnam's calendar); 0: not overdue" }),
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, "w,s,e,n in degrees")
    // A box out of the world, or turned over, is a mistake to say rather than an empty answer.
    .refine((box) => {
      const [w, s, e, n] = box.split(",").map(Number) as [number, number, number, number];
      return w >= -180 && e <= 180 && s >= -90 && n <= 90 && w <= e && s <= n;
    }, "w,s,e,n in degrees, west ≤ east within −180…180, south ≤ north within −90…90")
    .optional()
    .openapi({ example: "105.7,20.9,105.9,21.1" }),
  q: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: "name, identifier or address, any spelling; every word, in any order" }),
});

export const ListQuery = FilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(120).optional(),
  sort: z.enum(LIST_SORTS).optional().openapi({
    description:
      "`id` (default), `deadline` (open facilities by deadline, earliest first, none last, then done and withdrawn ones; then by id) or `updated` (last changed first). A cursor pages the order it came from, with or without `sort`; another `sort` beside it is a 422. A facility changed while `updated` is paged moves to the pages already read: walk the whole list by `id`.",
  }),
});

export const IdParam = z.object({
  // Decimal digits only: Number() would also take "0x10", "1e1" or " 16" for facility 16.
  id: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, "a facility id is a positive whole number")
    .transform(Number)
    .openapi({ param: { name: "id", in: "path" }, type: "integer" }),
});

/** A day of the calendar as YYYY-MM-DD ("2025-09-31" and "2025-13-01" are refused). */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .refine(isCalendarDay, "a day that exists (YYYY-MM-DD)");

function isCalendarDay(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === text;
}

export const DateQuery = z.object({
  date: Day.optional(),
  province: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
});

/**
 * A JSON object body; fields are checked by the register against core's field table. Taken as it
 * was parsed: a record schema would drop a member named "__proto__", which must be refused as any
 * unknown member is, not ignored.
 */
export const ObjectBody = z
  .custom<Record<string, unknown>>(
    (value) => typeof value === "object" && value !== null && !Array.isArray(value),
    {
      message: "expected a JSON object",
    },
  )
  .openapi({ type: "object" });

export type Filter = z.infer<typeof FilterQuery>;
