/** Exports of the filtered facilities as CSV, XLSX or GeoJSON (public fields for anonymous visitors). */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { App, AppEnv } from "../http/context.ts";
import { FilterQuery } from "../http/schemas.ts";
import { toCsv, toGeoJson, toXlsx } from "../io/export.ts";
import { toFacility, whereFilter } from "../repo/facilities.ts";
import { filterOf } from "./filters.ts";

const FORMATS = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  geojson: "application/geo+json",
} as const;

export function exportRoutes(app: App): void {
  for (const format of Object.keys(FORMATS) as (keyof typeof FORMATS)[]) {
    app.openapi(
      createRoute({
        method: "get",
        path: `/api/export.${format}`,
        tags: ["export"],
        summary: `The facilities matching the filters as ${format.toUpperCase()}`,
        request: { query: FilterQuery },
        responses: { 200: { description: `A ${format.toUpperCase()} file.` } },
      }),
      async (c: Context<AppEnv>) => {
        // biome-ignore lint/suspicious/noExplicitAny: the route's validated query
        const query = (c.req as any).valid("query");
        const rows = await c
          .get("services")
          .db.selectFrom("facilities")
          .selectAll()
          .where(whereFilter(filterOf(query, c.get("user"), c.get("services").diagioi)))
          .orderBy("id")
          .execute();
        const facilities = rows.map(toFacility);
        const signedIn = c.get("user") !== null;
        c.header("Content-Type", FORMATS[format]);
        const synthetic = await c
          .get("services")
          .db.selectFrom("meta")
          .select("value")
          .where("key", "=", "synthetic")
          .executeTakeFirst();
        const name = synthetic?.value === "1" ? "diagioi-facilities-SYNTHETIC-DEMO" : "diagioi-facilities";
        c.header("Content-Disposition", `attachment; filename="${name}.${format}"`);
        if (format === "csv") return c.body(toCsv(facilities, signedIn));
        if (format === "xlsx") return c.body(new Uint8Array(await toXlsx(facilities, signedIn)));
        return c.body(JSON.stringify(toGeoJson(facilities, signedIn)));
      },
    );
  }
}
