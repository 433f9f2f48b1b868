/** Import: every row checked first, nothing written on any error, one transaction, re-import idempotent; a killed import leaves nothing. */
import type { ChildProcess } from "node:child_process";
import { statSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import { FIELDS, type FieldName, random } from "@diagioi/core";
import { openDatabase } from "@diagioi/server";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  describeEachDatabase,
  HANOI,
  type Harness,
  openHarness,
  QUANG_NGAI,
  type TestUser,
} from "./harness.ts";
import { startServer } from "./processes.ts";

const HEADER =
  "external_id;name;address;lng;lat;land_area_m2;minutes_date;disputed;option;stage;minutes_no;note";

/** A good file in the Vietnamese way: BOM, semicolons, 1.234,5 numbers, DD/MM/YYYY dates, có/không. */
function goodCsv(): string {
  return `\uFEFF${HEADER}
HN-1;Trụ sở UBND phường Hàng Bạc (cũ);Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội;105.8524;21.0287;1.234,5;05/07/2025;không;;inventory;;
HN-2;Nhà văn hóa phường Phúc Xá (cũ);Phường Phúc Xá, Quận Ba Đình, Hà Nội;;;850;;có;;;;địa chỉ, không tọa độ
HN-3;Trụ sở Quận ủy Ba Đình (cũ);;105.8148;21.0335;4520;01/07/2025;no;health;plan_drafted;15/BB-BG;đề xuất y tế
`;
}

