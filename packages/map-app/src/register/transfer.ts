/**
 * Export of the filtered set (the server's files, same filters) or of a drawn selection (a rectangle is
 * the server's bbox filter; a polygon is cut from the bbox's file by the ids inside it), and import of a
 * province's file with the template links and the row errors.
 */
import L from "leaflet";
import type { Lang } from "../i18n.ts";
import { element } from "../panel.ts";
import { download, parseCsv, toCsv, toXlsx, XLSX_TYPE } from "../tables.ts";
import type { FacilityFilters } from "../url-state.ts";
import { API, ApiError, api, filterQuery, type User } from "./api.ts";
import type { Shape } from "./selection.ts";
import { r } from "./strings.ts";

export type Format = "csv" | "xlsx" | "geojson";
export const FORMATS: Format[] = ["csv", "xlsx", "geojson"];

/** The server's export of the filtered set. */
export function exportUrl(
  format: Format,
  filters: FacilityFilters,
  extra: Record<string, string> = {},
): string {
  const query = filterQuery(filters, extra);
  return `${API}/export.${format}${query ? `?${query}` : ""}`;
}

/** The shape's bounding box as the API's `bbox` (w,s,e,n), widened a little so no edge point is lost. */
export function bboxOf(shape: Shape): string {
  const b = shape.kind === "rectangle" ? shape.bounds : L.latLngBounds(shape.ring);
  const pad = 1e-5;
  return [b.getWest() - pad, b.getSouth() - pad, b.getEast() + pad, b.getNorth() + pad]
    .map((v) => v.toFixed(6))
    .join(",");
}

/**
 * Exports a selection: the bbox's rows from the server, kept when their id was selected on the map.
 * Returns the number of rows written.
 */
export async function exportSelection(
  format: Format,
  filters: FacilityFilters,
  shape: Shape,
  ids: Set<number>,
): Promise<number> {
  const bbox = bboxOf(shape);
  const name = `diagioi-selection.${format}`;
  if (format === "geojson") {
    const response = await fetch(exportUrl("geojson", filters, { bbox }));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const collection = (await response.json()) as {
      features: { properties: Record<string, unknown>; id?: unknown }[];
    };
    collection.features = collection.features.filter((f) => ids.has(Number(f.properties?.id ?? f.id)));
    download(name, JSON.stringify(collection), "application/geo+json");
    return collection.features.length;
  }
  const response = await fetch(exportUrl("csv", filters, { bbox }));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const [header = [], ...rows] = parseCsv(await response.text());
  const idColumn = header.indexOf("id");
  const kept = rows.filter((row) => row.length > 1 && ids.has(Number(row[idColumn])));
  if (format === "csv") download(name, toCsv([header, ...kept]), "text/csv;charset=utf-8");
  else {
    const numeric = new Set(["id", "lng", "lat", "land_area_m2", "floor_area_m2", "year_built", "version"]);
    download(
      name,
      toXlsx([header, ...kept], "facilities", (c) => numeric.has(header[c] ?? "")),
      XLSX_TYPE,
    );
  }
  return kept.length;
}

/** The import dialog: province, file, check-only, the template links, and the answer. */
export function importDialog(
  lang: Lang,
  user: User,
  provinces: { code: string; name: string }[],
  imported: () => void,
): HTMLDialogElement {
  const dialog = element("dialog", {
    class: "import",
    "data-testid": "import-dialog",
    "aria-labelledby": "import-title",
  }) as HTMLDialogElement;
  const form = element("form", { method: "dialog" });
  const province = element("select", {
    name: "province",
    "data-testid": "import-province",
  }) as HTMLSelectElement;
  for (const p of provinces) {
    if (user.province_code === null || user.province_code === p.code)
      province.append(new Option(p.name, p.code));
  }
  const file = element("input", {
    type: "file",
    name: "file",
    // .txt and .tsv: Excel's "Unicode text" (UTF-16, tab-separated), which the server reads too.
    accept: ".csv,.tsv,.txt,.xlsx",
    "data-testid": "import-file",
    required: "",
  }) as HTMLInputElement;
  const dry = element("input", {
    type: "checkbox",
    name: "dry",
    "data-testid": "import-dry-run",
  }) as HTMLInputElement;
  const result = element("div", { class: "import-result", "aria-live": "polite" });
  const submit = element(
    "button",
    { type: "submit", class: "primary", "data-testid": "import-submit" },
    r("upload", lang),
  );
  const cancel = element("button", { type: "button" }, r("close", lang));
  cancel.addEventListener("click", () => dialog.close());
  form.append(
    element("h2", { id: "import-title" }, r("import", lang)),
    element(
      "p",
      {},
      `${r("template", lang)}: `,
      element(
        "a",
        { href: `${API}/import/template.csv`, download: "", "data-testid": "template-csv" },
        "CSV",
      ),
      " · ",
      element(
        "a",
        { href: `${API}/import/template.xlsx`, download: "", "data-testid": "template-xlsx" },
        "XLSX",
      ),
    ),
    element("label", {}, `${r("province", lang)} `, province),
    element("label", {}, file),
    element("label", {}, dry, ` ${r("dryRun", lang)}`),
    element("div", { class: "actions" }, submit, cancel),
    result,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return;
    result.replaceChildren(element("p", { class: "muted" }, "…"));
    try {
      const summary = await api.import(province.value, chosen, dry.checked);
      result.replaceChildren(
        element(
          "p",
          { "data-testid": "import-summary" },
          `${r("imported", lang)}: ${summary.rows} ${r("importRows", lang)} · ${summary.created} ${r("importCreated", lang)} · ${summary.updated} ${r("importUpdated", lang)} · ${summary.unchanged} ${r("importUnchanged", lang)}${summary.dry_run ? ` (${r("dryRun", lang)})` : ""}`,
        ),
      );
      if (!summary.dry_run) imported();
    } catch (error) {
      if (error instanceof ApiError && Array.isArray(error.body.errors)) {
        const table = element(
          "table",
          { "data-testid": "import-errors" },
          element(
            "thead",
            {},
            element(
              "tr",
              {},
              ...[r("row", lang), r("column", lang), r("message", lang)].map((h) =>
                element("th", { scope: "col" }, h),
              ),
            ),
          ),
        );
        const body = element("tbody", {});
        for (const e of error.body.errors) {
          body.append(
            element(
              "tr",
              {},
              // Row 0 is the file as a whole (not a table, not UTF-8, empty).
              element("td", {}, e.row === 0 ? r("wholeFile", lang) : String(e.row)),
              element("td", {}, e.column ?? "—"),
              element("td", {}, lang === "vi" ? e.message_vi : e.message),
            ),
          );
        }
        table.append(body);
        result.replaceChildren(
          element(
            "p",
            { class: "error", role: "alert" },
            `${r("importErrors", lang)} (${error.body.errors.length})`,
          ),
          table,
        );
      } else {
        result.replaceChildren(
          element(
            "p",
            { class: "error", role: "alert" },
            error instanceof ApiError ? error.text(lang) : String(error),
          ),
        );
      }
    }
  });
  dialog.append(form);
  return dialog;
}
