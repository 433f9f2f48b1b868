/** Exports of the filtered facilities as CSV, XLSX or GeoJSON (public fields for anonymous visitors). */

import { vietnamDay } from "@diagioi/core";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Db } from "../db/database.ts";
import { GenerationCache } from "../http/cached.ts";
import type { App, AppEnv } from "../http/context.ts";
import { FilterQuery } from "../http/schemas.ts";
import { toCsv, toGeoJson, toXlsx } from "../io/export.ts";
import { type FacilityFilter, toFacility, whereFilter } from "../repo/facilities.ts";
import { filterOf } from "./filters.ts";

const FORMATS = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  geojson: "application/geo+json",
} as const;

interface BuiltExport {
  name: string;
  body: Uint8Array<ArrayBuffer> | string;
}

/**
 * Files built, kept until the register changes: the same export asked for again (or by several
 * callers at once) is built once, since building one holds the server for seconds.
 */
const built = new GenerationCache<Promise<BuiltExport>>(4);

export type ExportFormat = keyof typeof FORMATS;

export function isExportFormat(format: string): format is ExportFormat {
  return Object.hasOwn(FORMATS, format);
}

/** The facilities matching `filter` as a file (all fields when `signedIn`), and its name. */
export async function buildExport(
  db: Db,
  format: ExportFormat,
  filter: FacilityFilter,
  signedIn: boolean,
): Promise<BuiltExport> {
  const rows = await db
    .selectFrom("facilities")
    .selectAll()
    .where(whereFilter(filter))
    .orderBy("id")
    .execute();
  const facilities = rows.map(toFacility);
  const synthetic = await db
    .selectFrom("meta")
    .select("value")
    .where("key", "=", "synthetic")
    .executeTakeFirst();
  const name = synthetic?.value === "1" ? "diagioi-facilities-SYNTHETIC-DEMO" : "diagioi-facilities";
  if (format === "csv") return { name, body: toCsv(facilities, signedIn) };
  if (format === "xlsx") return { name, body: new Uint8Array(await toXlsx(facilities, signedIn)) };
  return { name, body: JSON.stringify(toGeoJson(facilities, signedIn)) };
}

export function exportRoutes(app: App): void {
  for (const format of Object.keys(FORMATS) as ExportFormat[]) {
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
        const { history } = c.get("services");
        const signedIn = c.get("user") !== null;
        const filter = filterOf(query, c.get("user"), c.get("services").diagioi);
        c.header("Content-Type", FORMATS[format]);
        // HEAD asks for the headers only: building the file for it would cost as much as a GET.
        if (c.req.method === "HEAD") return c.body(null, 200);
        await history.refresh();
        const key = `${vietnamDay()} ${format} ${signedIn} ${JSON.stringify(query)}`;
        let file = built.get(key, history.generation);
        if (!file) {
          file = buildExport(c.get("services").db, format, filter, signedIn);
          built.set(key, history.generation, file);
          file.catch(() => built.delete(key));
        }
        const { name, body } = await file;
        c.header("Content-Disposition", `attachment; filename="${name}.${format}"`);
        return typeof body === "string" ? c.body(body) : c.body(body);
      },
    );
  }
}
