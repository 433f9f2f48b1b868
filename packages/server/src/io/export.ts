/** Writes facilities as CSV (the template's columns first), XLSX or an RFC 7946 GeoJSON FeatureCollection. */
import { type Facility, FIELD_NAMES, flagsOf, isOverdue, PUBLIC_FIELDS, vietnamDay } from "@diagioi/core";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { TEMPLATE_COLUMNS } from "./template.ts";

/**
 * Columns of an export: the template's (less note), then what the register adds, and `overdue` (as
 * of the day of the export, as the list shows it; public like the list's).
 */
export function exportColumns(signedIn: boolean): string[] {
  const all = [
    "id",
    "province_code",
    "commune_code",
    "address_new",
    ...TEMPLATE_COLUMNS.filter((c) => c !== "note"),
    ...FIELD_NAMES.filter(
      (f) =>
        !(TEMPLATE_COLUMNS as readonly string[]).includes(f) &&
        !["id", "province_code", "commune_code", "address_new"].includes(f),
    ),
    "flags",
    "overdue",
  ];
  const visible = new Set<string>([...PUBLIC_FIELDS, "overdue"]);
  return signedIn ? all : all.filter((c) => visible.has(c));
}

function cells(f: Facility, columns: string[], today: string): (string | number | boolean | null)[] {
  return columns.map((c) => {
    if (c === "flags") return flagsOf(f).join(";");
    if (c === "overdue") return isOverdue(f.stage, f.deadline, today);
    const v = (f as unknown as Record<string, unknown>)[c];
    return v === undefined ? null : (v as string | number | boolean | null);
  });
}

export function toCsv(facilities: Facility[], signedIn: boolean, today = vietnamDay()): string {
  const columns = exportColumns(signedIn);
  return `\uFEFF${stringify([columns, ...facilities.map((f) => cells(f, columns, today).map(csvCell))])}`;
}

function csvCell(v: string | number | boolean | null): string {
  if (v === null) return "";
  if (typeof v === "boolean") return yesNo(v);
  return typeof v === "string" ? inert(v) : String(v);
}

const yesNo = (v: boolean) => (v ? "yes" : "no");

/**
 * A text a spreadsheet would run as a formula when the CSV is opened (=, +, -, @, tab, CR first),
 * after any apostrophes: those are guarded too ("'=x" → "''=x"), since the import reads one
 * apostrophe before such a text as the guard, and the round trip must stay exact.
 */
export const GUARDED_START = /^'*[=+\-@\t\r]/;

/**
 * The text with an apostrophe before it when it would start a formula (OWASP's advice on CSV
 * injection): a facility's name such as `=HYPERLINK(…)` stays text in Excel or LibreOffice. The
 * import takes the apostrophe off again, so an export imports back unchanged. XLSX cells are typed
 * as text already and need nothing.
 */
function inert(text: string): string {
  return GUARDED_START.test(text) ? `'${text}` : text;
}

export async function toXlsx(
  facilities: Facility[],
  signedIn: boolean,
  today = vietnamDay(),
): Promise<Buffer> {
  const columns = exportColumns(signedIn);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("facilities");
  sheet.addRow(columns);
  for (const f of facilities)
    sheet.addRow(cells(f, columns, today).map((v) => (typeof v === "boolean" ? yesNo(v) : v)));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Every facility as a feature; one without a point has a null geometry (RFC 7946, 3.2), as the CSV keeps it. */
export function toGeoJson(facilities: Facility[], signedIn: boolean, today = vietnamDay()) {
  const columns = exportColumns(signedIn).filter((c) => c !== "lng" && c !== "lat");
  return {
    type: "FeatureCollection" as const,
    features: facilities.map((f) => {
      const values = cells(f, columns, today);
      return {
        type: "Feature" as const,
        id: f.id,
        geometry:
          f.lng === null || f.lat === null
            ? null
            : { type: "Point" as const, coordinates: [f.lng as number, f.lat as number] },
        properties: Object.fromEntries(columns.map((c, i) => [c, values[i]])),
      };
    }),
  };
}