/** A ZIP of one deflated file, its headers giving `declared` as the inflated size (a bomb may lie). */
function zipOf(name: string, content: Buffer, declared = content.length): Uint8Array<ArrayBuffer> {
  const data = deflateRawSync(content);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(fileName.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryAt = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return Uint8Array.from(Buffer.concat([local, fileName, data, central, fileName, end]));
}

async function count(h: Harness): Promise<number> {
  const r = await h.database.db
    .selectFrom("facilities")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describeEachDatabase("import", (kind) => {
  let h: Harness;
  let editor: TestUser;
  const post = (body: BodyInit, query = "province=01", type = "text/csv") =>
    h.api("POST", `/api/import?${query}`, { as: editor, raw: body, headers: { "content-type": type } });

  beforeAll(async () => {
    h = await openHarness(kind);
    editor = await h.user("imp-editor", "editor", "01");
  });
  afterAll(() => h.close());

  it("imports a good file, then re-importing it changes nothing, and a changed row updates one facility", async () => {
    const dry = await post(goodCsv(), "province=01&dry_run=1");
    expect(await dry.json()).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0, dry_run: true });
    expect(await count(h)).toBe(0);

    const first = await post(goodCsv());
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0, dry_run: false });
    const list = (await (await h.api("GET", "/api/facilities?province=01", { as: editor })).json()) as {
      items: {
        external_id: string;
        land_area_m2: number;
        stage: string;
        commune_code: string;
        minutes_date: string;
        option: string | null;
        disputed: boolean;
        address_new: string;
      }[];
    };
    const byId = Object.fromEntries(list.items.map((f) => [f.external_id, f]));
    expect(byId["HN-1"]).toMatchObject({
      land_area_m2: 1234.5,
      minutes_date: "2025-07-05",
      stage: "inventory",
      commune_code: "00070",
      disputed: false,
    });
    expect(byId["HN-1"]?.address_new).toBe("Phường Hoàn Kiếm, Thành phố Hà Nội");
    expect(byId["HN-2"]).toMatchObject({ stage: "inventory", disputed: true, commune_code: "00097" });
    expect(byId["HN-3"]).toMatchObject({ stage: "plan_drafted", option: "health" });

    expect(await (await post(goodCsv())).json()).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const changed = goodCsv().replace("1.234,5", "1.300,0");
    expect(await (await post(changed)).json()).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(await count(h)).toBe(3);
  });

  it("refuses a province that is no province of today as a query field, before the caller's scope", async () => {
    for (const query of ["province=99", "province=35"]) {
      const r = await post(goodCsv(), query);
      expect(r.status, query).toBe(422);
      const error = ((await r.json()) as { error: { details: { fields: { field: string }[] } } }).error;
      expect(error.details.fields.map((f) => f.field)).toEqual(["province"]);
    }
  });

  it("takes back its own CSV and XLSX exports: the columns the server derives are read and ignored", async () => {
    expect((await post(goodCsv())).status).toBe(200);
    for (const format of ["csv", "xlsx"]) {
      const exported = await h.api("GET", `/api/export.${format}?province=01`, { as: editor });
      expect(exported.status).toBe(200);
      const body = new Uint8Array(await exported.arrayBuffer());
      const type = format === "csv" ? "text/csv" : "application/octet-stream";
      const again = await post(body, "province=01", type);
      expect(again.status, await again.clone().text()).toBe(200);
      const result = (await again.json()) as {
        rows: number;
        created: number;
        updated: number;
        unchanged: number;
      };
      expect(result.rows).toBeGreaterThanOrEqual(3);
      expect(result).toMatchObject({ created: 0, updated: 0, unchanged: result.rows });
    }
  });

  it("refuses a re-imported row exported before someone else's edit, rather than undo that edit", async () => {
    expect((await post(goodCsv())).status).toBe(200);
    const exported = await (await h.api("GET", "/api/export.csv?province=01", { as: editor })).text();
    const rows = parse(exported.replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.external_id === "HN-1") as Record<string, string>;
    const id = Number(row.id);
    const edit = await h.api("PATCH", `/api/facilities/${id}`, {
      as: editor,
      body: { current_use: "Trường mầm non" },
      headers: { "if-match": `"${row.version}"` },
    });
    expect(edit.status).toBe(200);
    const stale = await post(
      exported.replace(row.name as string, "Trụ sở đổi tên"),
      "province=01",
      "text/csv",
    );
    expect(stale.status).toBe(422);
    const errors = ((await stale.json()) as { errors: { column: string; message: string }[] }).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ column: "version" });
    expect(errors[0]?.message).toMatch(/edited after this row was exported/);
    const now = (await (await h.api("GET", `/api/facilities/${id}`, { as: editor })).json()) as {
      current_use: string;
    };
    expect(now.current_use).toBe("Trường mầm non");
    // Exported again, the file imports (every row unchanged).
    const fresh = await (await h.api("GET", "/api/export.csv?province=01", { as: editor })).text();
    expect(await (await post(fresh, "province=01", "text/csv")).json()).toMatchObject({
      updated: 0,
      created: 0,
    });
  });

  it("exports a text that would start a formula as text (a leading apostrophe) and imports it back as written", async () => {
    const name = '=HYPERLINK("http://example.com","x")';
    const file = `external_id,name,current_use,lng,lat\nFX-1,"${name.replaceAll('"', '""')}",@SUM(A1),${HANOI.lng},${HANOI.lat}\n`;
    expect(await (await post(file)).json()).toMatchObject({ created: 1 });
    const exported = await (await h.api("GET", "/api/export.csv?q=HYPERLINK", { as: editor })).text();
    const rows = parse(exported.replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: `'${name}`, current_use: "'@SUM(A1)" });
    const again = await post(exported, "province=01", "text/csv");
    expect(await again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const listed = (await (await h.api("GET", "/api/facilities?q=HYPERLINK", { as: editor })).json()) as {
      items: { name: string; current_use: string }[];
    };
    expect(listed.items[0]).toMatchObject({ name, current_use: "@SUM(A1)" });
    // A text that starts with an apostrophe before a formula's sign keeps it over the round trip.
    const quoted = "'=x (tên bắt đầu bằng dấu nháy)";
    const file2 = `external_id,name,lng,lat\nFX-2,${quoted},${HANOI.lng},${HANOI.lat}\n`;
    expect(await (await post(file2.replace(quoted, `'${quoted}`))).json()).toMatchObject({ created: 1 });
    const exported2 = await (await h.api("GET", "/api/export.csv?q=dấu nháy", { as: editor })).text();
    expect(exported2).toContain(`''=x`);
    expect(await (await post(exported2, "province=01", "text/csv")).json()).toMatchObject({ unchanged: 1 });
    const listed2 = (await (await h.api("GET", "/api/facilities?q=dấu nháy", { as: editor })).json()) as {
      items: { name: string }[];
    };
    expect(listed2.items[0]?.name).toBe(quoted);
  });

  it("re-importing a file whose flag cells are blank changes nothing", async () => {
    const file = `external_id,name,lng,lat,disputed,encroached,over_norm\nBL-1,Kho cũ,${HANOI.lng},${HANOI.lat},,,\n`;
    expect(await (await post(file)).json()).toMatchObject({ created: 1, updated: 0 });
    for (let round = 0; round < 2; round++)
      expect(await (await post(file)).json()).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it("takes the file of a form upload (curl -F file=@x.csv) as its body", async () => {
    const form = new FormData();
    form.append(
      "file",
      new Blob([`external_id,name,lng,lat\nMP-1,Kho cũ,${HANOI.lng},${HANOI.lat}\n`]),
      "x.csv",
    );
    const r = await h.api("POST", "/api/import?province=01", { as: editor, raw: form });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ rows: 1, created: 1 });
    const two = new FormData();
    two.append("a", new Blob(["x"]), "a.csv");
    two.append("b", new Blob(["y"]), "b.csv");
    const refused = await h.api("POST", "/api/import?province=01", { as: editor, raw: two });
    expect(refused.status).toBe(422);
    // Refused as every bad file is: `errors` with a row and a column.
    expect(((await refused.json()) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ row: 0, column: null, message: "send one file (the form has 2)" }),
    ]);
  });

  it("imports Excel's Unicode text: UTF-16 with its byte-order mark, tab-separated", async () => {
    const text = goodCsv()
      .replace(/^\uFEFF/, "")
      .replace(/^HN-/gm, "U16-")
      .replaceAll(";", "\t");
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const r = await post(new Uint8Array(le));
    expect(r.status, await r.clone().text()).toBe(200);
    expect(await r.json()).toMatchObject({ created: 3 });
    const listed = await h.api("GET", "/api/facilities?province=01&q=U16-3", { as: editor });
    expect(JSON.stringify(await listed.json())).toContain("Trụ sở Quận ủy Ba Đình (cũ)");
  });

  it("imports the first sheet of an XLSX file", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("cơ sở");
    sheet.addRow(["external_id", "name", "lng", "lat", "year_built", "minutes_date"]);
    sheet.addRow(["X-1", "Trụ sở xã cũ", HANOI.lng, HANOI.lat, 1998, new Date(Date.UTC(2025, 8, 1))]);
    const r = await post(
      new Uint8Array(await workbook.xlsx.writeBuffer()),
      "province=01",
      "application/octet-stream",
    );
    expect(r.status, await r.clone().text()).toBe(200);
    expect(await r.json()).toMatchObject({ created: 1 });
  });

  const bad: [
    string,
    () => Promise<BodyInit> | BodyInit,
    number,
    { row: number; column: string | null; message?: unknown } | null,
  ][] = [
    [
      "an unknown column",
      () => "external_id,name,lng,lat,colour\nB-1,x,105.85,21.03,red\n",
      422,
      { row: 1, column: "colour" },
    ],
    ["a missing column", () => "external_id,lng,lat\nB-1,105.85,21.03\n", 422, { row: 1, column: "name" }],
    [
      "a bad date",
      () => "external_id,name,lng,lat,minutes_date\nB-1,x,105.85,21.03,31/02/2025\n",
      422,
      { row: 2, column: "minutes_date" },
    ],
    [
      "an unknown option",
      () =>
        `${"external_id,name,lng,lat\nB-0,ok,105.85,21.03\n"
          .replace("lat\n", "lat,option\n")
          .replace("21.03\n", "21.03,\n")}B-1,x,105.85,21.03,sell-it\n`,
      422,
      { row: 3, column: "option" },
    ],
    [
      "an ambiguous number",
      () => "external_id,name,lng,lat,land_area_m2\nB-1,x,105.85,21.03,1.234\n",
      422,
      { row: 2, column: "land_area_m2" },
    ],
    [
      "a point in another province",
      () => `external_id,name,lng,lat\nB-1,x,${QUANG_NGAI.lng},${QUANG_NGAI.lat}\n`,
      422,
      { row: 2, column: "lng" },
    ],
    [
      "a duplicate external_id",
      () => "external_id,name,lng,lat\nB-1,x,105.85,21.03\nB-1,y,105.85,21.03\n",
      422,
      { row: 3, column: "external_id" },
    ],
    [
      "a stage without its fields",
      () => "external_id,name,lng,lat,stage\nB-1,x,105.85,21.03,decided\n",
      422,
      { row: 2, column: "minutes_no" },
    ],
    [
      "a note with a control character",
      () => `external_id,name,lng,lat,note\nN-1,x,${HANOI.lng},${HANOI.lat},a\u0001b\n`,
      422,
      { row: 2, column: "note" },
    ],
    [
      "a binary file",
      () => new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]),
      422,
      { row: 0, column: null },
    ],
    [
      "invalid UTF-8",
      () =>
        new Uint8Array([
          ...Buffer.from("external_id,name,lng,lat\nB-1,Tr"),
          0xe1,
          0x28,
          ...Buffer.from(",105.85,21.03\n"),
        ]),
      422,
      { row: 2, column: null },
    ],
    [
      "an XLSX with formulas",
      async () => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet("s");
        sheet.addRow(["external_id", "name", "lng", "lat", "land_area_m2"]);
        sheet.addRow(["F-1", "x", HANOI.lng, HANOI.lat, { formula: "10*20", result: 200 }]);
        return new Uint8Array(await workbook.xlsx.writeBuffer());
      },
      422,
      { row: 2, column: "land_area_m2" },
    ],
    [
      "an XLSX row with more cells than the header",
      async () => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet("s");
        sheet.addRow(["external_id", "name", "lng", "lat"]);
        sheet.addRow(["X-1", "x", HANOI.lng, HANOI.lat, "", ""]);
        sheet.addRow(["X-2", "y", HANOI.lng, HANOI.lat, "shifted"]);
        return new Uint8Array(await workbook.xlsx.writeBuffer());
      },
      422,
      { row: 3, column: null },
    ],
    [
      "a row with more cells than the header",
      () =>
        `external_id,name,lng,lat\nC-1,x,${HANOI.lng},${HANOI.lat},,\nC-2,y,${HANOI.lng},${HANOI.lat},shifted\n`,
      422,
      { row: 3, column: null },
    ],
    [
      "an XLSX that inflates to 260 MB, its directory saying 1 byte",
      () => zipOf("xl/worksheets/sheet1.xml", Buffer.alloc(260 * 1024 * 1024, 0x20), 1),
      422,
      { row: 0, column: null, message: expect.stringMatching(/inflates to more than 256 MB/) },
    ],
    [
      "a header of a thousand columns",
      () => `${Array.from({ length: 1000 }, (_, i) => `c${i}`).join(",")}\nx\n`,
      422,
      { row: 0, column: null, message: expect.stringMatching(/1,000 columns, more than 200/) },
    ],
    ["a file over the size limit", () => `external_id,name\n${"x".repeat(21 * 1024 * 1024)}`, 413, null],
    ["an empty file", () => "", 422, { row: 0, column: null }],
    ["a header without rows", () => "external_id,name,lng,lat\n", 422, { row: 0, column: null }],
  ];
  for (const [what, body, status, where] of bad) {
    it(`refuses ${what} with its row and column, and writes nothing`, async () => {
      const before = await count(h);
      const r = await post(await body());
      expect(r.status).toBe(status);
      const json = (await r.json()) as {
        errors?: { row: number; column: string | null; message: string }[];
        error: { message: string };
      };
      if (where) {
        expect(json.errors?.[0]).toMatchObject(where);
        expect(json.errors?.[0]?.message.length).toBeGreaterThan(5);
      }
      expect(JSON.stringify(json)).not.toMatch(/ at |node_modules|SELECT|INSERT/);
      expect(await count(h)).toBe(before);
    });
  }

  it("reports every error of a file in one answer: a duplicate external_id on a row with another error too", async () => {
    const r = await post(
      "external_id,name,lng,lat,land_area_m2\nD-1,x,105.85,21.03,100\nD-1,y,105.85,21.03,abc\nD-2,,105.85,21.03,5\n",
    );
    expect(r.status).toBe(422);
    const { errors } = (await r.json()) as { errors: { row: number; column: string | null }[] };
    expect(errors.map((e) => `${e.row}:${e.column}`).sort()).toEqual([
      "3:external_id",
      "3:land_area_m2",
      "4:name",
    ]);
  });

  it("reads a closed set's value from its label as the screens show it (Tốt, Trụ sở làm việc, Đã lập phương án)", async () => {
    const r = await post(
      "external_id;name;lng;lat;condition;asset_type;owner;level;stage;option;minutes_no;minutes_date\n" +
        `VI-1;Trụ sở cũ;${HANOI.lng};${HANOI.lat};Tốt;Trụ sở làm việc;Địa phương quản lý;cấp tỉnh;Đã lập phương án;Bố trí làm trụ sở;5/BB;05/07/2025\n`,
    );
    expect(r.status).toBe(200);
    const listed = (await (await h.api("GET", "/api/facilities?q=VI-1", { as: editor })).json()) as {
      items: Record<string, unknown>[];
    };
    expect(listed.items[0]).toMatchObject({
      condition: "good",
      asset_type: "office_building",
      owner: "local",
      level: "province",
      stage: "plan_drafted",
      option: "office",
    });
  });

  it("gives a template whose values sheet lists every closed set's values and labels, and which imports as it is", async () => {
    const bytes = await (await h.api("GET", "/api/import/template.xlsx", { as: editor })).arrayBuffer();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    const [columns, values] = workbook.worksheets;
    if (!columns || !values) throw new Error("the template has two sheets");
    const header = (columns.getRow(1).values as string[]).filter(Boolean);
    const listed = new Map<string, string[]>();
    values.eachRow((row, n) => {
      const [field, value, vi] = (row.values as string[]).slice(1);
      if (n > 1 && field && value) listed.set(field, [...(listed.get(field) ?? []), `${value}:${vi}`]);
    });
    const enumColumns = header.filter((c) => FIELDS[c as FieldName]?.type.kind === "enum");
    expect([...listed.keys()].sort()).toEqual(enumColumns.sort());
    expect(listed.get("condition")).toContain("good:Tốt");
    const dry = await post(
      new Uint8Array(bytes),
      "province=01&dry_run=1",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(dry.status).toBe(200);
  });

  it("refuses a row short of cells (read as empty, they would empty fields) and reports it with a long one", async () => {
    const r = await post(
      `external_id,name,lng,lat,land_area_m2\nS-1,x,${HANOI.lng},${HANOI.lat},12\nS-2,y,${HANOI.lng},${HANOI.lat}\nS-3,z,${HANOI.lng},${HANOI.lat},5,shifted\n`,
    );
    expect(r.status).toBe(422);
    const { errors } = (await r.json()) as {
      errors: { row: number; column: string | null; message: string }[];
    };
    expect(errors.map((e) => e.row)).toEqual([3, 4]);
    expect(errors[0]?.message).toBe("row 3 has 4 cells where the header has 5 columns");
  });

  it("reports an unknown column with the rows' own errors, and an unreadable stage as the row's only workflow error", async () => {
    const r = await post(
      "external_id,name,lng,lat,colour,land_area_m2,stage,decision_no,decision_date\n" +
        `U-1,x,${HANOI.lng},${HANOI.lat},red,abc,,,\n` +
        `U-2,y,${HANOI.lng},${HANOI.lat},blue,5,Decided,12/QĐ-UBND,01/08/2025\n`,
    );
    expect(r.status).toBe(422);
    const { errors } = (await r.json()) as { errors: { row: number; column: string | null }[] };
    expect(errors.map((e) => `${e.row}:${e.column}`)).toEqual(["1:colour", "2:land_area_m2", "3:stage"]);
  });

  it("refuses a file of more than 30,000 rows, and lists the first thousand errors of a file while counting them all", async () => {
    const before = await count(h);
    const row = (i: number) => `M-${i},x,${HANOI.lng},${HANOI.lat}`;
    const many = `external_id,name,lng,lat\n${Array.from({ length: 30_001 }, (_, i) => row(i)).join("\n")}\n`;
    const tooMany = await post(many);
    expect(tooMany.status).toBe(422);
    const refused = (await tooMany.json()) as { errors: { row: number; message: string }[] };
    expect(refused.errors[0]?.message).toMatch(/more than 30,000 rows/);

    const bad = `external_id,name,lng,lat,land_area_m2\n${Array.from({ length: 1500 }, (_, i) => `${row(i)},abc`).join("\n")}\n`;
    const r = await post(bad);
    expect(r.status).toBe(422);
    const json = (await r.json()) as { errors: unknown[]; errors_total: number; error: { message: string } };
    expect([json.errors.length, json.errors_total]).toEqual([1000, 1500]);
    expect(json.error.message).toMatch(/1500 error\(s\) \(the first 1000 listed\)/);
    expect(await count(h)).toBe(before);
  });

  it("reports a row's unreadable cells and its record's own errors together, naming the provinces", async () => {
    // Row 2: an unreadable area, a stage without its fields, and a point in Ho Chi Minh City; row 3: an
    // unreadable longitude, which is not also reported as missing.
    const r = await post(
      "external_id,name,lng,lat,land_area_m2,stage\n" +
        "R-1,x,106.70,10.78,abc,decided\n" +
        "R-2,y,abc,21.03,5,\n",
    );
    expect(r.status).toBe(422);
    const { errors } = (await r.json()) as {
      errors: { row: number; column: string | null; message: string; message_vi: string }[];
    };
    const where = errors.map((e) => `${e.row}:${e.column}`);
    expect(where).toContain("2:land_area_m2");
    expect(where).toContain("2:lng");
    expect(where.some((w) => w.startsWith("2:decision"))).toBe(true);
    expect(where.filter((w) => w.startsWith("3:"))).toEqual(["3:lng"]);
    // Each language names the provinces in its own words.
    const outside = errors.find((e) => e.row === 2 && e.column === "lng") as {
      message: string;
      message_vi: string;
    };
    expect(outside?.message).toBe("this facility lies in Ho Chi Minh City (79), not in Hanoi City (01)");
    expect(outside?.message_vi).toBe(
      "cơ sở này thuộc Thành phố Hồ Chí Minh (79), không thuộc Thành phố Hà Nội (01)",
    );
  });

  it("reads coordinates of three decimals as decimals, in CSV and in XLSX number cells", async () => {
    const csv = "external_id,name,lng,lat,land_area_m2\nC3-1,Kho cũ,105.852,21.029,1.234\n";
    const refused = await post(csv);
    // The area's "1.234" could be 1234 or 1.234: still refused; the coordinates are not.
    const errors = ((await refused.json()) as { errors: { column: string }[] }).errors;
    expect(errors.map((e) => e.column)).toEqual(["land_area_m2"]);
    expect(await (await post(csv.replace(",1.234\n", ",1234\n"))).json()).toMatchObject({ created: 1 });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("cơ sở");
    sheet.addRow(["external_id", "name", "lng", "lat", "land_area_m2"]);
    sheet.addRow(["C3-2", "Kho cũ", 105.853, 21.031, 1.234]);
    const r = await post(
      new Uint8Array(await workbook.xlsx.writeBuffer()),
      "province=01",
      "application/octet-stream",
    );
    expect(r.status, await r.clone().text()).toBe(200);
    const listed = (await (await h.api("GET", "/api/facilities?q=C3-2", { as: editor })).json()) as {
      items: { lng: number; lat: number; land_area_m2: number }[];
    };
    expect(listed.items[0]).toMatchObject({ lng: 105.853, lat: 21.031, land_area_m2: 1.234 });
  });

  it("a file that leaves out a column keeps that field of the facilities it updates", async () => {
    const full = `external_id,name,lng,lat,land_area_m2,floor_area_m2,disputed,over_norm\nKP-1,Kho cũ,${HANOI.lng},${HANOI.lat},"1.234,5",300,có,true\n`;
    expect(await (await post(full)).json()).toMatchObject({ created: 1 });
    const short = `external_id,name,lng,lat\nKP-1,Kho cũ (đổi tên),${HANOI.lng},${HANOI.lat}\n`;
    expect(await (await post(short)).json()).toMatchObject({ created: 0, updated: 1 });
    const listed = (await (await h.api("GET", "/api/facilities?q=KP-1", { as: editor })).json()) as {
      items: Record<string, unknown>[];
    };
    expect(listed.items[0]).toMatchObject({
      name: "Kho cũ (đổi tên)",
      land_area_m2: 1234.5,
      floor_area_m2: 300,
      disputed: true,
      over_norm: true,
    });
    // A column given with an empty cell does empty the field.
    const emptied = `external_id,name,lng,lat,floor_area_m2\nKP-1,Kho cũ (đổi tên),${HANOI.lng},${HANOI.lat},\n`;
    expect(await (await post(emptied)).json()).toMatchObject({ updated: 1 });
    const after = (await (await h.api("GET", "/api/facilities?q=KP-1", { as: editor })).json()) as {
      items: Record<string, unknown>[];
    };
    expect(after.items[0]).toMatchObject({ land_area_m2: 1234.5, floor_area_m2: null });
  });

  it("refuses control, zero-width and text-direction characters, and stores names in NFC", async () => {
    const hidden = `external_id,name,lng,lat\nHC-1,"Kho\u202e cũ",${HANOI.lng},${HANOI.lat}\nHC-2,"Kho\u0007",${HANOI.lng},${HANOI.lat}\nHC-5\u200b,Kho,${HANOI.lng},${HANOI.lat}\n`;
    const refused = await post(hidden);
    expect(refused.status).toBe(422);
    const errors = ((await refused.json()) as { errors: { row: number; column: string }[] }).errors;
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, "name"],
      [3, "name"],
      [4, "external_id"],
    ]);
    const decomposed = "Nhà văn hóa".normalize("NFD");
    const created = await h.api("POST", "/api/facilities", {
      as: editor,
      body: { external_id: "HC-3", name: decomposed, ...HANOI },
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { name: string }).name).toBe("Nhà văn hóa".normalize("NFC"));
    const latin1 = await h.api("POST", "/api/facilities", {
      as: editor,
      raw: Buffer.from(
        `{"external_id":"HC-4","name":"Tr\xf5 s\xf5","lng":${HANOI.lng},"lat":${HANOI.lat}}`,
        "latin1",
      ),
      headers: { "content-type": "application/json" },
    });
    expect(latin1.status).toBe(422);
  });

  it("an address of a split commune without a point is refused with its candidates", async () => {
    const r = await post('external_id,name,address\nS-1,x,"Phường Cống Vị, Quận Ba Đình, Hà Nội"\n');
    expect(r.status).toBe(422);
    const json = (await r.json()) as { errors: { row: number; column: string; message: string }[] };
    expect(json.errors[0]).toMatchObject({ row: 2, column: "address" });
    expect(json.errors[0]?.message).toMatch(/Phường .*, Phường /);
  });

  it("a re-import may not move a decided facility's deadline", async () => {
    const file = (deadline: string) =>
      `external_id,name,lng,lat,option,stage,minutes_no,minutes_date,decision_no,decision_date,deadline\nDL-1,Cơ sở hạn,${HANOI.lng},${HANOI.lat},sale,decided,1/BB,2025-08-01,9/QĐ-UBND,2025-09-01,${deadline}\n`;
    expect(await (await post(file("2026-06-30"))).json()).toMatchObject({ created: 1 });
    const r = await post(file("2030-12-31"));
    expect(r.status).toBe(422);
    expect(((await r.json()) as { errors: { column: string }[] }).errors[0]?.column).toBe("deadline");
  });

  it("refuses a row carrying a decision its stage has not reached, and a withdrawn row without a reason", async () => {
    const header =
      "external_id,name,lng,lat,option,stage,minutes_no,minutes_date,decision_no,decision_date,note";
    const early = `${header}\nINC-1,Early,${HANOI.lng},${HANOI.lat},sale,inventory,1/BB,2025-09-01,77/QĐ-UBND,2025-10-01,\n`;
    let r = await post(early, "province=01", "text/csv");
    expect(r.status).toBe(422);
    const columns = ((await r.json()) as { errors: { column: string }[] }).errors.map((e) => e.column);
    expect(columns.sort()).toEqual(["decision_date", "decision_no"]);
    // Withdrawn before any decision: no decision either, and a note saying why.
    const withdrawn = `${header}\nINC-2,Gone,${HANOI.lng},${HANOI.lat},,withdrawn,,,,,\n`;
    r = await post(withdrawn, "province=01", "text/csv");
    expect(r.status).toBe(422);
    expect(((await r.json()) as { errors: { column: string }[] }).errors[0]?.column).toBe("note");
    r = await post(
      withdrawn.replace(",withdrawn,,,,,", ",withdrawn,,,,,trùng với HN-1"),
      "province=01&dry_run=1",
    );
    expect(await r.json()).toMatchObject({ created: 1 });
  });

  it("numbers rows as a spreadsheet shows them and skips rows of empty cells", async () => {
    // A quoted cell over two lines is one row; a blank line and a line of separators are rows too.
    const csv = `external_id,name,lng,lat,note\nROW-2,"Nhà
hai dòng",${HANOI.lng},${HANOI.lat},\n\n,,,,\nROW-5,,${HANOI.lng},${HANOI.lat},\n`;
    const r = await post(csv, "province=01&dry_run=1");
    expect(r.status).toBe(422);
    expect(((await r.json()) as { errors: { row: number; column: string }[] }).errors).toMatchObject([
      { row: 5, column: "name" },
    ]);
    const fixed = await post(csv.replace("ROW-5,,", "ROW-5,Kho,"), "province=01&dry_run=1");
    expect(await fixed.json()).toMatchObject({ rows: 2, created: 2 });
  });

  it("a re-import may not move a facility through the workflow", async () => {
    const moved = goodCsv().replace(";health;plan_drafted;15/BB-BG;", ";sale;plan_drafted;15/BB-BG;");
    const r = await post(moved);
    expect(r.status).toBe(422);
    expect(((await r.json()) as { errors: { column: string }[] }).errors[0]?.column).toBe("option");
  });
});

