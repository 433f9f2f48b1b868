/** The facilities: list, read, create, edit, workflow steps, history, and compact points for the map. */

import {
  availableTransitions,
  dayNumber,
  type Facility,
  flagsOf,
  isOverdue,
  isOverdueOnDay,
  OPTIONS,
  publicView,
  STAGES,
  vietnamDay,
} from "@diagioi/core";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Db } from "../db/database.ts";
import { ApiError, invalidField } from "../errors.ts";
import { AnswerCache } from "../http/cached.ts";
import type { App, AppEnv } from "../http/context.ts";
import { FacilityInput, FacilityPatch, FacilitySchema, TransitionInput } from "../http/documented.ts";
import { FilterQuery, IdParam, ListQuery, type ObjectBody } from "../http/schemas.ts";
import type { Register } from "../register.ts";
import {
  eventsOf,
  LIST_SORTS,
  type ListPosition,
  type ListSort,
  listFacilities,
  positionAfter,
  toFacility,
  whereFilter,
} from "../repo/facilities.ts";
import type { User } from "../repo/users.ts";
import { filterOf } from "./filters.ts";

const tags = ["facilities"];
const jsonBody = (schema: typeof ObjectBody) => ({
  content: { "application/json": { schema } },
  required: true,
});
const ifMatchHeader = z.object({ "if-match": z.string().max(200).optional() });

/** What a user sees of a facility: everything when signed in, the public fields otherwise. */
export function viewOf(facility: Facility, user: User | null, today = vietnamDay()): Record<string, unknown> {
  const base = user ? { ...facility } : publicView(facility);
  return {
    ...base,
    flags: user ? flagsOf(facility) : undefined,
    overdue: isOverdue(facility.stage, facility.deadline, today),
  };
}

/**
 * The versions an If-Match names (RFC 9110: one entity tag or a list, `"3", "4"`); undefined
 * without the header (the write then answers 428). A weak tag (W/"3") names the same version: a
 * compressing proxy weakens the ETags it passes on, and the tag is the version number, not a digest
 * of the bytes.
 */
function versionsOf(header: string | undefined): number[] | undefined {
  if (!header) return undefined;
  // "*" (any version) would let a write undo edits it never saw, which If-Match is here to prevent.
  if (header.trim() === "*")
    throw new ApiError(
      428,
      "precondition_required",
      'If-Match: * is not enough here: send the ETag of the version you edited, such as "3"',
      "If-Match: * không đủ: cần gửi ETag của phiên bản bạn đã sửa",
    );
  // The tag is the version as the ETag writes it: "01" names no version.
  const versions = header.split(",").map((tag) => Number(/^(?:W\/)?"?(0|[1-9]\d*)"?$/.exec(tag.trim())?.[1]));
  if (!versions.every(Number.isSafeInteger)) {
    throw new ApiError(
      400,
      "bad_request",
      `If-Match must be ETags such as "3" (or "3", "4"), not ${header}`,
      "If-Match không hợp lệ",
    );
  }
  return versions;
}

async function respondFacility(c: Context<AppEnv>, facility: Facility, status: 200 | 201) {
  c.header("ETag", `"${facility.version}"`);
  if (status === 201) c.header("Location", `/api/facilities/${facility.id}`);
  // The ETag is the contract's strong "<version>": compressing would have to weaken it (W/"3").
  // A facility is a few kilobytes; it goes as it is.
  c.header("Cache-Control", "private, no-transform");
  const user = c.get("user");
  const drafter = user ? await c.get("services").register.drafter(facility.id) : null;
  return c.json(
    {
      ...viewOf(facility, user),
      transitions: availableTransitions(facility, user, drafter).map((t) => ({
        action: t.action,
        to: t.to,
        required: t.required,
      })),
    },
    status,
  );
}

