/** Import of a province's file (editors of that province) and the template. */

import { canEdit, FIELDS } from "@diagioi/core";
import { createRoute, z } from "@hono/zod-openapi";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { ApiError } from "../errors.ts";
import type { App } from "../http/context.ts";
import { importFile, rejected } from "../imports.ts";
import { SAMPLE_ROWS, TEMPLATE_COLUMNS } from "../io/template.ts";
import { outOfScope } from "../register.ts";
import { requireUser } from "./facilities.ts";
import { checkCodes } from "./filters.ts";

export function importRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/import",
      tags: ["import"],
      summary: "Import a CSV or XLSX file of one province (the template's columns)",
      request: {
        query: z.object({
          province: z.string().regex(/^\d{2}$/, "a 2-digit province code"),
          dry_run: z.enum(["0", "1"]).optional(),
        }),
        body: {
          content: {
            "text/csv": { schema: { type: "string" } },
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
              schema: { type: "string", format: "binary" },
            },
          },
        },
      },
      responses: {
        200: { description: "`{rows, created, updated, unchanged, dry_run}`." },
        403: { description: "Not an editor of the province." },
        413: { description: "Larger than 20 MB." },
        422: {
          description:
            "`{errors: [{row, column, message, message_vi}]}`: nothing was written; or a `province` that is no province of today (`error.details.fields`).",
        },
      },
    }),
    async (c) => {
      const user = requireUser(c.get("user"));
      const { province, dry_run } = c.req.valid("query");
      checkCodes(c.get("services").diagioi, "province", province);
      if (!canEdit(user, province))
        throw outOfScope(c.get("services").diagioi, user, province, [
          "import facilities of",
          "nhập cơ sở của",
        ]);
      const bytes = await uploadedBytes(c.req.raw);
      const summary = await importFile(c.get("services").register, user, province, bytes, dry_run === "1");
      return c.json(summary, 200);
    },
  );

  for (const [format, type] of [
    ["csv", "text/csv"],
    ["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  ] as const)
    app.openAPIRegistry.registerPath({
      method: "get",
      path: `/api/import/template.${format}`,
      tags: ["import"],
      summary: `The import template as ${format.toUpperCase()}: the columns and a sample row`,
      responses: { 200: { description: "The file.", content: { [type]: { schema: { type: "string" } } } } },
    });

  app.get("/api/import/template.csv", (c) => {
    const rows = [
      TEMPLATE_COLUMNS as readonly string[],
      ...SAMPLE_ROWS.map((r) => TEMPLATE_COLUMNS.map((k) => r[k] ?? "")),
    ];
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", 'attachment; filename="diagioi-import-template.csv"');
    return c.body(`\uFEFF${stringify(rows as string[][])}`);
  });

  app.get("/api/import/template.xlsx", async (c) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("facilities");
    sheet.addRow([...TEMPLATE_COLUMNS]);
    for (const r of SAMPLE_ROWS) sheet.addRow(TEMPLATE_COLUMNS.map((k) => r[k] ?? ""));
    sheet.getRow(1).font = { bold: true };
    // The values of the closed sets, with the labels an import also takes ("Tốt" for good).
    const values = workbook.addWorksheet("values");
    values.addRow(["column", "value", "nhãn (Vietnamese)", "label (English)"]);
    values.getRow(1).font = { bold: true };
    for (const [field, spec] of Object.entries(FIELDS))
      if (spec.type.kind === "enum" && TEMPLATE_COLUMNS.includes(field as never))
        for (const label of spec.type.labels ?? spec.type.values.map((value) => ({ value, vi: "", en: "" })))
          values.addRow([field, label.value, label.vi, label.en]);
    c.header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    c.header("Content-Disposition", 'attachment; filename="diagioi-import-template.xlsx"');
    return c.body(new Uint8Array(await workbook.xlsx.writeBuffer()));
  });
}

/**
 * The file's bytes: the body itself, or the one file of a form upload (`curl -F file=@x.csv`).
 */
async function uploadedBytes(request: Request): Promise<Uint8Array> {
  if (!/^multipart\/form-data/i.test(request.headers.get("content-type") ?? ""))
    return new Uint8Array(await request.arrayBuffer());
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new ApiError(
      400,
      "bad_request",
      "the form upload cannot be read",
      "Không đọc được biểu mẫu tải lên",
    );
  }
  const files: File[] = [];
  form.forEach((value) => {
    if (typeof value !== "string") files.push(value);
  });
  if (files.length !== 1)
    throw rejected([
      {
        row: 0,
        column: null,
        message: `send one file (the form has ${files.length})`,
        message_vi: `Hãy gửi đúng một tệp (biểu mẫu có ${files.length})`,
      },
    ]);
  return new Uint8Array(await (files[0] as File).arrayBuffer());
}
