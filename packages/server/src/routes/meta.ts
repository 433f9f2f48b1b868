/** The closed sets, the workflow and what this register is (for the map and other clients). */

import {
  ACTION_LABELS,
  ASSET_TYPES,
  CATEGORIES,
  CONDITIONS,
  FACILITY_LEVELS,
  FLAGS,
  OPTION_CATEGORY,
  OPTIONS,
  OWNERS,
  ROLES,
  STAGES,
  WORKFLOW,
} from "@diagioi/core";
import { createRoute } from "@hono/zod-openapi";
import type { App } from "../http/context.ts";

export function metaRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/meta",
      tags: ["meta"],
      responses: {
        200: {
          description: "Closed sets with labels, the workflow table, and whether the register is synthetic.",
        },
      },
    }),
    async (c) => {
      const rows = await c.get("services").db.selectFrom("meta").selectAll().execute();
      const meta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
      return c.json(
        {
          register: {
            synthetic: meta.synthetic === "1",
            label: meta.label ?? null,
            seeded_at: meta.seeded_at ?? null,
          },
          stages: STAGES.entries,
          options: OPTIONS.entries.map((o) => ({ ...o, category: OPTION_CATEGORY[o.value] })),
          categories: CATEGORIES.entries,
          roles: ROLES.entries,
          flags: FLAGS.entries,
          levels: FACILITY_LEVELS.entries,
          owners: OWNERS.entries,
          asset_types: ASSET_TYPES.entries,
          conditions: CONDITIONS.entries,
          actions: ACTION_LABELS,
          workflow: WORKFLOW,
        },
        200,
      );
    },
  );
}
