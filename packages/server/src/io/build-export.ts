/** An export file of the filtered facilities, built from the database (in the server's export worker, or in-process). */
import type { Db } from "../db/database.ts";
import { type FacilityFilter, toFacility, whereFilter } from "../repo/facilities.ts";
import { toCsv, toGeoJson, toXlsx } from "./export.ts";

export const EXPORT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  geojson: "application/geo+json",
} as const;

export type ExportFormat = keyof typeof EXPORT_TYPES;

export function isExportFormat(format: string): format is ExportFormat {
  return Object.hasOwn(EXPORT_TYPES, format);
}

export interface BuiltExport {
  name: string;
  body: Uint8Array<ArrayBuffer> | string;
}

/** Builds an export: the caller's way of doing it (the server hands it to a worker thread). */
export type ExportBuilder = (
  format: ExportFormat,
  filter: FacilityFilter,
  signedIn: boolean,
) => Promise<BuiltExport>;

/** The name of an export's file, without its extension: the demo register's says it is synthetic. */
export async function exportName(db: Db): Promise<string> {
  const synthetic = await db
    .selectFrom("meta")
    .select("value")
    .where("key", "=", "synthetic")
    .executeTakeFirst();
  return synthetic?.value === "1" ? "diagioi-facilities-SYNTHETIC-DEMO" : "diagioi-facilities";
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
  const name = await exportName(db);
  if (format === "csv") return { name, body: toCsv(facilities, signedIn) };
  if (format === "xlsx") return { name, body: new Uint8Array(await toXlsx(facilities, signedIn)) };
  return { name, body: JSON.stringify(toGeoJson(facilities, signedIn)) };
}