export function facilityRoutes(app: App): void {
  const answers = new AnswerCache();
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/facilities",
      tags,
      summary: "Facilities matching the filters, by id, a page at a time",
      request: { query: ListQuery },
      responses: {
        200: { description: "`{items, next}`: pass `next` as `cursor` for the next page (null at the end)." },
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const user = c.get("user");
      const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
      // A cursor pages the order it came from: `sort` may be left out beside it, not changed.
      const sort = query.sort ?? cursor?.sort ?? "id";
      if (cursor && cursor.sort !== sort)
        throw invalidField(
          "sort",
          `this cursor pages the list sorted by ${cursor.sort}, not by ${sort}`,
          `cursor này dùng cho danh sách sắp theo ${cursor.sort}, không theo ${sort}`,
        );
      // Deadlines and change times are not public: an order by them would tell them.
      if (!user && sort !== "id")
        throw new ApiError(
          401,
          "unauthenticated",
          `log in to sort by ${sort}: it is not public`,
          "Cần đăng nhập để sắp xếp theo trường này: trường không công khai",
        );
      const rows = await listFacilities(
        c.get("services").db,
        filterOf(query, user, c.get("services").diagioi),
        query.limit + 1,
        sort,
        cursor?.position,
      );
      const page = rows.slice(0, query.limit).map(toFacility);
      const last = rows[query.limit - 1];
      const next = rows.length > query.limit && last ? encodeCursor(positionAfter(last, sort), sort) : null;
      const today = vietnamDay();
      return c.json({ items: page.map((f) => viewOf(f, user, today)), next }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/points",
      tags,
      summary: "Every matching facility as compact columns for the map",
      request: { query: FilterQuery },
      responses: {
        200: {
          description:
            "Columns: id, lng, lat (5 decimals), stage and option as indices into `stages` and `options`.",
        },
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const filter = filterOf(query, c.get("user"), c.get("services").diagioi);
      // Signed-in and anonymous callers' `q` search different fields: their answers are kept apart.
      return answers.respond(c, { ...query, publicOnly: filter.publicOnly }, () =>
        pointsOf(c.get("services").db, whereFilter(filter)),
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/facilities/{id}",
      tags,
      request: { params: IdParam },
      responses: {
        200: {
          description: 'The facility, with `ETag: "<version>"` and the transitions you may take.',
          content: { "application/json": { schema: FacilitySchema } },
        },
        404: { description: "No such facility." },
      },
    }),
    async (c) => respondFacility(c, await c.get("services").register.load(c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/facilities",
      tags,
      summary: "Create a facility (editor of its province); the place is found from lng/lat or the address",
      request: { body: jsonBody(FacilityInput) },
      responses: {
        201: {
          description: 'Created, with `ETag: "1"`.',
          content: { "application/json": { schema: FacilitySchema } },
        },
        403: { description: "Not an editor of that province." },
        422: { description: "Invalid fields." },
      },
    }),
    async (c) => {
      const facility = await c
        .get("services")
        .register.create(requireUser(c.get("user")), c.req.valid("json"));
      return respondFacility(c, facility, 201);
    },
  );

  versionedWrite(
    app,
    "patch",
    "/api/facilities/{id}",
    "Edit descriptive fields; requires If-Match",
    "Not an editor of its province.",
    (register, user, id, versions, body) => register.patch(user, id, versions, body),
  );
  versionedWrite(
    app,
    "post",
    "/api/facilities/{id}/transitions",
    "Take a workflow step: `{action, …fields, note}`; requires If-Match",
    "Role or province may not take this step; or 422 when the stage does not allow it or a field is missing.",
    (register, user, id, versions, body) => register.transition(user, id, versions, body),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/facilities/{id}/history",
      tags,
      request: { params: IdParam },
      responses: {
        200: { description: "Every event: who, when, action, the fields before and after, note." },
      },
    }),
    async (c) => {
      const { register, db } = c.get("services");
      const id = c.req.valid("param").id;
      await register.load(id);
      const user = c.get("user");
      const events = await eventsOf(db, id);
      return c.json(
        {
          items: events.map((e) => ({
            version: e.version,
            at: e.at,
            actor: user ? e.actor_name : null,
            action: e.action,
            stage: e.stage,
            option: e.option,
            // Not public fields (the facility's own view hides them from an anonymous caller).
            decision_no: user ? e.decision_no : null,
            decision_date: user ? e.decision_date : null,
            changes: user ? JSON.parse(e.changes) : undefined,
            note: user ? e.note : null,
          })),
        },
        200,
      );
    },
  );
}