/** A file of `rows` facilities spread over central Hà Nội. */
export function bigCsv(rows: number, prefix: string): string {
  const next = random(7);
  const lines = ["external_id,name,lng,lat,land_area_m2,condition,disputed"];
  for (let i = 0; i < rows; i++) {
    const lng = (105.8 + next() * 0.07).toFixed(5);
    const lat = (21.0 + next() * 0.05).toFixed(5);
    lines.push(`${prefix}-${i},Cơ sở ${i},${lng},${lat},${Math.round(200 + next() * 5000)},fair,no`);
  }
  return `${lines.join("\n")}\n`;
}

describeEachDatabase("import killed mid-way", (kind) => {
  let h: Harness;
  let server: ChildProcess | undefined;
  afterAll(async () => {
    server?.kill("SIGKILL");
    await h.close();
  });
  beforeAll(async () => {
    h = await openHarness(kind);
  });

  it("kill -9 of the server during a 20,000-row import leaves none of its rows and a sound database", async () => {
    const editor = await h.user("kill-editor", "editor", "01");
    const { port, process: child } = await startServer(h.url);
    server = child;
    const csv = bigCsv(20_000, "K");
    const request = fetch(`http://127.0.0.1:${port}/api/import?province=01`, {
      method: "POST",
      headers: { authorization: `Bearer ${editor.token}`, "content-type": "text/csv" },
      body: csv,
    }).catch((e: Error) => e);
    await waitUntilWriting(kind, h);
    child.kill("SIGKILL");
    expect(await request).toBeInstanceOf(Error);

    const reopened = await openDatabase(h.url);
    const n = await reopened.db
      .selectFrom("facilities")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const events = await reopened.db
      .selectFrom("events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    expect(Number(events.n)).toBe(0);
    if (kind === "sqlite") {
      const { sql } = await import("kysely");
      const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(reopened.db);
      expect(check.rows[0]?.integrity_check).toBe("ok");
    }
    await reopened.close();
    const again = await h.api("POST", "/api/import?province=01", {
      as: editor,
      raw: bigCsv(300, "K"),
      headers: { "content-type": "text/csv" },
    });
    expect(await again.json()).toMatchObject({ created: 300 });
  }, 120_000);
});

/** Waits until the import's transaction is writing: SQLite's WAL grows, or PostgreSQL shows the insert. */
async function waitUntilWriting(kind: string, h: Harness): Promise<void> {
  const started = Date.now();
  const walSize = () => {
    try {
      return statSync(`${h.url}-wal`).size;
    } catch {
      return 0;
    }
  };
  const base = walSize();
  while (Date.now() - started < 60_000) {
    if (kind === "sqlite" && walSize() > base + 1_000_000) return;
    if (kind === "postgres") {
      const { sql } = await import("kysely");
      const r = await sql<{ n: number }>`SELECT count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`.execute(
        h.database.db,
      );
      if (Number(r.rows[0]?.n) > 0) {
        await new Promise((r) => setTimeout(r, 300));
        return;
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the import never started writing");
}
