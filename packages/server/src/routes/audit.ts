/** The audit log (administrators) and its chain check. */
import { createRoute, z } from "@hono/zod-openapi";
import { ApiError } from "../errors.ts";
import type { App } from "../http/context.ts";
import { verifyAudit } from "../repo/audit.ts";

export function auditRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/audit",
      tags: ["audit"],
      request: {
        query: z.object({
          after: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
      },
      responses: {
        200: {
          description:
            "`{items, next}`: entries after `after`, oldest first; pass `next` as `after` for more (null at the end).",
        },
        403: { description: "Administrators only." },
      },
    }),
    async (c) => {
      const user = c.get("user");
      if (user?.role !== "admin")
        throw new ApiError(
          user ? 403 : 401,
          user ? "forbidden" : "unauthenticated",
          "administrators only",
          "Chỉ dành cho quản trị",
        );
      const { after, limit } = c.req.valid("query");
      const items = await c
        .get("services")
        .db.selectFrom("audit_log")
        .selectAll()
        .where("id", ">", after)
        .orderBy("id")
        .limit(limit)
        .execute();
      // A full page may have more after it: its last id is the next `after`, as lists give `next`.
      const next = items.length === limit ? (items.at(-1)?.id ?? null) : null;
      return c.json({ items: items.map((i) => ({ ...i, payload: JSON.parse(i.payload) })), next }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/audit/verify",
      tags: ["audit"],
      responses: {
        200: {
          description:
            "`{ok, entries, head, first_bad?}`: ok is false if any entry was altered, removed or reordered; `entries` counts those that checked out before it, `head` is the last good hash and `first_bad` the id of the first bad entry.",
        },
      },
    }),
    async (c) => c.json(await verifyAudit(c.get("services").db), 200),
  );
}