/** A write to one facility that needs a login and `If-Match`, answered with the new version. */
function versionedWrite(
  app: App,
  method: "patch" | "post",
  path: "/api/facilities/{id}" | "/api/facilities/{id}/transitions",
  summary: string,
  forbidden: string,
  write: (
    register: Register,
    user: User,
    id: number,
    versions: number[] | undefined,
    body: Record<string, unknown>,
  ) => Promise<Facility>,
): void {
  app.openapi(
    createRoute({
      method,
      path,
      tags,
      summary,
      request: {
        params: IdParam,
        headers: ifMatchHeader,
        body: jsonBody(path === "/api/facilities/{id}" ? FacilityPatch : TransitionInput),
      },
      responses: {
        200: {
          description: "The new version, with its ETag.",
          content: { "application/json": { schema: FacilitySchema } },
        },
        403: { description: forbidden },
        412: { description: "Changed meanwhile; `error.details.current` is the facility as it stands." },
        422: { description: "Invalid fields (`error.details.fields`)." },
        428: { description: "No If-Match (from a caller who may write: 403 comes first)." },
      },
    }),
    async (c) => {
      const user = requireUser(c.get("user"));
      const versions = versionsOf(c.req.header("if-match"));
      const facility = await write(
        c.get("services").register,
        user,
        c.req.valid("param").id,
        versions,
        c.req.valid("json"),
      );
      return respondFacility(c, facility, 200);
    },
  );
}

/** The signed-in user, or 401. */
export function requireUser(user: User | null): User {
  if (!user) throw new ApiError(401, "unauthenticated", "log in first", "Cần đăng nhập");
  return user;
}

/** `id:N` in the order of ids (the cursors of earlier versions), `SORT:N:KEY` in another order. */
function encodeCursor(position: ListPosition, sort: ListSort): string {
  const text = sort === "id" ? `id:${position.id}` : `${sort}:${position.id}:${position.key ?? ""}`;
  return Buffer.from(text).toString("base64url");
}

function decodeCursor(cursor: string): { sort: ListSort; position: ListPosition } {
  const match = /^([a-z]+):(\d+)(?::(.{1,40}))?$/.exec(Buffer.from(cursor, "base64url").toString());
  const id = Number(match?.[2]);
  const sort = LIST_SORTS.find((s) => s === match?.[1]);
  if (!match || !sort || !Number.isSafeInteger(id))
    throw invalidField(
      "cursor",
      "invalid cursor: pass the `next` of the page before, as it came",
      "cursor không hợp lệ: dùng đúng giá trị `next` của trang trước",
    );
  return { sort, position: sort === "id" ? { id } : { id, key: match[3] ?? "" } };
}

/** Every facility matching a filter that has a point, as columns (see the route's description). */
async function pointsOf(db: Db, filter: ReturnType<typeof whereFilter>) {
  const total = await db
    .selectFrom("facilities")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(filter)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("facilities")
    .select(["id", "lng", "lat", "stage", "option", "deadline"])
    .where(filter)
    .where("lng", "is not", null)
    .orderBy("id")
    .execute();
  const stages = STAGES.values as readonly string[];
  const options = OPTIONS.values as readonly string[];
  const today = dayNumber(vietnamDay());
  // Deadlines repeat (a province sets a few dates), and parsing one costs more than the rest of a row.
  const days = new Map<string, number>();
  const dayOf = (date: string) => {
    let day = days.get(date);
    if (day === undefined) {
      day = dayNumber(date);
      days.set(date, day);
    }
    return day;
  };
  return {
    total: Number(total.n),
    without_point: Number(total.n) - rows.length,
    stages,
    options,
    id: rows.map((r) => r.id),
    lng: rows.map((r) => Math.round((r.lng as number) * 1e5) / 1e5),
    lat: rows.map((r) => Math.round((r.lat as number) * 1e5) / 1e5),
    stage: rows.map((r) => stages.indexOf(r.stage)),
    option: rows.map((r) => (r.option === null ? -1 : options.indexOf(r.option))),
    overdue: rows.map((r) =>
      isOverdueOnDay(r.stage as Facility["stage"], r.deadline === null ? null : dayOf(r.deadline), today)
        ? 1
        : 0,
    ),
  };
}
